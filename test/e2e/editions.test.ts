/**
 * The six editions of each article, built once by the real CLI with real Chromium
 * (test/global-setup.ts), read back by parsing and compared with the article's sources.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, loadArticle } from '../../src/article/load.js';
import { ARTICLES, type ArticleName, editions, report } from '../helpers/editions.js';
import {
  firstZipEntry,
  htmlDocument,
  openEpub,
  pdfCatalog,
  pdfInfo,
  pdfText,
  squash,
  xmlDocument,
} from '../helpers/parse.js';

/** The articles in English and Italian; the world article's seven are read in scripts.test.ts. */
const names = (Object.keys(ARTICLES) as ArticleName[]).filter((name) => name !== 'world');

/** A few whole sentences of an edition's Markdown, as plain text, to find in the outputs. */
function sentences(article: Article, lang: string): string[] {
  const edition = article.editions.find((e) => e.lang === lang);
  const paragraphs = (edition?.doc.tokens ?? [])
    .filter(
      (t) =>
        t.type === 'inline' &&
        (t.children ?? []).every((c) => c.type === 'text' || c.type === 'softbreak'),
    )
    .map((t) =>
      squash((t.children ?? []).map((c) => (c.type === 'softbreak' ? ' ' : c.content)).join('')),
    )
    .filter((p) => p.length > 80);
  return [paragraphs[0], paragraphs.at(-1)]
    .filter((p): p is string => p !== undefined)
    .map((p) => p.split(/(?<=[.!?])\s/)[0] ?? p);
}

