/**
 * The faces for the scripts Source Serif 4 does not draw: Arabic, Hebrew, Devanagari, and Han,
 * kana and Hangul. Each comes from a Noto family as @fontsource ships it (SIL OFL 1.1), in slices
 * with a unicode-range each; an edition carries only the slices its text reaches, each cut to
 * the characters it draws there, in the weights it is set in. Loaded only for a page that has
 * such characters: an edition in a Latin, Cyrillic or Greek script never reads any of it.
 *
 * Arabic, Hebrew and Devanagari are a megabyte or two each and are dependencies. A CJK family
 * is some 90 MB, so each is an optional peer dependency: an edition that needs one that is not
 * installed stops with the `npm install` that brings it (see `fontMissing`).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { FaceStyle } from './face-usage.js';
import type { FontFace } from './fonts.js';
import { SCRIPT_CHARACTERS } from './script-characters.js';

export interface ScriptFamily {
  family: string;
  /** The @fontsource package, also the start of its files' names. */
  name: string;
  /** Whether the package is a dependency (else an optional peer the user installs). */
  shipped: boolean;
}

const family = (name: string, shipped: boolean, label: string): ScriptFamily => ({
  family: label,
  name,
  shipped,
});

/**
 * Noto Sans Arabic rather than Noto Naskh Arabic: Naskh lowers some final letters on their own
 * baseline, and pdftotext (as other extractors that read positions) then takes them for a line
 * of their own, so that a word copied or searched in the PDF comes apart.
 */
const ARABIC = family('noto-sans-arabic', true, 'Noto Sans Arabic');
const HEBREW = family('noto-serif-hebrew', true, 'Noto Serif Hebrew');
const DEVANAGARI = family('noto-serif-devanagari', true, 'Noto Serif Devanagari');
const SC = family('noto-serif-sc', false, 'Noto Serif SC');
const TC = family('noto-serif-tc', false, 'Noto Serif TC');
const JP = family('noto-serif-jp', false, 'Noto Serif JP');
const KR = family('noto-serif-kr', false, 'Noto Serif KR');

/** Characters that only these families draw, by the family that draws them. */
const SCRIPT_TESTS: [RegExp, ScriptFamily | 'han'][] = [
  [/[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/u, ARABIC],
  [/[\u0590-\u05ff\ufb1d-\ufb4f]/u, HEBREW],
  [/[\u0900-\u097f\u1cd0-\u1cf9\ua8e0-\ua8ff]/u, DEVANAGARI],
  [/[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u, JP],
  [/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u, KR],
  [
    /[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u3190-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff65\u{20000}-\u{3134f}]/u,
    'han',
  ],
];

/**
 * Han characters are drawn as the edition's language writes them: Japanese, Korean and
 * Traditional Chinese forms differ from Simplified ones, which any other language gets.
 */
export function hanFamily(lang: string): ScriptFamily {
  const [primary, ...rest] = lang.toLowerCase().split('-');
  if (primary === 'ja') return JP;
  if (primary === 'ko') return KR;
  if (primary === 'zh' && rest.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s))) return TC;
  return SC;
}

/** The families a text in `lang` needs, in the order its font-family lists them. */
export function familiesFor(text: string, lang: string): ScriptFamily[] {
  const found = new Set<ScriptFamily>();
  for (const [test, which] of SCRIPT_TESTS) {
    if (test.test(text)) found.add(which === 'han' ? hanFamily(lang) : which);
  }
  return [...found];
}

const require = createRequire(import.meta.url);

/** The package's folder, or undefined when it is not installed. */
export function installedDir(script: ScriptFamily): string | undefined {
  try {
    return path.dirname(require.resolve(`@fontsource/${script.name}/package.json`));
  } catch {
    return undefined;
  }
}

/** What to run to install a family's package. */
export function installHint(script: ScriptFamily): string {
  return `install the font beside build-article: npm install @fontsource/${script.name}`;
}

/** The package's folder, or a UserError saying how to install it. */
function packageDir(script: ScriptFamily, where: string): string {
  const dir = installedDir(script);
  if (dir) return dir;
  throw new UserError(
    `${where}: its text needs the ${script.family} font, which is not installed`,
    {
      hint: installHint(script),
    },
  );
}

interface Slice {
  name: string;
  range: string;
  codePoints: (code: number) => boolean;
}

const slicesOf = new Map<string, Promise<Slice[]>>();

function slices(dir: string): Promise<Slice[]> {
  let entry = slicesOf.get(dir);
  if (!entry) {
    entry = readFile(path.join(dir, 'unicode.json'), 'utf8').then((json) =>
      Object.entries(JSON.parse(json) as Record<string, string>).map(([key, range]) => ({
        name: key.replace(/^\[(\d+)\]$/, '$1'),
        range,
        codePoints: rangeTest(range),
      })),
    );
    slicesOf.set(dir, entry);
  }
  return entry;
}

function rangeTest(range: string): (code: number) => boolean {
  const spans = range.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from ?? '', 16);
    return [start, to ? Number.parseInt(to, 16) : start] as const;
  });
  return (code) => spans.some(([from, to]) => code >= from && code <= to);
}

const sources = new Map<string, Promise<Uint8Array>>();

