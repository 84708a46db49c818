/**
 * Control characters (NUL, BEL, ESC…) cannot appear in XML at all, so one in a language
 * file would make the EPUB's XHTML, package and navigation malformed, and HTML checkers
 * flag them too. They are refused where they are, before anything is built.
 */
import { InputError } from './input-error.js';

// Tab, line feed and carriage return are text; the C0 and C1 controls, DEL and the two
// non-characters U+FFFE/U+FFFF are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

const NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BS',
  11: 'VT',
  12: 'FF',
  27: 'ESC',
  127: 'DEL',
};

/** Throws an InputError at the first control character of `text`, if there is one. */
export function refuseControlCharacters(text: string, file: string): void {
  const match = CONTROL.exec(text);
  if (!match) return;
  const code = match[0].charCodeAt(0);
  const before = text.slice(0, match.index).split('\n');
  const column = [...(before[before.length - 1] ?? '')].length + 1;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${NAMES[code] ? ` (${NAMES[code]})` : ''}`;
  throw new InputError(
    'file-control-character',
    `the file contains the control character ${name}`,
    {
      location: { file, line: before.length, column },
      hint: 'delete it (it is invisible in most editors: search for it, or run: grep -nP "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]" on the file)',
    },
  );
}
