/**
 * Finds and reads the configuration file the way JavaScript tools do (lilconfig): from the
 * article folder up to the project's root, or the file named with --config. JSON and YAML
 * are read with positions so that a mistake is reported at its line; a JS configuration is
 * imported only when it is the file found, since it runs code.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Loader, lilconfig } from 'lilconfig';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import type { ParsedConfig } from './schema.js';
import { refuseSpecialFiles, searchedFiles } from './special-files.js';

export const CONFIG_NAME = 'build-article';

/** Where a configuration is looked for in each folder, first found wins. */
export const SEARCH_PLACES = [
  'package.json',
  `.${CONFIG_NAME}rc`,
  `.${CONFIG_NAME}rc.json`,
  `.${CONFIG_NAME}rc.yaml`,
  `.${CONFIG_NAME}rc.yml`,
  `${CONFIG_NAME}.config.json`,
  `${CONFIG_NAME}.config.yaml`,
  `${CONFIG_NAME}.config.yml`,
  `${CONFIG_NAME}.config.js`,
  `${CONFIG_NAME}.config.mjs`,
  `${CONFIG_NAME}.config.cjs`,
];

export interface LoadedConfig {
  file: string;
  /** The folder the file is in: the paths it gives are relative to it. */
  dir: string;
  config: ParsedConfig;
}

/** A YAML anchor repeated more than this is refused, as in front matter. */
const MAX_ALIAS_COUNT = 100;

/** YAML (and JSON that JSON.parse refuses), with the line and column of a syntax error. */
const yamlLoader: Loader = (file, content) => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content.replace(/^\uFEFF/, ''), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new UserError(`the configuration is not valid: ${error.message.split('\n')[0]}`, {
      location: { file, line: pos.line, column: pos.col },
      hint: `fix the ${path.extname(file) === '.json' ? 'JSON' : 'YAML'} syntax at this line`,
    });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause;
    throw new UserError(`the configuration's YAML aliases (*name) expand too much`, {
      location: { file },
      hint: 'write the values out instead of repeating anchors (&name) and aliases (*name)',
      cause,
    });
  }
};

/** A JS configuration is a module that runs: its default export is the configuration. */
const jsLoader: Loader = async (file) => {
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new UserError(`the configuration could not be run: ${(error as Error).message}`, {
      location: { file },
      hint: 'fix the error in the configuration file, or write it as JSON or YAML',
      cause: error,
    });
  }
  if (module.default === undefined) {
    throw new UserError('the configuration file exports no configuration', {
      location: { file },
      hint: 'write "export default defineConfig({ … })" (or "module.exports = { … }" in a .cjs file)',
    });
  }
  return module.default;
};

/**
 * JSON.parse first: every package.json on the way up is read, and it is far faster than
 * the YAML parser, needed only for what JSON.parse refuses: JSON with comments, which YAML
 * reads, or a syntax error to point at.
 */
const jsonLoader: Loader = (file, content) => {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return yamlLoader(file, content);
  }
};

const explorer = (stopDir: string) =>
  lilconfig(CONFIG_NAME, {
    searchPlaces: SEARCH_PLACES,
    stopDir,
    loaders: {
      '.json': jsonLoader,
      '.yaml': yamlLoader,
      '.yml': yamlLoader,
      noExt: yamlLoader,
      '.js': jsLoader,
      '.mjs': jsLoader,
      '.cjs': jsLoader,
    },
  });

/**
 * The configuration for an article folder: the file named (--config), else the first one
 * found from the folder up to the project's root; undefined when there is none.
 */
export async function loadConfig(
  articleDir: string,
  named?: string,
  cwd = process.cwd(),
): Promise<LoadedConfig | undefined> {
  const start = path.resolve(cwd, articleDir);
  const shown = (file: string) => path.relative(cwd, file) || file;
  const stopDir = projectRoot(start, cwd);
  await refuseSpecialFiles(
    named !== undefined ? [path.resolve(cwd, named)] : searchedFiles(start, stopDir, SEARCH_PLACES),
    shown,
  );
  let found: Awaited<ReturnType<typeof loadNamed>>;
  try {
    found =
      named !== undefined
        ? await loadNamed(path.resolve(cwd, named), named)
        : await explorer(stopDir).search(start);
  } catch (error) {
    throw located(error, shown);
  }
  if (found === null || found.config === undefined) return undefined;
  // A YAML file of comments only is an empty configuration.
  if (found.config === null) found.config = {};
  const file = shown(found.filepath);
  // The schema is built only for a file that exists: most folders have none.
  const { configSchema } = await import('./schema.js');
  const result = configSchema.safeParse(found.config);
  if (!result.success) {
    const issue = result.error.issues[0];
    const { invalidConfig } = await import('./problems.js');
    if (issue) throw invalidConfig(issue, found.config, found.filepath, file);
    throw new Error(`the configuration schema refused ${file} without saying why`);
  }
  return { file, dir: path.dirname(found.filepath), config: result.data as ParsedConfig };
}

/**
 * The loaders know the file's absolute path; the user is shown it as typed from here. A
 * file that cannot be read (a folder, no permission) is the user's to fix, not a crash.
 */
function located(error: unknown, shown: (file: string) => string): unknown {
  if (error instanceof UserError && error.location !== undefined) {
    const location = { ...error.location, file: shown(error.location.file) };
    return new UserError(error.message, { hint: error.hint, location, cause: error.cause });
  }
  const { code, path: file } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string') return error;
  return new UserError(`a configuration file cannot be read: ${(error as Error).message}`, {
    ...(typeof file === 'string' ? { location: { file: shown(file) } } : {}),
    hint: 'a file or folder named as a configuration (build-article.config.*, .build-articlerc*, package.json) in the article folder or above it cannot be read: make it a readable file, or remove it',
    cause: error,
  });
}

async function loadNamed(file: string, typed: string) {
  if (!existsSync(file)) {
    throw new UserError(`the configuration file ${typed} does not exist`, {
      hint: 'check the path given to --config (it is relative to the current folder)',
    });
  }
  const base = path.basename(file);
  const ext = path.extname(base);
  if (ext !== '' && !(ext in LOADABLE)) {
    throw new UserError(`--config cannot read ${base}`, {
      hint: 'name a .json, .yaml, .yml, .js, .mjs or .cjs file, a package.json, or a .build-articlerc',
    });
  }
  const found = await explorer(path.dirname(file)).load(file);
  if (base === 'package.json' && (found === null || found.config == null)) {
    throw new UserError(`${path.basename(file)} has no "${CONFIG_NAME}" key`, {
      location: { file },
      hint: `add a "${CONFIG_NAME}": { … } object to it, or name another file with --config`,
    });
  }
  return found;
}

const LOADABLE = { '.json': 1, '.yaml': 1, '.yml': 1, '.js': 1, '.mjs': 1, '.cjs': 1 };

/**
 * How far up the search goes: the nearest folder with a package.json or a .git, where a
 * project's configuration lives; outside any project, the working folder or the article's.
 */
export function projectRoot(start: string, cwd: string): string {
  for (let dir = start; ; ) {
    if (existsSync(path.join(dir, 'package.json')) || existsSync(path.join(dir, '.git'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const fromCwd = path.relative(cwd, start);
  return fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? start : cwd;
}
