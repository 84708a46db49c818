/**
 * The shipped typefaces, the same files on every machine: Source Serif 4 for the text, from
 * Adobe's own release (the `source-serif` package: its static faces have oldstyle and lining,
 * proportional and tabular figures, and, upright, small capitals), cut per edition to the
 * characters it shows; Source Code Pro for code, as @fontsource ships it; STIX Two Math for
 * formulas, only in an edition with math (math-font.ts). All SIL OFL 1.1.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FaceStyle, FaceUsage } from './face-usage.js';
import { SCRIPT_CHARACTERS } from './script-characters.js';

export interface FontFace {
  family: string;
  /**
   * What the face sets: the text, code or math (each of the last two only when there is
   * some), or a script the text face does not draw (script-fonts.ts).
   */
  role: 'text' | 'code' | 'math' | 'script';
  style: 'normal' | 'italic';
  weight: number;
  /** Its name as a WOFF2 file of the EPUB. */
  fileName: string;
  /** Set for a face that covers part of the family's characters, as @fontsource cuts them. */
  unicodeRange: string | undefined;
  /**
   * Whether `bytes` is the whole TrueType font, which `facesFor` cuts to each edition's
   * characters (as WOFF2); otherwise it is WOFF2 already, shipped as it is.
   */
  subset: boolean;
  bytes: Uint8Array;
}

const TEXT = { family: 'Source Serif 4', name: 'source-serif-4' };
/** Adobe's static Source Serif 4 (the text optical size) in TrueType outlines. */
const TEXT_FILES = [
  { weight: 400, style: 'normal', file: 'SourceSerif4-Regular.ttf' },
  { weight: 400, style: 'italic', file: 'SourceSerif4-It.ttf' },
  { weight: 700, style: 'normal', file: 'SourceSerif4-Bold.ttf' },
  { weight: 700, style: 'italic', file: 'SourceSerif4-BoldIt.ttf' },
] as const;
const MATH_FAMILY = 'STIX Two Math';
const CODE = {
  family: 'Source Code Pro',
  name: 'source-code-pro',
  subsets: ['latin', 'latin-ext'],
};

/**
 * Reads every shipped face once per run, and starts compiling the subsetter meanwhile: the
 * PDFs' pages wait for their cuts.
 */