/** A slice's whole face, unpacked from the package's WOFF 1 once per run. */
function sliceSource(file: string): Promise<Uint8Array> {
  let entry = sources.get(file);
  if (!entry) {
    entry = Promise.all([readFile(file), import('./math-font.js')]).then(
      ([bytes, { woffToSfnt }]) => woffToSfnt(new Uint8Array(bytes)),
    );
    sources.set(file, entry);
  }
  return entry;
}

/** Joiners that shape the scripts around them: they go with the script's face. */
const JOINERS = /[\u200c-\u200f]/u;

/**
 * The faces of `script` a page needs, as faces of the text family: each style the page sets
 * text in (`usage`, as face-usage.ts finds it) gets the slices that hold some of its characters,
 * each cut to those characters, with a unicode-range of exactly them. Chromium then draws every
 * other character with Source Serif as before, and every stack that names the text family (the
 * PDF's running heads too) reaches these. An italic or bold-italic face is the upright
 * letterforms: these scripts have no italics, and a slanted Arabic or Chinese would be false.
 */
export async function scriptFaces(
  script: ScriptFamily,
  textFamily: string,
  usage: Map<FaceStyle, string>,
  lang: string,
): Promise<FontFace[]> {
  const dir = packageDir(script, `the ${lang} edition`);
  const { SCRIPT_FEATURES, subsetFace } = await import('./font-subset.js');
  // Each character in one face only: its own script's family, the first slice that has it.
  const ours = (c: string) =>
    JOINERS.test(c) || (SCRIPT_CHARACTERS.test(c) && familiesFor(c, lang)[0] === script);
  const faces: Promise<FontFace>[] = [];
  for (const [style, characters] of usage) {
    let left = [...characters].filter(ours);
    for (const slice of await slices(dir)) {
      const drawn = left.filter((c) => slice.codePoints(c.codePointAt(0) ?? 0));
      if (!drawn.some((c) => SCRIPT_CHARACTERS.test(c))) continue;
      left = left.filter((c) => !drawn.includes(c));
      const weight = style.startsWith('bold') ? 700 : 400;
      const stem = `${script.name}-${slice.name}-${weight}-normal`;
      faces.push(
        sliceSource(path.join(dir, 'files', `${stem}.woff`)).then(async (source) => ({
          family: textFamily,
          role: 'script',
          style: style.endsWith('italic') ? 'italic' : 'normal',
          weight,
          fileName: `${script.name}-${slice.name}-${style}.woff2`,
          unicodeRange: unicodeRange(drawn),
          subset: false,
          bytes: await subsetFace(source, stem, drawn.join(''), SCRIPT_FEATURES),
        })),
      );
    }
  }
  return Promise.all(faces);
}

/** `U+627-62A,U+644`: the characters' code points, runs joined. */
export function unicodeRange(characters: string[]): string {
  const codes = [...new Set(characters.map((c) => c.codePointAt(0) ?? 0))].sort((a, b) => a - b);
  const spans: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === (codes[j] ?? 0) + 1) j++;
    const [from, to] = [codes[i] ?? 0, codes[j] ?? 0].map((n) => n.toString(16).toUpperCase());
    spans.push(from === to ? `U+${from}` : `U+${from}-${to}`);
    i = j + 1;
  }
  return spans.join(',');
}

/**
 * The faces the EPUB's raster cover needs for `text` beyond Source Serif 4 Display, as
 * TrueType cut to those characters (resvg reads neither WOFF nor WOFF2, and falls back to
 * these for the characters its faces lack): each script family's slices that hold some of
 * them, in `weight`. Empty for a Latin, Cyrillic or Greek text; undefined for a family that is
 * not installed (the edition stops on it anyway).
 */
export async function coverScriptFonts(
  text: string,
  lang: string,
  weight: 400 | 700,
): Promise<{ name: string; bytes: Uint8Array }[]> {
  const characters = [...new Set(text)].filter((c) => SCRIPT_CHARACTERS.test(c) || JOINERS.test(c));
  if (characters.length === 0) return [];
  const { subsetSfnt } = await import('./hb-subset.js');
  const { SCRIPT_FEATURES } = await import('./font-subset.js');
  const fonts: Promise<{ name: string; bytes: Uint8Array }>[] = [];
  for (const script of familiesFor(characters.join(''), lang)) {
    const dir = installedDir(script);
    if (!dir) continue;
    let left = characters.filter((c) => JOINERS.test(c) || familiesFor(c, lang)[0] === script);
    for (const slice of await slices(dir)) {
      const drawn = left.filter((c) => slice.codePoints(c.codePointAt(0) ?? 0));
      if (!drawn.some((c) => SCRIPT_CHARACTERS.test(c))) continue;
      left = left.filter((c) => !drawn.includes(c));
      const stem = `${script.name}-${slice.name}-${weight}-normal`;
      fonts.push(
        sliceSource(path.join(dir, 'files', `${stem}.woff`)).then(async (source) => ({
          name: `${stem}.ttf`,
          bytes: await subsetSfnt(
            source,
            drawn.map((c) => c.codePointAt(0) ?? 0),
            SCRIPT_FEATURES,
          ),
        })),
      );
    }
  }
  return Promise.all(fonts);
}