describe.each(names)('the editions of %s', (name) => {
  let article: Article;
  beforeAll(async () => {
    article = await loadArticle(ARTICLES[name]);
  });

  it('builds html, pdf and epub for every language, as the report says', () => {
    const built = report(name).editions;
    expect(built.map((e) => `${e.lang}.${e.format}`).sort()).toEqual(
      article.editions.flatMap((e) => ['epub', 'html', 'pdf'].map((f) => `${e.lang}.${f}`)).sort(),
    );
    for (const e of built) {
      expect(e.ok).toBe(true);
      expect(existsSync(e.path)).toBe(true);
      expect(path.basename(path.dirname(e.path))).toBe(e.lang);
    }
  });

  describe('HTML', () => {
    it.each(['en', 'it'])(
      '%s: lang, title, figures with alt and caption, links to the other edition',
      async (lang) => {
        const edition = editions(name, 'html').find((e) => e.lang === lang);
        const source = article.editions.find((e) => e.lang === lang);
        if (!edition || !source) throw new Error(`no ${lang} edition of ${name}`);
        const doc = await htmlDocument(edition.path);
        expect(doc.documentElement.getAttribute('lang')).toBe(lang);
        expect(doc.title).toBe(source.meta.title);
        expect(doc.querySelectorAll('h1')).toHaveLength(1);

        const figures = [...doc.querySelectorAll('figure')];
        const expected = source.doc.images.filter((i) => i.figure);
        expect(figures).toHaveLength(expected.length);
        figures.forEach((figure, i) => {
          const img = figure.querySelector('img');
          expect(img?.getAttribute('alt')).toBe(expected[i]?.alt);
          expect(img?.getAttribute('src')).toMatch(/^data:image\//);
          expect(squash(figure.querySelector('figcaption')?.textContent ?? '') || undefined).toBe(
            expected[i]?.caption,
          );
        });

        const other = lang === 'en' ? 'it' : 'en';
        const alternate = doc.querySelector(`link[rel="alternate"][hreflang="${other}"]`);
        const target = editions(name, 'html').find((e) => e.lang === other)?.path;
        expect(alternate).not.toBeNull();
        expect(
          path.resolve(path.dirname(edition.path), alternate?.getAttribute('href') ?? ''),
        ).toBe(target);
        const visible = doc.querySelector(
          `main ~ footer a[hreflang="${other}"], header a[hreflang="${other}"]`,
        );
        expect(visible?.textContent?.trim().length).toBeGreaterThan(0);

        const text = squash(doc.querySelector('main')?.textContent ?? '');
        expect(sentences(article, lang)).toHaveLength(2);
        for (const sentence of sentences(article, lang)) expect(text).toContain(sentence);
      },
    );
  });

  describe('PDF', () => {
    it.each(['en', 'it'])('%s: text, title, language and pages', async (lang) => {
      const edition = editions(name, 'pdf').find((e) => e.lang === lang);
      const source = article.editions.find((e) => e.lang === lang);
      if (!edition || !source) throw new Error(`no ${lang} edition of ${name}`);
      const [text, info, catalog] = await Promise.all([
        pdfText(edition.path),
        pdfInfo(edition.path),
        pdfCatalog(edition.path),
      ]);
      expect(info.Title).toBe(source.meta.title);
      expect(info.Author).toBe(source.meta.authors.join(', '));
      expect(info.Tagged).toBe('yes');
      expect(info['Page size']).toContain('(A4)');
      expect(catalog.lang).toBe(lang);
      expect(catalog.pages).toBeGreaterThanOrEqual(2);
      const flat = squash(text.replace(/-\n/g, '-'));
      for (const sentence of sentences(article, lang)) expect(flat).toContain(sentence);
    });
  });

  describe('EPUB', () => {
    it.each(['en', 'it'])(
      '%s: mimetype first and stored, package language and metadata, images with alt',
      async (lang) => {
        const edition = editions(name, 'epub').find((e) => e.lang === lang);
        const source = article.editions.find((e) => e.lang === lang);
        if (!edition || !source) throw new Error(`no ${lang} edition of ${name}`);
        const epub = await openEpub(edition.path);
        expect(firstZipEntry(epub.raw)).toEqual({ name: 'mimetype', method: 0 });
        expect(await epub.text('mimetype')).toBe('application/epub+zip');

        const pkg = epub.opf.documentElement;
        expect(pkg.getAttribute('xml:lang')).toBe(lang);
        const meta = (tag: string) =>
          [...epub.opf.getElementsByTagName(tag)].map((e) => e.textContent?.trim());
        expect(meta('dc:language')).toEqual([lang]);
        expect(meta('dc:title')[0]).toBe(source.meta.title);
        expect(meta('dc:creator')).toEqual(source.meta.authors);
        expect(meta('dc:date')).toEqual([source.meta.date ?? source.meta.updated]);
        expect(meta('dc:subject')).toEqual(source.meta.keywords);

        const base = path.posix.dirname(epub.opfPath);
        const items = [...epub.opf.getElementsByTagName('item')];
        // The text: the first document of the spine that is not the cover page.
        const spine = [...epub.opf.getElementsByTagName('itemref')].map(
          (ref) =>
            items
              .find((i) => i.getAttribute('id') === ref.getAttribute('idref'))
              ?.getAttribute('href') ?? '',
        );
        const pages = await Promise.all(
          spine.map(async (href) => ({
            href,
            doc: xmlDocument(await epub.text(path.posix.join(base, href))),
          })),
        );
        const text = pages.find(
          (p) =>
            !(p.doc.querySelector('body')?.getAttribute('epub:type') ?? '')
              .split(' ')
              .includes('cover'),
        );
        const chapterHref = text?.href ?? '';
        const chapter = text?.doc ?? xmlDocument('<html/>');
        const imgs = [...chapter.getElementsByTagName('img')];
        expect(imgs.map((i) => i.getAttribute('alt'))).toEqual(source.doc.images.map((i) => i.alt));
        for (const img of imgs) {
          const href = path.posix.join(
            base,
            path.posix.dirname(chapterHref),
            img.getAttribute('src') ?? '',
          );
          expect(epub.zip.file(href), href).not.toBeNull();
          expect(
            items.some((i) => path.posix.join(base, i.getAttribute('href') ?? '') === href),
          ).toBe(true);
          expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
        }
        expect(items.some((i) => i.getAttribute('properties') === 'cover-image')).toBe(true);
      },
    );
  });
});
