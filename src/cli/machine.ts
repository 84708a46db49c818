/**
 * What the CLI writes on stdout for programs: the JSON report (--json) and GitHub's
 * workflow commands (--reporter github). Every JSON report, whatever happened, has the same
 * spine — `version`, `ok`, `findings` and their `counts` — so that CI can read one shape.
 */
import type { BuildResult } from '../build.js';
import type { Finding, Severity } from '../check/findings.js';
import type { SilencedFinding } from '../check/silence.js';
import { formatLocation, type UserError } from '../errors.js';
import { VERSION } from '../version.js';

export type Counts = Record<Severity, number>;

export function countBySeverity(findings: Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function spine(ok: boolean, findings: Finding[]) {
  return { version: VERSION, ok, counts: countBySeverity(findings), findings };
}

export function buildReport(result: BuildResult, ok: boolean) {
  return {
    ...spine(ok, result.findings),
    ms: Math.round(result.ms),
    editions: result.editions.map((e) => ({
      lang: e.lang,
      format: e.format,
      path: e.path,
      ok: e.ok,
      bytes: e.bytes,
      sha256: e.sha256,
      ms: Math.round(e.ms),
      ...(e.error ? { error: { message: e.error.message, hint: e.error.hint } } : {}),
    })),
    ...(result.browser ? { browser: result.browser } : {}),
  };
}

/** A check's report: its findings, and those the article's silences answer for, with why. */
export function checkReport(findings: Finding[], ok: boolean, silenced: SilencedFinding[] = []) {
  return { ...spine(ok, findings), silenced };
}

/**
 * A run that stopped before writing anything: a usage error, bad input, or check errors
 * (then `findings` lists them one by one and `error.message` only sums them up).
 */
export function errorReport(
  error: { message: string; hint?: string; location?: UserError['location'] },
  extra: { findings?: Finding[]; usage?: boolean; bug?: boolean } = {},
) {
  return {
    ...spine(false, extra.findings ?? []),
    error: {
      message: error.message,
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      ...error.location,
      ...(extra.usage ? { usage: true } : {}),
      ...(extra.bug ? { bug: true } : {}),
    },
  };
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * GitHub's workflow commands ("::error file=en.md,line=9,col=1,title=alt-missing::…"),
 * which the runner reads from stdout and shows on the changed lines of a pull request.
 * The message keeps the hint on a second line, encoded as GitHub asks.
 */
export function annotation(
  severity: Severity,
  message: string,
  where: { file?: string; line?: number; column?: number; title?: string } = {},
): string {
  const properties = [
    where.file !== undefined ? `file=${escapeProperty(where.file)}` : '',
    where.file !== undefined && where.line !== undefined ? `line=${where.line}` : '',
    where.file !== undefined && where.line !== undefined && where.column !== undefined
      ? `col=${where.column}`
      : '',
    where.title !== undefined ? `title=${escapeProperty(where.title)}` : '',
  ].filter(Boolean);
  return `::${COMMAND[severity]}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeData(message)}`;
}

export function findingAnnotation(f: Finding): string {
  return annotation(f.severity, `${f.message}\nhint: ${f.hint}`, {
    file: f.file,
    line: f.line,
    column: f.column,
    title: `build-article ${f.rule}`,
  });
}

export function errorAnnotation(error: {
  message: string;
  hint?: string;
  location?: UserError['location'];
}): string {
  const text = error.hint !== undefined ? `${error.message}\nhint: ${error.hint}` : error.message;
  return annotation('error', text, {
    ...error.location,
    title: error.location ? `build-article: ${formatLocation(error.location)}` : 'build-article',
  });
}

export function writeAnnotations(lines: string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
