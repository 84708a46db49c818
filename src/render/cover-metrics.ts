/**
 * How wide a line of the cover is set in one of the shipped faces: each character's advance
 * width read from the font file itself (its `cmap`, `hhea` and `hmtx` tables), so that the
 * cover's title is broken by what the letters measure, not by how many there are. Kerning is
 * left out; cover-layout.ts keeps a little room for it. Pure.
 */

import { FULL_WIDTH } from './script-characters.js';

export interface WidthTable {
  /** Advance width of a character, in em; characters the face lacks count as a wide letter. */
  advance(codePoint: number): number;
}

/** The width of `text` at `size` pixels. */

export function widthOf(table: WidthTable, text: string, size: number): number {
  let em = 0;
  // The display faces draw no CJK character; the Noto face that does sets each in a square.
  for (const char of text)
    em += FULL_WIDTH.test(char) ? 1 : table.advance(char.codePointAt(0) ?? 0);
  return em * size;
}

/** Reads the advance widths of a TrueType or OpenType font. */
export function widthTable(font: Uint8Array): WidthTable {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = tableDirectory(view);
  const at = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`the font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = view.getUint16(at('head') + 18);
  const metricsCount = view.getUint16(at('hhea') + 34);
  const hmtx = at('hmtx');
  const glyphOf = characterMap(view, at('cmap'));
  const advanceOfGlyph = (glyph: number) =>
    view.getUint16(hmtx + 4 * Math.min(glyph, metricsCount - 1));
  const wide = advanceOfGlyph(glyphOf(0x4d) ?? 0) / unitsPerEm;
  return {
    advance(codePoint) {
      const glyph = glyphOf(codePoint);
      return glyph === undefined ? wide : advanceOfGlyph(glyph) / unitsPerEm;
    },
  };
}

function tableDirectory(view: DataView): Map<string, number> {
  const count = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, view.getUint32(record + 8));
  }
  return tables;
}

/** The glyph of a character from the font's Unicode `cmap` subtable (format 12 or 4). */
function characterMap(view: DataView, cmap: number): (codePoint: number) => number | undefined {
  const count = view.getUint16(cmap + 2);
  const subtables = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + 8 * i;
    const offset = cmap + view.getUint32(record + 4);
    subtables.set(view.getUint16(offset), offset);
  }
  const full = subtables.get(12);
  if (full !== undefined) return format12(view, full);
  const basic = subtables.get(4);
  if (basic !== undefined) return format4(view, basic);
  throw new Error('the font has no Unicode character map');
}

function format12(view: DataView, table: number) {
  const groups = view.getUint32(table + 12);
  return (codePoint: number) => {
    for (let i = 0; i < groups; i++) {
      const group = table + 16 + 12 * i;
      const start = view.getUint32(group);
      if (codePoint >= start && codePoint <= view.getUint32(group + 4)) {
        return view.getUint32(group + 8) + codePoint - start || undefined;
      }
    }
    return undefined;
  };
}

function format4(view: DataView, table: number) {
  const segments = view.getUint16(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  return (codePoint: number) => {
    for (let i = 0; i < segments; i++) {
      if (codePoint > view.getUint16(ends + 2 * i)) continue;
      const start = view.getUint16(starts + 2 * i);
      if (codePoint < start) return undefined;
      const delta = view.getUint16(deltas + 2 * i);
      const rangeOffset = view.getUint16(ranges + 2 * i);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff || undefined;
      const glyph = view.getUint16(ranges + 2 * i + rangeOffset + 2 * (codePoint - start));
      return glyph === 0 ? undefined : (glyph + delta) & 0xffff || undefined;
    }
    return undefined;
  };
}
