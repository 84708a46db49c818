/** The OpenType layout features of a font file: TrueType, OpenType or WOFF2. */
import { brotliDecompressSync } from 'node:zlib';
import { KNOWN_TAGS } from '../../src/render/woff2.js';

/** The GSUB and GPOS feature tags of a TrueType/OpenType or WOFF2 font. */
export function layoutFeatures(font: Uint8Array): Set<string> {
  const tables = fontTables(font);
  const tags = new Set<string>();
  if (tables.has('kern')) tags.add('kern');
  for (const name of ['GSUB', 'GPOS']) {
    const table = tables.get(name);
    if (!table) continue;
    const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
    const list = view.getUint16(6);
    for (let i = 0; i < view.getUint16(list); i++) tags.add(ascii(table, list + 2 + 6 * i));
  }
  return tags;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

export function fontTables(font: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, Uint8Array>();
  if (ascii(font, 0) !== 'wOF2') {
    for (let i = 0; i < view.getUint16(4); i++) {
      const at = 12 + 16 * i;
      const offset = view.getUint32(at + 8);
      tables.set(ascii(font, at), font.subarray(offset, offset + view.getUint32(at + 12)));
    }
    return tables;
  }
  // WOFF2: a directory of (flags, tag, lengths), then every table in one Brotli stream.
  let at = 48;
  const base128 = (): number => {
    let value = 0;
    for (;;) {
      const byte = font[at++] ?? 0;
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return value;
    }
  };
  const entries: { tag: string; length: number }[] = [];
  for (let i = 0; i < view.getUint16(12); i++) {
    const flags = font[at++] ?? 0;
    let tag = KNOWN_TAGS[flags & 63] ?? `#${flags & 63}`;
    if ((flags & 63) === 63) {
      tag = ascii(font, at);
      at += 4;
    }
    const original = base128();
    const version = flags >> 6;
    const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
    entries.push({ tag, length: transformed ? base128() : original });
  }
  const stream = brotliDecompressSync(font.subarray(at, at + view.getUint32(20)));
  let offset = 0;
  for (const { tag, length } of entries) {
    tables.set(tag, stream.subarray(offset, offset + length));
    offset += length;
  }
  return tables;
}
