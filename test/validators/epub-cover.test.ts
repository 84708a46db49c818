/**
 * The EPUB's raster cover, unzipped from real builds: the shipped article and the second test
 * article (built once by test/global-setup.ts) and the cover fixture, whose front matter gives
 * a cover picture, built here. Its size and weight, the package's cover-image and cover page,
 * its pixels (margins clear, the title drawn with the shipped faces and no other), and
 * EPUBCheck and Ace on the fixture (the other EPUBs go through them in epub.test.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmapCovers } from '../../src/article/glyphs.js';
import { loadArticle } from '../../src/article/load.js';
import {
  COVER_BUDGET,
  coverFaces,
  coverSvg,
  rasterize,
  withScriptFonts,
} from '../../src/render/cover.js';
import { COLUMN, FRAME } from '../../src/render/cover-design.js';
import { loadTemplates } from '../../src/render/templates.js';
import { typograph } from '../../src/typeset/typography.js';
import { runCli } from '../helpers/cli.js';
import { decodeCover, inkIn, meanColour, type Pixels } from '../helpers/cover-pixels.js';
import { ARTICLES, type ArticleName, editions, ROOT } from '../helpers/editions.js';
import { type Epub, openEpub, xmlDocument } from '../helpers/parse.js';
import { aces, epubchecks } from '../helpers/validators.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/cover-article');
const CREAM: [number, number, number] = [0xf6, 0xf1, 0xe7];

interface Cover {
  epub: Epub;
  href: string;
  mediaType: string;
  bytes: Buffer;
  page: Document;
}

/** The cover-image item, the `<meta name="cover">` naming it, and the first page of the spine. */
async function coverOf(file: string): Promise<Cover> {
  const epub = await openEpub(file);
  const dir = path.posix.dirname(epub.opfPath);
  const items = Array.from(epub.opf.querySelectorAll('manifest > item'));
  const covers = items.filter((i) =>
    (i.getAttribute('properties') ?? '').split(' ').includes('cover-image'),
  );
  expect(covers).toHaveLength(1);
  const item = covers[0] as Element;
  const meta = epub.opf.querySelector('metadata > meta[name="cover"]');
  expect(meta?.getAttribute('content')).toBe(item.getAttribute('id'));
  const href = item.getAttribute('href') ?? '';
  const bytes = await epub.zip.file(path.posix.join(dir, href))?.async('nodebuffer');
  if (!bytes) throw new Error(`${href} is not in the EPUB`);
  const first = epub.opf.querySelector('spine > itemref')?.getAttribute('idref');
  const pageHref = items.find((i) => i.getAttribute('id') === first)?.getAttribute('href') ?? '';
  const page = xmlDocument(await epub.text(path.posix.join(dir, pageHref)));
  return { epub, href, mediaType: item.getAttribute('media-type') ?? '', bytes, page };
}

/** The cover's words as the EPUB sets them (typeset like every front matter string). */
async function wordsOf(dir: string, lang: string) {
  const article = await loadArticle(dir);
  const edition = article.editions.find((e) => e.lang === lang);
  if (!edition) throw new Error(`no ${lang} edition in ${dir}`);
  const set = (text: string) => typograph(text, lang);
  const meta = edition.meta;
  const cover = meta.cover;
  const rel = cover ? article.imagePaths.get(cover.src) : undefined;
  const asset = rel ? article.assets.get(rel) : undefined;
  return {
    words: {
      lang,
      title: set(meta.title),
      subtitle: meta.subtitle && set(meta.subtitle),
      authors: meta.authors.map(set),
      year: (meta.date ?? meta.updated)?.slice(0, 4),
    },
    picture: asset,
    alt: cover?.alt && set(cover.alt),
  };
}

/** Where no ink may be: between the frame (or the page's edge) and the text column. */
function marginBands(pixels: Pixels, picture: boolean) {
  const top = picture ? 1240 : FRAME.inset + FRAME.stroke;
  const bottom = pixels.height - (picture ? 0 : FRAME.inset + FRAME.stroke);
  const outer = picture ? 0 : FRAME.inset + FRAME.stroke;
  return [
    { left: outer, right: COLUMN.left, top, bottom },
    { left: COLUMN.right, right: pixels.width - outer, top, bottom },
  ];
}

const built = (Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
  editions(name, 'epub').map((e) => ({ name, dir: ARTICLES[name], ...e })),
);

