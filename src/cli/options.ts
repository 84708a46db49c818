/** argv strings -> validated build options, with the same schema library as the front matter. */
import * as z from 'zod/mini';
import { EXIT, UserError } from '../errors.js';
import { FORMATS, type Format } from '../render/model.js';
import { PAPER_NAMES, type Paper } from '../render/paper.js';

/** Where findings and results go for programs besides stderr's lines for people. */
export const REPORTERS = ['text', 'json', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export const buildFlagsSchema = z.object({
  out: z.string().check(z.minLength(1, 'must name a folder')),
  lang: z.optional(z.string()),
  format: z.optional(z.string()),
  templates: z.optional(z.string()),
  browser: z.optional(z.string()),
  paper: z.optional(z.enum(PAPER_NAMES, { error: `must be one of ${PAPER_NAMES.join(', ')}` })),
  timeout: z.coerce
    .number({ error: 'must be a number of seconds' })
    .check(z.positive('must be more than 0 seconds')),
  json: z.optional(z.boolean()),
  reporter: z.optional(z.enum(REPORTERS, { error: `must be one of ${REPORTERS.join(', ')}` })),
  strict: z.optional(z.boolean()),
  quiet: z.optional(z.boolean()),
});

export interface ParsedBuildFlags {
  out: string;
  langs: string[] | undefined;
  formats: Format[];
  templates: string | undefined;
  browser: string | undefined;
  paper: Paper | undefined;
  timeoutMs: number;
  json: boolean;
  reporter: ReporterName;
  strict: boolean;
  quiet: boolean;
}

export function parseBuildFlags(raw: Record<string, unknown>): ParsedBuildFlags {
  // Every choice is read in any case ("-f HTML", "--paper A4", "--reporter GitHub").
  const result = buildFlagsSchema.safeParse({
    ...raw,
    paper: paperName(raw.paper),
    format: lower(raw.format),
    reporter: lower(raw.reporter),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = String(issue?.path[0] ?? '');
    throw usage(`--${flag} ${issue?.message ?? 'is not valid'}`, 'see build-article --help');
  }
  const flags = result.data;
  const formats = flags.format !== undefined ? list(flags.format) : [...FORMATS];
  const unknown = formats.filter((f) => !FORMATS.includes(f as Format));
  if (unknown.length > 0 || formats.length === 0) {
    throw usage(
      formats.length === 0
        ? '--format is empty'
        : `--format has unknown format "${unknown.join(', ')}"`,
      'use a comma-separated list of html, pdf, epub',
    );
  }
  const langs = flags.lang !== undefined ? list(flags.lang).map(canonicalTag) : undefined;
  if (langs?.length === 0) {
    throw usage(
      '--lang is empty',
      'name the languages to build, e.g. --lang en,it, or leave --lang out for all',
    );
  }
  return {
    out: flags.out,
    langs,
    formats: [...new Set(formats)] as Format[],
    templates: flags.templates,
    browser: flags.browser,
    paper: flags.paper,
    timeoutMs: Math.min(flags.timeout * 1000, MAX_TIMEOUT_MS),
    json: flags.json === true || flags.reporter === 'json',
    reporter: reporterOf(flags),
    strict: flags.strict ?? false,
    quiet: flags.quiet ?? false,
  };
}

/** The one reporter on stdout: --json is the same as --reporter json; two different ones are refused. */
function reporterOf(flags: { json?: boolean; reporter?: ReporterName }): ReporterName {
  if (flags.json && flags.reporter !== undefined && flags.reporter !== 'json') {
    throw usage(
      `--json and --reporter ${flags.reporter} both write to stdout`,
      `choose one: --json for a JSON report, --reporter ${flags.reporter} for annotations`,
    );
  }
  return flags.json ? 'json' : (flags.reporter ?? 'text');
}

/** --strict, --json and --reporter of `check`, read as the build reads them. */
export function parseCheckFlags(raw: Record<string, unknown>): {
  strict: boolean;
  reporter: ReporterName;
  checkLinks: boolean;
  templates: string | undefined;
} {
  const reporter = z
    .optional(z.enum(REPORTERS, { error: `must be one of ${REPORTERS.join(', ')}` }))
    .safeParse(lower(raw.reporter));
  if (!reporter.success) {
    throw usage(
      `--reporter ${reporter.error.issues[0]?.message ?? 'is not valid'}`,
      'see build-article check --help',
    );
  }
  return {
    strict: raw.strict === true,
    reporter: reporterOf({ json: raw.json === true, reporter: reporter.data }),
    checkLinks: raw.checkLinks === true,
    templates: typeof raw.templates === 'string' ? raw.templates : undefined,
  };
}

function lower(raw: unknown): unknown {
  return typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
}

/**
 * Node's timers hold at most 2^31 - 1 ms (24.8 days): a longer delay fires after 1 ms. A
 * longer --timeout means "never give up", which this is in practice.
 */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** "EN" -> "en", "pt-br" -> "pt-BR": the same tag as the file name gives (en.md, EN.md). */
function canonicalTag(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

export function usage(message: string, hint: string): UserError {
  return new UserError(message, { hint, exitCode: EXIT.usage });
}

/** "A5", "Letter", "6x9", "6×9in" -> the paper's name in PAPERS; anything else as it was given. */
export function paperName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw.trim().toLowerCase().replace('×', 'x');
  return name === '6x9' ? '6x9in' : name;
}
