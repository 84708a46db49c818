/**
 * A language file's bytes as text. Markdown files are UTF-8; a file saved as UTF-16 (what
 * some Windows editors call "Unicode") is named as such, with the command that converts
 * it, rather than reported as a bad byte or as a NUL control character on line 1.
 */
import { InputError } from './input-error.js';

/** "UTF-16LE"/"UTF-16BE" when the bytes are UTF-16 text, by byte order mark or by NULs. */
export function utf16Of(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  // Without a mark: text in Latin script has a NUL in every other byte, and UTF-8 Markdown
  // has none (a NUL is refused anyway). Only the start of the file is looked at.
  const pairs = Math.min(256, Math.floor(bytes.length / 2));
  if (pairs < 2) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (bytes[2 * i] === 0) even += 1;
    if (bytes[2 * i + 1] === 0) odd += 1;
  }
  if (odd >= pairs * 0.8 && even === 0) return 'UTF-16LE';
  if (even >= pairs * 0.8 && odd === 0) return 'UTF-16BE';
  return undefined;
}

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    throw new InputError('file-encoding', `the file is ${utf16} text, not UTF-8`, {
      location: { file, line: 1, column: 1 },
      hint: `save the file as UTF-8 in your editor (or convert it: iconv -f ${utf16.toLowerCase()} -t utf-8)`,
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const before = text.slice(0, text.indexOf('\uFFFD')).split('\n');
    const column = [...(before[before.length - 1] ?? '')].length + 1;
    throw new InputError('file-encoding', 'the file is not valid UTF-8 text', {
      location: { file, line: before.length, column },
      hint: 'save the file as UTF-8 in your editor (or convert it: iconv -f latin1 -t utf-8)',
    });
  }
}