describe.each(built)('$name ($lang): the raster cover', ({ path: file, dir, lang }) => {
  let cover: Cover;
  let pixels: Pixels;
  beforeAll(async () => {
    cover = await coverOf(file);
    pixels = decodeCover(cover.bytes, cover.mediaType);
  });

  it('is a PNG of at least 1600 × 2400 pixels and at most 150 KB, and the cover page shows it', async () => {
    expect(cover.mediaType).toBe('image/png');
    const size = imageSize(cover.bytes);
    expect(size.type).toBe('png');
    expect(size.width).toBeGreaterThanOrEqual(1600);
    expect(size.height).toBeGreaterThanOrEqual(2400);
    expect(cover.bytes.byteLength).toBeLessThanOrEqual(COVER_BUDGET);
    const img = cover.page.querySelector('img');
    expect(img?.getAttribute('src')).toBe(cover.href);
    const { words } = await wordsOf(dir, lang);
    expect(img?.getAttribute('alt')).toContain(words.title);
    // The SVG cover it replaces is gone from the package.
    expect(
      Object.keys(cover.epub.zip.files).filter((f) => f.endsWith('.svg') && f.includes('cover')),
    ).toEqual([]);
  });

  it('has no ink between the frame and the text column, and the title drawn in the column', async () => {
    for (const band of marginBands(pixels, false)) expect(inkIn(pixels, band, CREAM)).toBe(0);
    const { words } = await wordsOf(dir, lang);
    const { design } = await coverSvg(await loadTemplates(), words, undefined);
    expect(inkIn(pixels, design.titleBox, CREAM)).toBeGreaterThan(20_000);
  });

  it('is drawn with the shipped faces: the same pixels again from them, none without them', async () => {
    const { words } = await wordsOf(dir, lang);
    const { svg, design } = await coverSvg(await loadTemplates(), words, undefined);
    const { files } = await coverFaces();
    const again = await withScriptFonts(words, (scriptFiles) =>
      rasterize(svg, [...files, ...scriptFiles]),
    );
    expect(Buffer.from(again.pixels).equals(Buffer.from(pixels.data))).toBe(true);
    // Without fonts resvg draws no text at all (no machine font stands in) ...
    const bare = await rasterize(svg, []);
    const box = design.titleBox;
    const asPixels = (r: typeof bare) => ({ width: r.width, height: r.height, data: r.pixels });
    expect(inkIn(asPixels(again), box, CREAM)).toBeGreaterThan(20_000);
    expect(inkIn(asPixels(bare), box, CREAM)).toBe(0);
    // ... and with another face (Source Serif 4 Text, not Display) the title is not the same.
    const text = path.join(path.dirname(files[0] ?? ''), 'SourceSerif4-Semibold.ttf');
    const other = await rasterize(svg.replaceAll('Source Serif 4 Display', 'Source Serif 4'), [
      text,
    ]);
    expect(Buffer.from(other.pixels).equals(Buffer.from(pixels.data))).toBe(false);
  });
});

describe.each(built)('$name ($lang): the fonts of the cover', ({ dir, lang }) => {
  it('draw every character of its words: none is left to a missing glyph', async () => {
    const { words } = await wordsOf(dir, lang);
    const { files } = await coverFaces();
    const covers = await withScriptFonts(words, async (scriptFiles) =>
      Promise.all([...files, ...scriptFiles].map(async (f) => cmapCovers(await readFile(f)))),
    );
    const text = [words.title, words.subtitle ?? '', ...words.authors, words.year ?? ''].join('');
    const missing = [...new Set(text)].filter(
      (c) => !/\s/u.test(c) && !covers.some((has) => has(c.codePointAt(0) ?? 0)),
    );
    expect(missing).toEqual([]);
  });
});

describe('a cover picture given in the front matter', () => {
  let out: string;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'build-article-cover-'));
    for (const round of ['a', 'b']) {
      const run = await runCli([FIXTURE, '-o', path.join(out, round), '-f', 'epub', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as { editions: { lang: string; path: string }[] };
      for (const e of report.editions) files[`${round}-${e.lang}`] = e.path;
    }
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it.each(['en', 'it'])(
    '%s: a JPEG with the picture above the title, within 150 KB',
    async (lang) => {
      const cover = await coverOf(files[`a-${lang}`] ?? '');
      expect(cover.mediaType).toBe('image/jpeg');
      const size = imageSize(cover.bytes);
      expect([size.type, size.width, size.height]).toEqual(['jpg', 1600, 2400]);
      expect(cover.bytes.byteLength).toBeLessThanOrEqual(COVER_BUDGET);
      const pixels = decodeCover(cover.bytes, cover.mediaType);
      const { picture, alt, words } = await wordsOf(FIXTURE, lang);
      if (!picture) throw new Error('the fixture has no cover picture');
      // The picture (1200 × 900, scaled to cover 1600 × 1240) keeps its colours at the top.
      const source = decodeCover(picture.bytes, picture.mediaType);
      const drawn = meanColour(pixels, { left: 0, top: 0, right: 1600, bottom: 1240 });
      const given = meanColour(source, {
        left: 0,
        top: 0,
        right: source.width,
        bottom: source.height,
      });
      for (let k = 0; k < 3; k++)
        expect(Math.abs((drawn[k] ?? 0) - (given[k] ?? 0))).toBeLessThan(12);
      for (const band of marginBands(pixels, true)) expect(inkIn(pixels, band, CREAM, 40)).toBe(0);
      const img = cover.page.querySelector('img');
      expect(img?.getAttribute('alt')).toContain(alt);
      expect(img?.getAttribute('alt')).toContain(words.title);
    },
  );

  it('builds the same bytes twice', async () => {
    for (const lang of ['en', 'it']) {
      const [a, b] = await Promise.all(
        ['a', 'b'].map(async (r) =>
          createHash('sha256')
            .update(await readFile(files[`${r}-${lang}`] ?? ''))
            .digest('hex'),
        ),
      );
      expect(a).toBe(b);
    }
  });

  it('EPUBCheck and Ace report nothing, in English and Italian', async () => {
    const both = [files['a-en'] ?? '', files['a-it'] ?? ''];
    const [checked, accessed] = await Promise.all([epubchecks(both), aces(both)]);
    for (const file of both) {
      const check = checked.get(file);
      const access = accessed.get(file);
      expect(check?.findings, `${file}: ${check?.summary}`).toEqual([]);
      expect(access?.findings, `${file}: ${access?.summary}`).toEqual([]);
    }
  });
});
