/**
 * Cuts a face down to the characters a page shows, keeping the OpenType features the
 * stylesheets may ask for (hb-subset). Each face is cut once per set of characters and
 * process: the preview cuts again only the faces whose characters a save changed.
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
 * What the faces of other scripts (script-fonts.ts) keep besides: Arabic's joining forms,
 * cursive attachment and lam-alef; the Indic conjuncts, half forms and reph; the CJK
 * half-width punctuation Chromium's `text-spacing-trim` asks for.
 */
// biome-ignore format: grouped by script
export const SCRIPT_FEATURES = [
  ...KEPT_FEATURES,
  'isol', 'init', 'medi', 'fina', 'med2', 'fin2', 'fin3', 'curs', 'dist', 'rclt', 'stch',
  'nukt', 'akhn', 'rphf', 'rkrf', 'pref', 'blwf', 'half', 'abvf', 'pstf', 'cfar', 'vatu',
  'cjct', 'pres', 'abvs', 'blws', 'psts', 'haln', 'abvm', 'blwm',
  'halt', 'chws', 'palt', 'fwid', 'hwid', 'pwid',
];

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
  features: string[] = KEPT_FEATURES,
): Promise<Uint8Array> {
  return cached(`${id}\0${characters}`, async () =>
    sfntToWoff2(await subsetSfnt(source, codePoints(characters), features)),
  );
}
