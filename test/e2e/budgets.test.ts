/**
 * An edition carries only what it shows: the shipped article's English and Italian HTML within
 * 90 KB gzipped and its EPUBs within 80 KB besides their cover image, with no face that no
 * text is set in and every image as sharp as its source (the same bytes, SVG kept as SVG).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ARTICLES, type ArticleName, editions } from '../helpers/editions.js';
import { htmlDocument, openEpub, zipEntries } from '../helpers/parse.js';

const KB = 1024;

describe('the shipped article within its budgets', () => {
  for (const { lang, path: file } of editions('article', 'html')) {
    it(`${lang} HTML: at most 90 KB gzipped`, async () => {
      const gzipped = gzipSync(await readFile(file), { level: 9 }).byteLength;
      expect(gzipped).toBeLessThanOrEqual(90 * KB);
    });
  }
  for (const { lang, path: file } of editions('article', 'epub')) {
    it(`${lang} EPUB: at most 80 KB besides its cover image`, async () => {
      const raw = await readFile(file);
      const epub = await openEpub(file);
      const cover = epub.opf.querySelector('manifest > item[properties~="cover-image"]');
      const coverPath = path.posix.join(
        path.posix.dirname(epub.opfPath),
        cover?.getAttribute('href') ?? '',
      );
      const coverBytes =
        zipEntries(raw).find((entry) => entry.name === coverPath)?.compressedSize ?? 0;
      expect(cover, 'the OPF names a cover image').not.toBeNull();
      expect(raw.byteLength - coverBytes).toBeLessThanOrEqual(80 * KB);
    });
  }
});

describe.each(Object.keys(ARTICLES) as ArticleName[])(
  '%s: images as sharp as their source',
  (name) => {
    for (const { lang, path: file } of editions(name, 'html')) {
      it(`${lang} HTML: each image is its source file, SVG as text rather than base64`, async () => {
        const document = await htmlDocument(file);
        const images = [...document.querySelectorAll('img')];
        expect(images.length).toBeGreaterThan(0);
        const sources = await sourceImages(name);
        for (const image of images) {
          const src = image.getAttribute('src') ?? '';
          const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(src);
          expect(match, src.slice(0, 40)).not.toBeNull();
          const [, type, base64, data] = match as RegExpExecArray;
          const bytes = base64
            ? Buffer.from(data ?? '', 'base64')
            : Buffer.from(decodeURIComponent(data ?? ''), 'utf8');
          if (type === 'image/svg+xml') expect(base64, 'an SVG in base64').toBeUndefined();
          expect(
            sources.some((source) => source.equals(bytes)),
            `${image.getAttribute('alt')}: not the bytes of any source image`,
          ).toBe(true);
        }
      });
    }
  },
);

async function sourceImages(name: ArticleName): Promise<Buffer[]> {
  const dir = path.join(ARTICLES[name], 'images');
  const files = await readdir(dir);
  return Promise.all(files.map((file) => readFile(path.join(dir, file))));
}
