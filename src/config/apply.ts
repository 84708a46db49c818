/**
 * Precedence: defaults < configuration file < command-line flags. The configuration is
 * turned into the flags' own shape, so that one parser (cli/options.ts) validates both.
 */
import path from 'node:path';
import type { ConfigSilences } from '../check/silence.js';
import type { LoadedConfig } from './load.js';
import { positionOf } from './positions.js';

/** What commander knows of where an option's value came from. */
export interface OptionSources {
  options: readonly { attributeName(): string }[];
  getOptionValueSource(key: string): string | undefined;
}

/** The configuration as flags; its paths are relative to the file, made relative to `cwd`. */
export function configAsFlags(loaded: LoadedConfig, cwd = process.cwd()): Record<string, unknown> {
  const { config } = loaded;
  const at = (p: string | undefined) =>
    p === undefined ? undefined : path.relative(cwd, path.resolve(loaded.dir, p)) || '.';
  const flags: Record<string, unknown> = {
    out: at(config.out),
    lang: config.languages?.join(','),
    format: config.formats?.join(','),
    templates: at(config.templates),
    browser: config.browser === undefined ? undefined : path.resolve(loaded.dir, config.browser),
    paper: config.paper,
    timeout: config.timeout,
    strict: config.strict,
    rules: config.rules,
    silence: config.silence && configSilences(loaded, cwd),
  };
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
}

/** The configuration's silences, each placed at its line (a JS configuration has none). */
function configSilences(loaded: LoadedConfig, cwd: string): ConfigSilences {
  const file = path.relative(cwd, loaded.file) || loaded.file;
  const isPackage = path.basename(loaded.file) === 'package.json';
  const silence = loaded.config.silence ?? {};
  const places: ConfigSilences['places'] = {};
  for (const [name, rules] of Object.entries(silence)) {
    for (const rule of Object.keys(rules)) {
      const keys = ['silence', name, rule];
      const at = /\.[cm]?js$/.test(loaded.file)
        ? undefined
        : positionOf(loaded.file, isPackage ? ['build-article', ...keys] : keys);
      if (at) places[`${name}/${rule}`] = at;
    }
  }
  return { file, silence: silence as ConfigSilences['silence'], places };
}

/**
 * The command's options with the configuration's values under the flags given: a value
 * from the file replaces a default, never a flag. Only the options the command has are
 * taken, and `rules` where the command checks.
 */
export function withConfig(
  raw: Record<string, unknown>,
  command: OptionSources,
  fromFile: Record<string, unknown>,
  checks: boolean,
): Record<string, unknown> {
  const known = new Set(command.options.map((o) => o.attributeName()));
  if (checks) {
    known.add('rules');
    known.add('silence');
  }
  const merged = { ...raw };
  for (const [key, value] of Object.entries(fromFile)) {
    const source = command.getOptionValueSource(key);
    if (!known.has(key) || source === 'cli' || source === 'env') continue;
    merged[key] = value;
  }
  return merged;
}

/**
 * The options a command runs with: its flags over the configuration for its article folder
 * (the file named with --config, else the one found), over the defaults.
 */
export async function configuredOptions(
  articleDir: string,
  raw: Record<string, unknown>,
  command: OptionSources,
  checks: boolean,
): Promise<Record<string, unknown>> {
  const { loadConfig } = await import('./load.js');
  const named = typeof raw.config === 'string' ? raw.config : undefined;
  const loaded = await loadConfig(articleDir, named);
  return loaded ? withConfig(raw, command, configAsFlags(loaded), checks) : raw;
}
