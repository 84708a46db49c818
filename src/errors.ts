/**
 * The one error type for mistakes a user can fix: bad input, a missing browser, an
 * unwritable folder. Anything else that is thrown is a bug and is shown with its stack.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;

export class UserError extends Error {
  readonly hint: string;
  readonly location: SourceLocation | undefined;
  readonly exitCode: number;

  constructor(
    message: string,
    options: { hint: string; location?: SourceLocation; exitCode?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.hint = options.hint;
    this.location = options.location;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  const parts = [location.file];
  if (location.line !== undefined) parts.push(String(location.line));
  if (location.line !== undefined && location.column !== undefined) {
    parts.push(String(location.column));
  }
  return parts.join(':');
}

/** "file:line:col: message\n  hint: …" — the shape every user-facing problem is printed in. */
export function formatUserError(error: UserError): string {
  const where = formatLocation(error.location);
  return `${where ? `${where}: ` : ''}${error.message}\n  hint: ${error.hint}`;
}
