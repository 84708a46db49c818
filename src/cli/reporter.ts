/**
 * Everything the CLI says on stderr: one line per edition, findings, errors. Colour and
 * the live progress line only on a terminal (NO_COLOR and FORCE_COLOR are honoured).
 */
import path from 'node:path';
import type { EditionResult } from '../build.js';
import { type Finding, formatFinding } from '../check/findings.js';
import type { SilencedFinding } from '../check/silence.js';
import { formatLocation, formatUserError, type UserError } from '../errors.js';

/** Red errors, yellow warnings, cyan notes. */
const SEVERITY_COLOUR = { error: '31', warning: '33', note: '36' } as const;

export interface Reporter {
  edition(result: EditionResult): void;
  findings(findings: Finding[]): void;
  /** What the article's silences answer for: listed, so that none goes unseen. */
  silenced(silenced: SilencedFinding[]): void;
  error(error: UserError): void;
  bug(error: unknown): void;
  progress(done: number, total: number): void;
  done(): void;
}

export function useColor(stream: NodeJS.WriteStream, env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export function createReporter(
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): Reporter {
  const color = useColor(stream);
  const live = stream.isTTY === true && !quiet;
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  let progressShown = false;
  const clear = () => {
    if (progressShown) stream.write('\r\x1b[2K');
    progressShown = false;
  };
  const line = (text: string) => {
    clear();
    stream.write(`${text}\n`);
  };
  return {
    edition(result) {
      const where = path.relative(process.cwd(), result.path) || result.path;
      const ms = `${Math.round(result.ms)} ms`.padStart(8);
      if (result.ok) {
        if (!quiet)
          line(
            `${paint('32', '✓')} ${result.lang.padEnd(5)} ${result.format.padEnd(4)} ${where}  ${formatSize(result.bytes ?? 0)}  ${ms}`,
          );
      } else {
        line(
          `${paint('31', '✗')} ${result.lang.padEnd(5)} ${result.format.padEnd(4)} ${where}  failed after ${Math.round(result.ms)} ms`,
        );
        if (result.error) line(`  ${formatUserError(result.error).replace(/\n/g, '\n  ')}`);
      }
    },
    findings(findings) {
      for (const f of findings) line(paint(SEVERITY_COLOUR[f.severity], formatFinding(f)));
    },
    silenced(silenced) {
      if (silenced.length > 0) line(`silenced (${silenced.length}):`);
      for (const f of silenced) {
        line(
          paint(
            '2',
            `${formatFinding(f)}\n  silenced at ${formatLocation(f.silencedAt)}: ${f.reason}`,
          ),
        );
      }
    },
    error(error) {
      line(`${paint('31', 'error:')} ${formatUserError(error)}`);
    },
    bug(error) {
      line(
        `${paint('31', 'build-article crashed; this is a bug, please report it:')}\n${(error as Error)?.stack ?? String(error)}`,
      );
    },
    progress(done, total) {
      if (!live) return;
      clear();
      stream.write(`building editions… ${done}/${total}`);
      progressShown = true;
    },
    done: clear,
  };
}
