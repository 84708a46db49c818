/**
 * The fonts of a page as text extraction reads them: each font's character codes, their
 * width and the Unicode text its ToUnicode map gives them.
 */
import { PDFDict, type PDFDocument, PDFName, type PDFPage, PDFRawStream } from 'pdf-lib';
import { resolve, streamText } from './syntax.js';

const name = (key: string) => PDFName.of(key);

/** A font's character codes: their width in bytes and their Unicode text (ToUnicode). */
export interface CodeMap {
  bytes: 1 | 2;
  unicode: Map<number, string> | undefined;
}

/** A shown string as text: codes through the font's ToUnicode map (latin1 for a simple font without one). */
export function decodeShown(bytes: Uint8Array, font: CodeMap | undefined): string {
  const width = font?.bytes ?? 1;
  let text = '';
  for (let i = 0; i + width <= bytes.length; i += width) {
    const code = width === 2 ? ((bytes[i] as number) << 8) | (bytes[i + 1] as number) : bytes[i];
    const mapped = font?.unicode?.get(code as number);
    if (mapped !== undefined) text += mapped;
    else if (width === 1) text += String.fromCharCode(code as number);
  }
  return text;
}

/** The code map of each font of the page's resources, by resource name, read when first used. */
export function fontMaps(pdf: PDFDocument, page: PDFPage): (key: string) => CodeMap | undefined {
  const resources = resolve(pdf, page.node.Resources());
  const fonts =
    resources instanceof PDFDict ? resolve(pdf, resources.get(name('Font'))) : undefined;
  const cache = new Map<string, CodeMap | undefined>();
  return (key) => {
    if (cache.has(key)) return cache.get(key);
    const font = fonts instanceof PDFDict ? resolve(pdf, fonts.get(name(key))) : undefined;
    let map: CodeMap | undefined;
    if (font instanceof PDFDict) {
      const cmap = resolve(pdf, font.get(name('ToUnicode')));
      const composite = font.get(name('Subtype')) === name('Type0');
      map = {
        bytes: composite ? 2 : 1,
        unicode: cmap instanceof PDFRawStream ? toUnicode(cmap) : undefined,
      };
    }
    cache.set(key, map);
    return map;
  };
}

/** A ToUnicode CMap's bfchar and bfrange entries as code → text. */
function toUnicode(stream: PDFRawStream): Map<number, string> {
  const cmap = streamText(stream);
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4)
      units.push(Number.parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of (body ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set(Number.parseInt(code ?? '', 16), utf16(text ?? ''));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const entries = (body ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g,
    );
    for (const [, lo, hi, start, list] of entries) {
      const [from, to] = [Number.parseInt(lo ?? '', 16), Number.parseInt(hi ?? '', 16)];
      if (list !== undefined) {
        const texts = [...list.matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => utf16(m[1] ?? ''));
        texts.forEach((text, offset) => {
          if (from + offset <= to) map.set(from + offset, text);
        });
      } else if (start) {
        // The last UTF-16 unit counts up through the range.
        const head = utf16(start.slice(0, -4));
        const base = Number.parseInt(start.slice(-4), 16);
        for (let code = from; code <= to && code - from <= 0xffff; code++)
          map.set(code, head + String.fromCharCode(base + code - from));
      }
    }
  }
  return map;
}
