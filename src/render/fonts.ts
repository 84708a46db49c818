/**
 * The shipped typefaces (Source Serif 4 for the text, Source Code Pro for code; both OFL,
 * from @fontsource): the same font files on every machine, embedded in the PDF and the
 * EPUB and carried by the HTML.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface FontFace {
  family: string;
  /** What the face sets: the text, or code (only shipped when the edition has code). */
  role: 'text' | 'code';
  style: 'normal' | 'italic';
  weight: number;
  subset: string;
  fileName: string;
  unicodeRange: string;
  bytes: Uint8Array;
}

type Style = { weight: number; style: 'normal' | 'italic' };

const FAMILIES: { family: string; role: FontFace['role']; name: string; styles: Style[] }[] = [
  {
    family: 'Source Serif 4',
    role: 'text',
    name: 'source-serif-4',
    styles: [
      { weight: 400, style: 'normal' },
      { weight: 400, style: 'italic' },
      { weight: 700, style: 'normal' },
      { weight: 700, style: 'italic' },
    ],
  },
  {
    family: 'Source Code Pro',
    role: 'code',
    name: 'source-code-pro',
    styles: [{ weight: 400, style: 'normal' }],
  },
];
const SUBSETS = ['latin', 'latin-ext'] as const;

/** Reads every face of the shipped subsets once per run. */
export async function loadFontFaces(): Promise<FontFace[]> {
  const require = createRequire(import.meta.url);
  const jobs = FAMILIES.map(async ({ family, role, name, styles }) => {
    const root = path.dirname(require.resolve(`@fontsource/${name}/package.json`));
    const ranges = JSON.parse(await readFile(path.join(root, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    return Promise.all(
      SUBSETS.flatMap((subset) =>
        styles.map(async ({ weight, style }): Promise<FontFace> => {
          const fileName = `${name}-${subset}-${weight}-${style}.woff2`;
          const bytes = await readFile(path.join(root, 'files', fileName));
          return {
            family,
            role,
            style,
            weight,
            subset,
            fileName,
            unicodeRange: ranges[subset] ?? '',
            bytes,
          };
        }),
      ),
    );
  });
  return (await Promise.all(jobs)).flat();
}

/**
 * The faces an edition's text (its HTML) needs: the latin subset always, latin-ext only
 * when a letter needs it, the code face only when there is code.
 */
export function facesFor(faces: FontFace[], text: string): FontFace[] {
  const needsExt = /[\u0100-\u02ff\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]/.test(text);
  const hasCode = /<(?:code|pre|kbd|samp)[\s>]/.test(text);
  return faces.filter(
    (face) => (face.subset === 'latin' || needsExt) && (face.role === 'text' || hasCode),
  );
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