export async function loadFontFaces(): Promise<FontFace[]> {
  import('./hb-subset.js').then(({ harfbuzz }) => harfbuzz()).catch(() => {});
  const require = createRequire(import.meta.url);
  const serif = path.join(path.dirname(require.resolve('source-serif/package.json')), 'TTF');
  const text = TEXT_FILES.map(
    async ({ weight, style, file }): Promise<FontFace> => ({
      family: TEXT.family,
      role: 'text',
      style,
      weight,
      fileName: `${TEXT.name}-${weight}-${style}.woff2`,
      unicodeRange: undefined,
      subset: true,
      bytes: await readFile(path.join(serif, file)),
    }),
  );
  const mono = path.dirname(require.resolve(`@fontsource/${CODE.name}/package.json`));
  const ranges = JSON.parse(await readFile(path.join(mono, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  const code = CODE.subsets.map(async (subset): Promise<FontFace> => {
    const fileName = `${CODE.name}-${subset}-400-normal.woff2`;
    return {
      family: CODE.family,
      role: 'code',
      style: 'normal',
      weight: 400,
      fileName,
      unicodeRange: ranges[subset] ?? '',
      subset: false,
      bytes: await readFile(path.join(mono, 'files', fileName)),
    };
  });
  const math = path.dirname(require.resolve('@fontsource/stix-two-math/package.json'));
  const mathFace = readFile(path.join(math, 'files/stix-two-math-latin-400-normal.woff')).then(
    (bytes): FontFace => ({
      family: MATH_FAMILY,
      role: 'math',
      style: 'normal',
      weight: 400,
      fileName: 'stix-two-math-400-normal.woff2',
      // The whole face (its "latin" range would leave out the operators): cut per edition.
      unicodeRange: undefined,
      subset: true,
      bytes,
    }),
  );
  return Promise.all([...text, ...code, mathFace]);
}

/**
 * The faces a page needs, as WOFF2, given the page (or, for the EPUB, its documents) and the
 * stylesheet it is set with: each text face cut to the characters it may draw there
 * (face-usage.ts), a face nothing is set in left out, and the code face only when there is
 * code (its latin-ext part only when a letter needs it).
 */
export async function facesFor(faces: FontFace[], html: string, css: string): Promise<FontFace[]> {
  const hasCode = /<(?:code|pre|kbd|samp)[\s>]/.test(html);
  const needsExt = /[\u0100-\u02ff\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]/.test(html);
  const code = faces.filter(
    (face) =>
      face.role === 'code' && hasCode && (needsExt || !face.fileName.includes('-latin-ext-')),
  );
  const [{ faceUsage }, { subsetFace }] = await Promise.all([
    import('./face-usage.js'),
    import('./font-subset.js'),
  ]);
  const usage = faceUsage(html, css);
  const text = faces.flatMap((face) => {
    const characters = face.role === 'text' ? usage.get(faceStyle(face)) : undefined;
    return characters === undefined ? [] : [{ face, characters }];
  });
  const cut = await Promise.all(
    text.map(async ({ face, characters }): Promise<FontFace> => {
      if (!face.subset) return face;
      const bytes = await subsetFace(face.bytes, face.fileName, characters);
      return { ...face, subset: false, bytes };
    }),
  );
  return [...cut, ...code, ...(await mathFaces(faces, html)), ...(await scriptFaces(html, usage))];
}

/**
 * The faces of the scripts the text face does not draw (Arabic, Hebrew, Devanagari, CJK), when
 * the page has any, in each style it sets them in.
 */
async function scriptFaces(html: string, usage: FaceUsage): Promise<FontFace[]> {
  const all = usage.get('normal') ?? '';
  if (!SCRIPT_CHARACTERS.test(all)) return [];
  const fonts = await import('./script-fonts.js');
  const lang = /<html[^>]*?\slang="([^"]+)"/.exec(html)?.[1] ?? 'und';
  const faces = await Promise.all(
    fonts
      .familiesFor(all, lang)
      .map((family) => fonts.scriptFaces(family, TEXT.family, usage, lang)),
  );
  return faces.flat();
}

/** The math face, cut to the page's formulas, when it has any. */
async function mathFaces(faces: FontFace[], html: string): Promise<FontFace[]> {
  const face = faces.find((f) => f.role === 'math');
  if (!face || !/<math[\s>]/.test(html)) return [];
  const { cutMathFace, mathCharacters } = await import('./math-font.js');
  const bytes = await cutMathFace(face.bytes, mathCharacters(html));
  return [{ ...face, subset: false, bytes }];
}

function faceStyle(face: FontFace): FaceStyle {
  const bold = face.weight >= 600;
  if (face.style === 'italic') return bold ? 'bold-italic' : 'italic';
  return bold ? 'bold' : 'normal';
}

export function fontFaceCss(faces: FontFace[], urlOf: (face: FontFace) => string): string {
  const rules = faces.map((face) => {
    const range = face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : '';
    return `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; src: url(${urlOf(face)}) format('woff2');${range} }`;
  });
  // Formulas are set in the shipped math face, never in the machine's `math` font, and
  // none of the text's settings (oldstyle figures, small capitals, italic, bold, spacing)
  // reach them.
  const math = faces.find((face) => face.role === 'math');
  if (math) {
    rules.push(
      `math { font-family: '${math.family}'; font-style: normal; font-weight: normal; font-variant: normal; font-feature-settings: normal; letter-spacing: normal; word-spacing: normal; text-indent: 0; line-height: normal; }`,
      "math[display='block'] { margin-block: 0.6em; }",
    );
  }
  return rules.join('\n');
}
