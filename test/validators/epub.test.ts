/**
 * Every EPUB edition through EPUBCheck 4.2.6, epubcheck-ts (EPUBCheck 5) and Ace by DAISY,
 * each run once per edition, plus the package and accessibility metadata the issue asks for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, loadArticle } from '../../src/article/load.js';
import { identifierFor } from '../../src/render/model.js';
import { typograph } from '../../src/typeset/typography.js';
import { ARTICLES, type ArticleName, editions, ROOT } from '../helpers/editions.js';
import { type Epub, htmlDocument, openEpub, xmlDocument } from '../helpers/parse.js';
import { aces, epubchecks, epubcheckTs, inPool, type Verdict } from '../helpers/validators.js';

const targets = (Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
  editions(name, 'epub').map((edition) => ({ name, ...edition })),
);

interface Verdicts {
  epubcheck: Verdict;
  epubcheckTs: Verdict;
  ace: Verdict & { outcome: string };
}
const verdicts = new Map<string, Partial<Verdicts>>();
const record = (file: string, part: Partial<Verdicts>) =>
  void verdicts.set(file, { ...verdicts.get(file), ...part });

beforeAll(async () => {
  // One JVM checks every EPUB and one Chromium takes Ace through all of them; the TypeScript
  // port runs in this process meanwhile.
  const files = targets.map((t) => t.path);
  const [checked, accessed] = await Promise.all([
    epubchecks(files),
    aces(files),
    inPool(targets, 1, async (t) => record(t.path, { epubcheckTs: await epubcheckTs(t.path) })),
  ]);
  for (const file of files) {
    record(file, { epubcheck: checked.get(file), ace: accessed.get(file) });
  }
});

function labels(lang: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(ROOT, 'templates/labels', `${lang}.json`), 'utf8'));
}

function metas(opf: Document, property: string): string[] {
  return Array.from(opf.querySelectorAll('meta'))
    .filter((m) => m.getAttribute('property') === property)
    .map((m) => (m.textContent ?? '').trim());
}

function dc(opf: Document, name: string): string[] {
  return Array.from(opf.getElementsByTagName(`dc:${name}`)).map((e) =>
    (e.textContent ?? '').trim(),
  );
}

describe.each(targets)('EPUB $name $lang', (target) => {
  let article: Article;
  let epub: Epub;
  beforeAll(async () => {
    [article, epub] = await Promise.all([
      loadArticle(ARTICLES[target.name]),
      openEpub(target.path),
    ]);
  });
  const source = () => {
    const found = article.editions.find((e) => e.lang === target.lang);
    if (!found) throw new Error(`no ${target.lang} source for ${target.path}`);
    return found;
  };

  it('passes EPUBCheck 4.2.6 with no fatal, error or warning', () => {
    const verdict = verdicts.get(target.path)?.epubcheck;
    expect(verdict?.findings).toEqual([]);
    expect(verdict?.summary).toMatch(/Messages: 0 fatals \/ 0 errors \/ 0 warnings$/);
  });

  it('passes epubcheck-ts (EPUBCheck 5) with no fatal, error or warning', () => {
    const verdict = verdicts.get(target.path)?.epubcheckTs;
    expect(verdict?.findings).toEqual([]);
    expect(verdict?.summary).toMatch(/0 fatals \/ 0 errors \/ 0 warnings$/);
  });

  it('passes Ace by DAISY with no violation of any impact', () => {
    const verdict = verdicts.get(target.path)?.ace;
    expect(verdict?.findings).toEqual([]);
    expect(verdict?.outcome).toBe('pass');
  });

  it('declares language, title, creators, date, description and subjects from the front matter', () => {
    const { meta } = source();
    const pkg = epub.opf.documentElement;
    expect(pkg.getAttribute('xml:lang')).toBe(target.lang);
    expect(dc(epub.opf, 'language')).toEqual([target.lang]);
    const typo = (s: string) => typograph(s, target.lang);
    expect(dc(epub.opf, 'title')[0]).toBe(typo(meta.title));
    expect(dc(epub.opf, 'creator')).toEqual(meta.authors.map(typo));
    // dc:date is the publication date, else the last revision's.
    const date = meta.date ?? meta.updated;
    expect(dc(epub.opf, 'date')).toEqual(date ? [date] : []);
    expect(dc(epub.opf, 'description')).toEqual(meta.description ? [typo(meta.description)] : []);
    expect(dc(epub.opf, 'subject')).toEqual(meta.keywords.map(typo));
  });

  it('has the identifier of its front matter or one derived from the article and language, and a modified date from the article', () => {
    const { meta } = source();
    const id = epub.opf.documentElement.getAttribute('unique-identifier');
    const identifier = Array.from(epub.opf.getElementsByTagName('dc:identifier')).find(
      (e) => e.getAttribute('id') === id,
    );
    expect(identifier?.textContent).toBe(
      meta.identifier ?? identifierFor(meta.authors, meta.date, article.name, target.lang),
    );
    const epoch = process.env.SOURCE_DATE_EPOCH;
    const expected = epoch
      ? new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : `${meta.updated ?? meta.date}T00:00:00Z`;
    expect(metas(epub.opf, 'dcterms:modified')).toEqual([expected]);
  });

  it('declares its cover image and lists landmarks in the navigation document', async () => {
    const items = Array.from(epub.opf.querySelectorAll('manifest > item'));
    const cover = items.filter((i) =>
      (i.getAttribute('properties') ?? '').split(' ').includes('cover-image'),
    );
    expect(cover).toHaveLength(1);
    expect(cover[0]?.getAttribute('media-type')).toMatch(/^image\//);
    const nav = items.find((i) => (i.getAttribute('properties') ?? '').split(' ').includes('nav'));
    const navPath = path.posix.join(
      path.posix.dirname(epub.opfPath),
      nav?.getAttribute('href') ?? '',
    );
    const doc = xmlDocument(await epub.text(navPath));
    const landmarks = Array.from(doc.querySelectorAll('nav')).find(
      (n) => n.getAttribute('epub:type') === 'landmarks',
    );
    const types = Array.from(landmarks?.querySelectorAll('a') ?? []).map((a) =>
      a.getAttribute('epub:type'),
    );
    expect(types).toEqual(expect.arrayContaining(['toc', 'bodymatter']));
  });

  it('carries EPUB Accessibility 1.1 metadata, its summary in the edition language', () => {
    const hasImages = source().doc.images.length > 0;
    expect(metas(epub.opf, 'schema:accessMode').sort()).toEqual(
      hasImages ? ['textual', 'visual'] : ['textual'],
    );
    expect(metas(epub.opf, 'schema:accessModeSufficient')).toContain('textual');
    expect(metas(epub.opf, 'schema:accessibilityFeature')).toEqual(
      expect.arrayContaining([
        ...(hasImages ? ['alternativeText'] : []),
        'structuralNavigation',
        'tableOfContents',
        'readingOrder',
      ]),
    );
    expect(metas(epub.opf, 'schema:accessibilityHazard')).toEqual(['none']);
    expect(metas(epub.opf, 'schema:accessibilitySummary')).toEqual([
      typograph(labels(target.lang).accessibilitySummary ?? '', target.lang),
    ]);
    expect(metas(epub.opf, 'dcterms:conformsTo')).toEqual([
      'EPUB Accessibility 1.1 - WCAG 2.2 Level AA',
    ]);
  });

  it('keeps every image’s alt text, width and height as the Markdown and the HTML edition have them', async () => {
    const { doc } = source();
    const xhtml = [...epub.zip.file(/\.xhtml$/)].filter((f) => !f.name.endsWith('toc.xhtml'));
    // The figures of the text; the cover page's image is checked in epub-cover.test.ts.
    const images = (
      await Promise.all(
        xhtml.map(async (f) => {
          const page = xmlDocument(await f.async('string'));
          const cover = (page.querySelector('body')?.getAttribute('epub:type') ?? '')
            .split(' ')
            .includes('cover');
          return cover ? [] : Array.from(page.querySelectorAll('img'));
        }),
      )
    ).flat();
    const html = await htmlDocument(
      editions(target.name, 'html').find((e) => e.lang === target.lang)?.path ?? '',
    );
    // linkedom's XML parser gives a no-break space in an attribute as "&#160;".
    const alt = (img: Element) =>
      img
        .getAttribute('alt')
        ?.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
    const shape = (img: Element) => ({
      alt: alt(img),
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
    });
    expect(images.map(shape)).toEqual(Array.from(html.querySelectorAll('main img')).map(shape));
    expect(images.map(alt)).toEqual(doc.images.map((i) => (i.decorative ? '' : i.alt)));
    expect(images.map((img) => [img.getAttribute('width'), img.getAttribute('height')])).toEqual(
      doc.images.map((i) => {
        const asset = article.assets.get(article.imagePaths.get(i.src) ?? '');
        return [String(asset?.width), String(asset?.height)];
      }),
    );
  });
});
