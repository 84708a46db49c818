/**
 * The face MathML is set in: STIX Two Math (SIL OFL 1.1, as @fontsource ships it), shipped
 * only in an edition with math, cut to the characters its formulas draw. Without it Chromium
 * takes the machine's math font (DejaVu Math TeX Gyre on Debian) into the PDF.
 *
 * The package ships WOFF 1 and WOFF 2; hb-subset reads neither, and WOFF 1 is an sfnt with
 * each table deflated on its own, so it is unpacked here (WOFF 1.0 §5, §6) with Node's zlib.
 */
import { inflateSync } from 'node:zlib';
import type { AnyNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { KEPT_FEATURES } from './font-subset.js';
import { subsetSfnt } from './hb-subset.js';
import { sfntToWoff2 } from './woff2.js';

/**
 * The layout features Chromium's MathML asks of a math font beside the text's: script-style
 * forms in sub- and superscripts, dotless forms under accents, flattened accents over tall bases.
 * The MATH table, with the size variants and parts of stretchy operators, is kept whole.
 */
const MATH_FEATURES = [...KEPT_FEATURES, 'ssty', 'dtls', 'flac'];

/** WOFF 1 -> the sfnt it wraps. */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1 font');
  const count = view.getUint16(12);
  const entries = Array.from({ length: count }, (_, i) => {
    const at = 44 + 20 * i;
    const [offset, compLength, origLength] = [4, 8, 12].map((k) => view.getUint32(at + k));
    const stored = woff.subarray(offset, (offset ?? 0) + (compLength ?? 0));
    return {
      tag: woff.subarray(at, at + 4),
      checksum: view.getUint32(at + 16),
      data: compLength === origLength ? stored : new Uint8Array(inflateSync(stored)),
    };
  });
  const headerSize = 12 + 16 * count;
  const size = entries.reduce((n, e) => n + pad4(e.data.byteLength), headerSize);
  const sfnt = new Uint8Array(size);
  const out = new DataView(sfnt.buffer);
  out.setUint32(0, view.getUint32(4));
  out.setUint16(4, count);
  const search = 2 ** Math.floor(Math.log2(count));
  out.setUint16(6, search * 16);
  out.setUint16(8, Math.log2(search));
  out.setUint16(10, count * 16 - search * 16);
  let offset = headerSize;
  entries.forEach((entry, i) => {
    const at = 12 + 16 * i;
    sfnt.set(entry.tag, at);
    out.setUint32(at + 4, entry.checksum);
    out.setUint32(at + 8, offset);
    out.setUint32(at + 12, entry.data.byteLength);
    sfnt.set(entry.data, offset);
    offset += pad4(entry.data.byteLength);
  });
  return sfnt;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The characters a page's formulas draw: the text of its `<math>` elements (their TeX
 * annotations aside), and for each letter its mathematical italic, which MathML draws for a
 * single-letter identifier (MathML Core's `text-transform: math-auto`).
 */
export function mathCharacters(html: string): string {
  const found = new Set<string>();
  const walk = (nodes: AnyNode[], inMath: boolean) => {
    for (const node of nodes) {
      if (node.type === 'text' && inMath) {
        for (const c of node.data) if (!/\s/.test(c)) found.add(c);
      } else if ('children' in node) {
        const name = node.type === 'tag' ? node.name : '';
        if (name === 'annotation') continue;
        walk(node.children, inMath || name === 'math');
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children, false);
  for (const c of [...found]) {
    const italic = mathItalic(c);
    if (italic) found.add(italic);
  }
  // The operators Chromium draws on its own: a fraction's bar and a root's sign need none.
  return [...found, '\u2212', '\u221a'].sort().join('');
}

/** MathML Core's italic mapping (Latin, dotless i and j, Greek, nabla, partial). */
function mathItalic(c: string): string | undefined {
  const code = c.codePointAt(0) ?? 0;
  const from = (base: number, first: number) => String.fromCodePoint(base + code - first);
  if (c === 'h') return '\u210e';
  if (c === 'ı') return '\u{1d6a4}';
  if (c === 'ȷ') return '\u{1d6a5}';
  if (c === '∇') return '\u{1d6fb}';
  if (c === '∂') return '\u{1d715}';
  if (code >= 0x41 && code <= 0x5a) return from(0x1d434, 0x41);
  if (code >= 0x61 && code <= 0x7a) return from(0x1d44e, 0x61);
  if (code >= 0x391 && code <= 0x3a9 && code !== 0x3a2) return from(0x1d6e2, 0x391);
  if (code >= 0x3b1 && code <= 0x3c9) return from(0x1d6fc, 0x3b1);
  return undefined;
}

/** Each face unpacked once: hb-subset keeps a face per source it is given. */
const unpacked = new WeakMap<Uint8Array, Uint8Array>();

/** The math face (WOFF 1) cut to `characters`, as WOFF2. */
export async function cutMathFace(woff: Uint8Array, characters: string): Promise<Uint8Array> {
  let sfnt = unpacked.get(woff);
  if (!sfnt) {
    sfnt = woffToSfnt(woff);
    unpacked.set(woff, sfnt);
  }
  const codes = Array.from(characters, (c) => c.codePointAt(0) ?? 0x20);
  return sfntToWoff2(await subsetSfnt(sfnt, codes, MATH_FEATURES));
}
