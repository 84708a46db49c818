/**
 * The EPUB's raster cover, drawn without a browser: the design (cover-design.ts) is written
 * out by the cover.svg template and rasterized by resvg with the shipped Source Serif 4
 * Display faces and no other font, so that every machine draws the same pixels. A cover
 * without a picture is a PNG (flat colour and type compress best there); one with a picture a
 * JPEG, at the best quality that keeps it within the stores' 150 KB. Loaded only when an EPUB
 * is built.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type CoverDesign, type CoverWords, coverDesign } from './cover-design.js';
import type { CoverFaces } from './cover-layout.js';
import { widthTable } from './cover-metrics.js';
import { dataUrl } from './data-url.js';
import { encodePng } from './png.js';
import { FULL_WIDTH, SCRIPT_CHARACTERS } from './script-characters.js';
import type { Templates } from './templates.js';

export interface CoverPicture {
  bytes: Uint8Array;
  mediaType: string;
}

export interface CoverImage {
  bytes: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg';
  extension: 'png' | 'jpg';
  width: number;
  height: number;
  design: CoverDesign;
}

/** The cover may weigh this much at most: what the stores and the EPUB's budget allow. */
export const COVER_BUDGET = 150_000;

/** The faces the cover is set in, from the `source-serif` package's TrueType files. */
export const COVER_FACES = {
  title: 'SourceSerif4Display-Semibold.ttf',
  subtitle: 'SourceSerif4Display-It.ttf',
  author: 'SourceSerif4Display-Regular.ttf',
} as const;

interface LoadedFaces {
  files: string[];
  tables: CoverFaces;
}

let loading: Promise<LoadedFaces> | undefined;

export function coverFaces(): Promise<LoadedFaces> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('source-serif/package.json')), 'TTF');
    const files = Object.values(COVER_FACES).map((file) => path.join(dir, file));
    const table = async (file: string) => widthTable(await readFile(path.join(dir, file)));
    const [title, subtitle, author] = await Promise.all([
      table(COVER_FACES.title),
      table(COVER_FACES.subtitle),
      table(COVER_FACES.author),
    ]);
    return { files, tables: { title, subtitle, author } };
  })();
  return loading;
}

/** The cover's SVG, as the template writes it for these words (and picture). */
export async function coverSvg(
  templates: Templates,
  words: CoverWords & { lang: string },
  picture: CoverPicture | undefined,
): Promise<{ svg: string; design: CoverDesign }> {
  const { tables } = await coverFaces();
  const design = coverDesign(words, tables, picture !== undefined);
  if (SCRIPT_CHARACTERS.test(coverText(words))) await markScriptLines(design, words.lang);
  const svg = await templates.render('epub/cover.svg', {
    lang: words.lang,
    cover: design,
    picture: picture ? dataUrl(picture.mediaType, picture.bytes) : undefined,
  });
  return { svg, design };
}

/** The words of the cover, whose characters decide the fonts it is drawn with. */
const coverText = (words: CoverWords) =>
  [words.title, words.subtitle ?? '', ...words.authors].join(' ');

/**
 * A line with characters of a script the display faces lack (Arabic, Hebrew, Han…) is set in
 * that script's Noto family first, the display face after it: resvg shapes the line with the
 * first family and takes the characters that family lacks (a space, Latin) from the next,
 * and orders a right-to-left line itself.
 */
async function markScriptLines(design: CoverDesign, lang: string): Promise<void> {
  const { familiesFor } = await import('./script-fonts.js');
  for (const block of [design.title, design.subtitle, design.author]) {
    for (const line of block?.lines ?? []) {
      if (!SCRIPT_CHARACTERS.test(line.text)) continue;
      const families = familiesFor(line.text, lang).map((f) => f.family);
      Object.assign(line, { family: [...families, 'Source Serif 4 Display'].join(', ') });
    }
  }
}

