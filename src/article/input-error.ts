/**
 * A problem with one file of the article (an edition or an image), named by a rule id.
 * loadArticle() turns these into error findings so that every such problem in every
 * language is reported in one run, instead of stopping at the first.
 */
import type { Finding } from '../check/findings.js';
import { type SourceLocation, UserError } from '../errors.js';

export class InputError extends UserError {
  readonly rule: string;
  /** More problems found in the same file at the same time (front matter fields). */
  others: InputError[] = [];

  constructor(
    rule: string,
    message: string,
    options: { hint: string; location: SourceLocation; cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InputError';
    this.rule = rule;
  }

  with(others: InputError[]): this {
    this.others = others;
    return this;
  }

  toFindings(): Finding[] {
    return [this.toFinding(), ...this.others.map((e) => e.toFinding())];
  }

  toFinding(): Finding {
    const { file, line, column } = this.location ?? { file: '' };
    return {
      severity: 'error',
      rule: this.rule,
      message: this.message,
      hint: this.hint,
      file,
      ...(line === undefined ? {} : { line, column: column ?? 1 }),
    };
  }
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; problems: Finding[] };

/** Runs `read`; an InputError becomes problems to report, anything else is a bug and is thrown. */
export async function attempt<T>(read: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ok: false, problems: error.toFindings() };
  }
}

/** Long sources (a data: URL) are cut in messages so that one finding stays one screen. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
