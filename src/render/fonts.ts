/**
 * The shipped typeface (Source Serif 4, OFL, from @fontsource): the same font files on
 * every machine, embedded in the PDF and the EPUB and carried by the HTML.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface FontFace {
  family: string;
  style: 'normal' | 'italic';
  weight: number;
  subset: string;
  fileName: string;
  unicodeRange: string;
  bytes: Uint8Array;
}

const FAMILY = 'Source Serif 4';
const PACKAGE = '@fontsource/source-serif-4';
const STYLES = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
  { weight: 700, style: 'italic' },
] as const;
const SUBSETS = ['latin', 'latin-ext'] as const;

/** Reads every face of the shipped subsets once per run. */
export async function loadFontFaces(): Promise<FontFace[]> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const ranges = JSON.parse(await readFile(path.join(root, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  const jobs = SUBSETS.flatMap((subset) =>
    STYLES.map(async ({ weight, style }) => {
      const fileName = `source-serif-4-${subset}-${weight}-${style}.woff2`;
      const bytes = await readFile(path.join(root, 'files', fileName));
      return {
        family: FAMILY,
        style,
        weight,
        subset,
        fileName,
        unicodeRange: ranges[subset] ?? '',
        bytes,
      };
    }),
  );
  return Promise.all(jobs);
}

/** The faces a text needs: the latin subset always, latin-ext only when a letter needs it. */
export function facesFor(faces: FontFace[], text: string): FontFace[] {
  const needsExt = /[\u0100-\u02ff\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]/.test(text);
  return faces.filter((face) => face.subset === 'latin' || needsExt);
}

export function fontFaceCss(faces: FontFace[], urlOf: (face: FontFace) => string): string {
  return faces
    .map(
      (face) =>
        `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; src: url(${urlOf(face)}) format('woff2'); unicode-range: ${face.unicodeRange}; }`,
    )
    .join('\n');
}

export function dataUrl(mediaType: string, bytes: Uint8Array): string {
  return `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
}
