/**
 * The typographic pass reaches every string an edition carries besides its body: the front
 * matter, once, in the page model (so the page, running heads, PDF Info and XMP, EPUB
 * metadata and cover agree), the other editions' titles, and the localized labels.
 */
import { describe, expect, it } from 'vitest';
import type { FrontMatter } from '../../src/article/front-matter.js';
import type { Article, EditionSource } from '../../src/article/load.js';
import { parseDocument } from '../../src/markdown/document.js';
import { pageModel } from '../../src/render/model.js';
import { loadTemplates } from '../../src/render/templates.js';

function edition(lang: string, meta: Partial<FrontMatter>): EditionSource {
  return {
    lang,
    file: `/article/${lang}.md`,
    meta: { title: 'x', authors: [], keywords: [], translators: [], notes: [], ...meta },
    doc: parseDocument('', lang),
    mtime: 0,
  } as unknown as EditionSource;
}

const en = edition('en', {
  title: "The Archivist's Dilemma",
  subtitle: 'Cities -- and "smart" ones -- in 2011-2014',
  authors: ["Mary O'Brien"],
  translators: ["Tom d'Arcy"],
  description: "China's cities... watched",
  keywords: ["China's cities", 'privacy'],
  publisher: "Writers' Press",
  rights: "© 2021 Mary O'Brien",
  notes: ['Typos corrected ("CEO di Baidu" to "CEO of Baidu"); see p. 3.'],
});
const it_ = edition('it', {
  title: 'Il dilemma dell\'archivista: "smart" o no?',
  authors: ["Mary O'Brien"],
  notes: ['Refusi corretti ("CEO di Baidu")'],
});
const article = {
  dir: '/article',
  name: 'article',
  editions: [en, it_],
  assets: new Map(),
  imagePaths: new Map(),
} as unknown as Article;

const model = (source: EditionSource) =>
  pageModel({
    article,
    edition: source,
    format: 'pdf',
    labels: {},
    outDir: '/out',
    version: '0.0.0',
    sourceDateEpoch: 0,
  });

describe('front matter in the page model', () => {
  it('is typeset in the edition’s language', () => {
    const page = model(en);
    expect(page.title).toBe('The Archivist’s Dilemma');
    expect(page.subtitle).toBe('Cities\u00a0– and “smart” ones\u00a0– in 2011–2014');
    expect(page.authors).toEqual(['Mary O’Brien']);
    expect(page.translators).toEqual(['Tom d’Arcy']);
    expect(page.description).toBe('China’s cities… watched');
    expect(page.keywords).toEqual(['China’s cities', 'privacy']);
    expect(page.publisher).toBe('Writers’ Press');
    expect(page.rights).toBe('© 2021 Mary O’Brien');
    expect(page.notes).toEqual([
      'Typos corrected (“CEO di Baidu” to “CEO of Baidu”); see p.\u00a03.',
    ]);
    const italian = model(it_);
    expect(italian.title).toBe('Il dilemma dell’archivista: «smart» o no?');
    expect(italian.notes).toEqual(['Refusi corretti («CEO di Baidu»)']);
  });
  it('gives each other edition’s title in that edition’s own style', () => {
    expect(model(en).alternates.map((a) => a.title)).toEqual([
      'Il dilemma dell’archivista: «smart» o no?',
    ]);
    expect(model(it_).alternates.map((a) => a.title)).toEqual(['The Archivist’s Dilemma']);
  });
  it('reaches the PDF’s running head as typeset', async () => {
    const templates = await loadTemplates();
    const css = await templates.render('pdf/running.css', model(en));
    expect(css).toContain('"The Archivist’s Dilemma"');
    expect(css).toContain('"Mary O’Brien"');
  });
});

describe('labels', () => {
  it('are typeset in the language of their file', async () => {
    const templates = await loadTemplates();
    const it = await templates.labels('it');
    expect(it.accessibilitySummary).toContain('dove l’autore');
    expect(it.accessibilitySummary).not.toMatch(/['"]/);
    const fr = await templates.labels('fr');
    expect(fr.skipToText).toBe('Aller à l’essai');
    // French keeps a colon with its word by a narrow no-break space.
    expect(fr.alsoIn).toMatch(/langues\u202f:$/);
  });
});
