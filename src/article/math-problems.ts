/**
 * TeX that temml cannot read is an error of the edition, at the formula's line: every bad
 * formula of the file is reported at once, and nothing is written.
 */
import type { ParsedDocument } from '../markdown/document.js';
import { InputError } from './input-error.js';

export function refuseBadMath(doc: ParsedDocument, file: string): void {
  const [first, ...rest] = doc.mathProblems.map(
    ({ tex, line, column, message }) =>
      new InputError('math-tex', `the TeX ${quote(tex)} cannot be set: ${message}`, {
        location: { file, line, column },
        hint: 'correct the TeX between the dollar signs; a dollar sign meant as money is written \\$, or with a space or a figure after the closing one',
      }),
  );
  if (first) throw first.with(rest);
}

function quote(tex: string): string {
  const short = tex.length > 60 ? `${tex.slice(0, 57)}…` : tex;
  return `"${short.replace(/\s+/g, ' ')}"`;
}
