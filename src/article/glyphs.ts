/**
 * A character that no shipped face draws would be drawn by whatever font the reader's machine
 * has, or printed as an empty box, and the PDF would carry the machine's font: it is refused
 * where it is written (`glyph-missing`), with the character's name and code. The faces are
 * Source Serif 4 (Latin, Cyrillic, Greek) and the Noto families of script-fonts.ts; a CJK family
 * that is an optional package and not installed is named with the command that installs it.
 *
 * Loaded only for a file with a character outside the few ranges Source Serif surely draws.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SCRIPT_CHARACTERS } from '../render/script-characters.js';
import {
  familiesFor,
  installedDir,
  installHint,
  type ScriptFamily,
} from '../render/script-fonts.js';
import { InputError } from './input-error.js';

type Covers = (code: number) => boolean;

let textFace: Covers | undefined;

/** The code points Source Serif 4's regular face maps (its cmap), read once per process. */
function textCovers(): Covers {
  if (!textFace) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('source-serif/package.json'));
    textFace = cmapCovers(readFileSync(path.join(dir, 'TTF/SourceSerif4-Regular.ttf')));
  }
  return textFace;
}

const familyCovers = new Map<ScriptFamily, Covers | undefined>();

/** What a script family's slices declare they draw, or undefined when it is not installed. */
function scriptCovers(family: ScriptFamily): Covers | undefined {
  if (!familyCovers.has(family)) {
    const dir = installedDir(family);
    let covers: Covers | undefined;
    if (dir) {
      const ranges = Object.values(
        JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>,
      ).flatMap((range) => range.split(','));
      const spans = ranges.map((part) => {
        const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
        const start = Number.parseInt(from ?? '', 16);
        return [start, to ? Number.parseInt(to, 16) : start] as const;
      });
      covers = (code) => spans.some(([from, to]) => code >= from && code <= to);
    }
    familyCovers.set(family, covers);
  }
  return familyCovers.get(family);
}

/** Characters no face draws and that draw nothing: spaces, joiners, marks of direction. */
const INVISIBLE = /[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;
/** Variation selectors: they choose a form of the character before them, drawn or not. */
const isSelector = (c: string): boolean => /^[\ufe00-\ufe0f]$/u.test(c);

/**
 * Throws an InputError at the first place of each character of `text` (the file as written,
 * front matter too: titles and captions are drawn) that no shipped face draws.
 */
export function refuseUndrawable(text: string, file: string, lang: string): void {
  const problems: InputError[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    let column = 0;
    for (const c of line) {
      column++;
      if (seen.has(c) || INVISIBLE.test(c) || isSelector(c)) continue;
      const problem = undrawable(c, lang);
      seen.add(c);
      // A font that is not installed is named once, where the file first needs it.
      if (!problem || seen.has(problem.key)) continue;
      seen.add(problem.key);
      const location = { file, line: index + 1, column };
      problems.push(
        new InputError('glyph-missing', problem.message, { location, hint: problem.hint }),
      );
    }
  });
  const [first, ...others] = problems;
  if (first) throw first.with(others);
}

function undrawable(
  c: string,
  lang: string,
): { key: string; message: string; hint: string } | undefined {
  const code = c.codePointAt(0) ?? 0;
  if (textCovers()(code)) return undefined;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const family = SCRIPT_CHARACTERS.test(c) ? familiesFor(c, lang)[0] : undefined;
  if (family) {
    const covers = scriptCovers(family);
    if (!covers) {
      return {
        key: family.name,
        message: `the ${family.family} font, which draws "${c}" (${name}) and the rest of this script, is not installed`,
        hint: installHint(family),
      };
    }
    if (covers(code)) return undefined;
  }
  return {
    key: `character ${c}`,
    message: `no font build-article ships draws "${c}" (${name})`,
    hint: 'write the character another way (a picture with alt text for a symbol, a plain letter for a variant), or remove it: a reader would see an empty box or another font',
  };
}

/** The code points a TrueType or OpenType font's cmap maps (format 12, else format 4). */
export function cmapCovers(font: Uint8Array): Covers {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const at = 12 + 16 * i;
    if (String.fromCharCode(...font.subarray(at, at + 4)) === 'cmap') cmap = view.getUint32(at + 8);
  }
  if (cmap < 0) return () => false;
  const subtables = Array.from({ length: view.getUint16(cmap + 2) }, (_, i) => {
    const at = cmap + 4 + 8 * i;
    const offset = cmap + view.getUint32(at + 4);
    return { format: view.getUint16(offset), offset };
  });
  const spans: [number, number][] = [];
  const long = subtables.find((t) => t.format === 12);
  const short = subtables.find((t) => t.format === 4);
  if (long) {
    const groups = view.getUint32(long.offset + 12);
    for (let i = 0; i < groups; i++) {
      const at = long.offset + 16 + 12 * i;
      spans.push([view.getUint32(at), view.getUint32(at + 4)]);
    }
  } else if (short) {
    const segments = view.getUint16(short.offset + 6) / 2;
    const ends = short.offset + 14;
    const starts = ends + 2 * segments + 2;
    for (let i = 0; i < segments; i++) {
      const end = view.getUint16(ends + 2 * i);
      if (end !== 0xffff) spans.push([view.getUint16(starts + 2 * i), end]);
    }
  }
  return (code) => spans.some(([from, to]) => code >= from && code <= to);
}
