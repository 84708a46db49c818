/**
 * Cuts a face down to the characters an edition shows, keeping the OpenType features the
 * stylesheets may ask for (hb-subset). Each face is cut once per set of characters and
 * process: the HTML, PDF and EPUB editions of a language usually share one cut.
 */
import { subsetSfnt } from './hb-subset.js';
import { sfntToWoff2 } from './woff2.js';

/**
 * The layout features a subset keeps, with the glyphs they reach from the edition's
 * characters: kerning, ligatures, marks and localized forms; the figures and small capitals
 * that `font-variant-numeric` and `font-variant-caps` turn on; `case`. The superiors,
 * fractions and ordinals the fonts also have are dropped (no stylesheet asks for them yet:
 * they would add a third to each face); test/render/font-features.test.ts fails if one does.
 */
// biome-ignore format: grouped by what asks for them
export const KEPT_FEATURES = [
  'kern', 'liga', 'clig', 'calt', 'ccmp', 'locl', 'mark', 'mkmk', 'rlig',
  'onum', 'lnum', 'pnum', 'tnum', 'smcp', 'c2sc', 'case',
];

/**
 * Kept whatever the text: ASCII (markup and labels of a template of one's own are mostly
 * that), the no-break and soft hyphen and the hyphen a browser draws where it breaks a word,
 * dashes, quotes and the ellipsis.
 */
// biome-ignore format: a set of code points
const ALWAYS: number[] = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  0xa0, 0xab, 0xad, 0xbb, 0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026,
];

/**
 * The characters of a text (numeric character references decoded) and `ALWAYS`, sorted; only
 * the rest of Unicode is looked for, as ASCII is always there.
 */
export function charactersOf(text: string): string {
  const codes = new Set(ALWAYS);
  for (const [c] of text.matchAll(/[^\0-\x7f]/gu)) codes.add(c.codePointAt(0) ?? 0x20);
  for (const [, ref] of text.matchAll(/&#(x[0-9a-f]+|\d+);/gi)) {
    const code =
      ref?.startsWith('x') || ref?.startsWith('X')
        ? Number.parseInt(ref.slice(1), 16)
        : Number(ref);
    if (code <= 0x10ffff) codes.add(code);
  }
  return String.fromCodePoint(...[...codes].sort((a, b) => a - b));
}

function codePoints(characters: string): number[] {
  return Array.from(characters, (c) => c.codePointAt(0) ?? 0x20);
}

/** Cuts per process, oldest dropped first: the preview cuts again as the text changes. */
const CACHE_SIZE = 64;
const cuts = new Map<string, Promise<Uint8Array>>();

function cached(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let entry = cuts.get(key);
  if (!entry) {
    entry = make();
    entry.catch(() => cuts.delete(key));
    cuts.set(key, entry);
    for (const oldest of cuts.keys()) {
      if (cuts.size <= CACHE_SIZE) break;
      cuts.delete(oldest);
    }
  }
  return entry;
}

/** `source` (TrueType or OpenType; `id` names it in the cache) cut to `characters`, as WOFF2. */
export function subsetFace(
  source: Uint8Array,
  id: string,
  characters: string,
): Promise<Uint8Array> {
  return cached(`${id}\0${characters}`, async () =>
    sfntToWoff2(await subsetSfnt(source, codePoints(characters), KEPT_FEATURES)),
  );
}
