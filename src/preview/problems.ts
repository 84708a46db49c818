/**
 * What the preview shows when an article cannot be built: every UserError, check finding
 * or crash as one shape, with where it is (file:line:column) and how to fix it.
 */
import { type Finding, formatFinding } from '../check/findings.js';
import { formatLocation, formatUserError, UserError } from '../errors.js';

export interface Problem {
  severity: 'error' | 'warning' | 'note';
  /** "file:line:column", or "" when the problem has no place in a file. */
  where: string;
  message: string;
  hint: string;
  /** The text the terminal prints for it, the same as a build would. */
  text: string;
}

export function fromFinding(finding: Finding): Problem {
  const { file, line, column } = finding;
  return {
    severity: finding.severity,
    where: formatLocation({ file, line, column }),
    message: `${finding.message} [${finding.rule}]`,
    hint: finding.hint,
    text: formatFinding(finding),
  };
}

/** A UserError keeps its place and hint; anything else is a bug in build-article. */
export function fromError(error: unknown): Problem {
  if (error instanceof UserError) {
    return {
      severity: 'error',
      where: formatLocation(error.location),
      message: error.message,
      hint: error.hint,
      text: formatUserError(error),
    };
  }
  const message = `build-article crashed: ${(error as Error)?.message ?? String(error)}`;
  return {
    severity: 'error',
    where: '',
    message,
    hint: 'this is a bug in build-article, not in your article; the terminal shows its stack',
    text: message,
  };
}