/** Draws an SVG with the given font files and no other: a family not among them draws nothing. */
export async function rasterize(svg: string, fontFiles: string[]) {
  // Drawn off the main thread: the PDFs' pages go on meanwhile.
  const { renderAsync } = await import('@resvg/resvg-js');
  return renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Source Serif 4 Display' },
    fitTo: { mode: 'original' },
    logLevel: 'off',
  });
}

export async function renderCover(
  templates: Templates,
  words: CoverWords & { lang: string },
  picture: CoverPicture | undefined,
): Promise<CoverImage> {
  const { svg, design } = await coverSvg(templates, words, picture);
  const { files } = await coverFaces();
  const image = await withScriptFonts(words, (scriptFiles) =>
    rasterize(svg, [...files, ...scriptFiles]),
  );
  const size = { width: image.width, height: image.height, design };
  if (!picture) {
    const bytes = await encodePng(image.pixels, image.width, image.height);
    return { bytes, mediaType: 'image/png', extension: 'png', ...size };
  }
  const bytes = await jpegWithin(image, COVER_BUDGET);
  return { bytes, mediaType: 'image/jpeg', extension: 'jpg', ...size };
}

/**
 * Runs `draw` with the files of the script faces the cover's words need beyond Source Serif 4
 * Display (an Arabic or Chinese title), cut to those characters in a folder of their own that
 * is removed afterwards (resvg reads fonts from files only); each line in such a script names
 * its family before the display face (markScriptLines). A Latin, Cyrillic or Greek cover
 * reads none of it.
 */
export async function withScriptFonts<T>(
  words: CoverWords & { lang: string },
  draw: (files: string[]) => Promise<T>,
): Promise<T> {
  const text = coverText(words);
  if (!SCRIPT_CHARACTERS.test(text)) return draw([]);
  const { coverScriptFonts } = await import('./script-fonts.js');
  // A CJK family comes in many slices, and resvg takes a character its first choice lacks from
  // any face that has it: with both weights at hand a title would mix them. Its cover is set
  // in the regular weight alone.
  const weights: (400 | 700)[] = FULL_WIDTH.test(text) ? [400] : [400, 700];
  const fonts = (
    await Promise.all(weights.map((weight) => coverScriptFonts(text, words.lang, weight)))
  ).flat();
  if (fonts.length === 0) return draw([]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'build-article-cover-'));
  try {
    const files = await Promise.all(
      fonts.map(async ({ name, bytes }) => {
        const file = path.join(dir, name);
        await writeFile(file, bytes);
        return file;
      }),
    );
    return await draw(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let encoder: Promise<typeof import('@jsquash/jpeg/encode.js').default> | undefined;

/** MozJPEG, compiled once per run from the package's WebAssembly (never fetched). */
function mozjpeg() {
  encoder ??= (async () => {
    const { default: encode, init } = await import('@jsquash/jpeg/encode.js');
    const require = createRequire(import.meta.url);
    const wasm = await readFile(require.resolve('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'));
    await init(await WebAssembly.compile(wasm));
    return encode;
  })();
  return encoder;
}

/**
 * The JPEG at the best of a few qualities that keeps within `budget` bytes; at the lowest,
 * 40, if none does (a 1600 × 2400 picture of pure noise would not fit).
 */
async function jpegWithin(
  image: { pixels: Buffer; width: number; height: number },
  budget: number,
): Promise<Uint8Array> {
  const encode = await mozjpeg();
  const { pixels, width, height } = image;
  const data = new Uint8ClampedArray(
    pixels.buffer as ArrayBuffer,
    pixels.byteOffset,
    pixels.byteLength,
  );
  let bytes = new Uint8Array();
  for (const quality of [85, 78, 70, 60, 50, 40]) {
    bytes = new Uint8Array(await encode({ data, width, height, colorSpace: 'srgb' }, { quality }));
    if (bytes.byteLength <= budget) break;
  }
  return bytes;
}
