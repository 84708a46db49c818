/**
 * The preview parses again only the paragraphs a save changed (src/markdown/incremental.ts).
 * After each of a series of edits, the parse kept from the one before and brought up to
 * date must equal a parse of the whole file, token for token, and the HTML edition rendered
 * from it, by a build's renderer and by the preview's own (reading-view.ts), must be byte
 * for byte the one a build renders from a fresh parse.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script, without types
import { longArticle } from '../../scripts/bench-long.mjs';
import type { ParseCache } from '../../src/article/edition-file.js';
import { type Article, loadArticle } from '../../src/article/load.js';
import { renderReadingView } from '../../src/preview/reading-view.js';
import type { RenderContext } from '../../src/render/context.js';
import { type FontFace, loadFontFaces } from '../../src/render/fonts.js';
import { renderHtml } from '../../src/render/html.js';
import { loadTemplates, type Templates } from '../../src/render/templates.js';
import { ARTICLES, ROOT } from '../helpers/editions.js';
import { copyArticle } from './helpers.js';

type Edit = (body: string[], pick: (n: number) => number) => void;

const isProse = (line: string | undefined) => line !== undefined && /^[A-Za-zÀ-ÿ*_`]/.test(line);

/** Index of a random line that `test` accepts, or -1. */
function lineWhere(body: string[], pick: (n: number) => number, test: (l: string) => boolean) {
  const candidates = body.flatMap((line, k) => (test(line) ? [k] : []));
  return candidates.length === 0 ? -1 : (candidates[pick(candidates.length)] ?? -1);
}

/** Edits a writer makes while the preview is open, most of them within a paragraph. */
const EDITS: Record<string, Edit> = {
  'a word added to a paragraph': (body, pick) => {
    const k = lineWhere(body, pick, isProse);
    if (k >= 0) body[k] = `${body[k]} Edited *again*.`;
  },
  'a word changed': (body, pick) => {
    const k = lineWhere(body, pick, (l) => /\bthe\b/.test(l));
    if (k >= 0) body[k] = (body[k] ?? '').replace(/\bthe\b/, 'that');
  },
  'a paragraph inserted': (body, pick) => {
    const k = lineWhere(body, pick, (l) => l === '');
    body.splice(
      k + 1,
      0,
      'A new paragraph, with `code` and a [link](https://example.org/new).',
      '',
    );
  },
  'a line joined to the paragraph above': (body, pick) => {
    const k = lineWhere(body, pick, isProse);
    if (k >= 0) body.splice(k + 1, 0, 'A line that joins the paragraph.');
  },
  'a paragraph deleted': (body, pick) => {
    const k = lineWhere(body, pick, isProse);
    if (k >= 0 && body[k - 1] === '' && body[k + 1] === '') body.splice(k, 2);
  },
  'a paragraph split in two': (body, pick) => {
    const k = lineWhere(body, pick, (l) => isProse(l) && l.includes('. '));
    if (k >= 0) body.splice(k, 1, ...(body[k] ?? '').replace('. ', '.\n\n').split('\n'));
  },
  'a figure inserted': (body, pick) => {
    const k = lineWhere(body, pick, (l) => l === '');
    body.splice(k + 1, 0, '![A chart of the figures](images/IMAGE "What the chart shows")', '');
  },
  'a heading renamed': (body, pick) => {
    const k = lineWhere(body, pick, (l) => /^#{2,} /.test(l));
    if (k >= 0) body[k] = `${body[k]} again`;
  },
  'a note added': (body, pick) => {
    const k = lineWhere(body, pick, isProse);
    if (k >= 0) body[k] = `${body[k]}^[A note written inline.]`;
  },
  'a line added at the end': (body) => {
    body.push('', 'The last word.');
  },
};

/** A small deterministic generator, so that a failure can be reproduced. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

let templates: Templates;
let fonts: FontFace[];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [templates, fonts] = await Promise.all([loadTemplates(), loadFontFaces()]);
});
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

function context(article: Article): RenderContext {
  return {
    article,
    templates,
    fonts,
    outDir: path.resolve('preview'),
    version: 'test',
    sourceDateEpoch: 0,
    paper: undefined,
  };
}

async function editSeries(source: string, image: string, seed: number, steps: number) {
  const copy = await copyArticle(source);
  cleanups.push(copy.cleanup);
  const file = path.join(copy.dir, 'en.md');
  const cache: ParseCache = new Map();
  let previous = await loadArticle(copy.dir, cache);
  const pick = random(seed);
  const names = Object.keys(EDITS);
  let reused = 0;
  for (let step = 0; step < steps; step++) {
    const text = await readFile(file, 'utf8');
    const end = text.indexOf('\n---', 4) + 4;
    const body = text.slice(end).split('\n');
    const name = names[pick(names.length)] ?? '';
    EDITS[name]?.(body, pick);
    await writeFile(file, `${text.slice(0, end)}${body.join('\n').replace('IMAGE', image)}`);
    const incremental = await loadArticle(copy.dir, cache);
    const full = await loadArticle(copy.dir);
    const was = previous.editions.find((e) => e.lang === 'en')?.doc;
    const doc = incremental.editions.find((e) => e.lang === 'en')?.doc;
    const fresh = full.editions.find((e) => e.lang === 'en');
    if (!doc || !fresh || !was) throw new Error('no English edition');
    if (doc.tokens.length > 1 && doc.tokens[0] === was.tokens[0]) reused += 1;
    expect(JSON.stringify(doc), `after step ${step} (${name})`).toBe(JSON.stringify(fresh.doc));
    const edition = incremental.editions.find((e) => e.lang === 'en');
    if (!edition) throw new Error('no English edition');
    const built = await renderHtml(context(full), fresh);
    expect(await renderHtml(context(incremental), edition), `HTML after ${name}`).toBe(built);
    // The page the PDF is printed from.
    expect(await renderHtml(context(incremental), edition, 'pdf'), `PDF page after ${name}`).toBe(
      await renderHtml(context(full), fresh, 'pdf'),
    );
    // The page the preview serves, rendered around the body rather than through Liquid.
    expect(await renderReadingView(context(incremental), edition), `view after ${name}`).toBe(
      built,
    );
    previous = incremental;
  }
  if (process.env.SHOW_REUSE) console.log(source, reused, steps);
  return reused;
}

describe('a parse brought up to date after each save', () => {
  it('equals a parse of the whole file, and renders the same page (shipped article)', async () => {
    const reused = await editSeries(ARTICLES.article, 'xiongan.svg', 7, 24);
    // Most edits are within paragraphs: the series exercises the incremental path.
    expect(reused).toBeGreaterThan(6);
  });

  it('…on an article with notes, a table, code and a formula', async () => {
    const reused = await editSeries(ARTICLES.second, 'map.svg', 11, 24);
    expect(reused).toBeGreaterThan(6);
  });

  it('…on a long article (the test article five times), where edits land between notes', async () => {
    const copy = await copyArticle(ARTICLES.second);
    cleanups.push(copy.cleanup);
    const long = path.join(path.dirname(copy.dir), 'long-5');
    longArticle(path.join(ROOT, 'test/fixtures/second-article'), long, 5);
    const reused = await editSeries(long, 'chart.png', 23, 20);
    expect(reused).toBeGreaterThan(6);
  });

  it('…on an article with raw HTML, callouts and attributes', async () => {
    const source = path.join(ROOT, 'test/fixtures/rich-article');
    const reused = await editSeries(source, 'chart.png', 5, 20);
    expect(reused).toBeGreaterThan(0);
  });
});

describe('images kept from one save to the next', () => {
  it('are read again, and checked again, when their bytes change', async () => {
    const copy = await copyArticle(ARTICLES.second);
    cleanups.push(copy.cleanup);
    const cache: ParseCache = new Map();
    const chart = path.join(copy.dir, 'images/chart.png');
    const first = (await loadArticle(copy.dir, cache)).assets.get('images/chart.png');
    const again = (await loadArticle(copy.dir, cache)).assets.get('images/chart.png');
    expect(again).toBe(first);
    // Another picture under the same name, then one that is not a picture at all.
    await writeFile(chart, await readFile(path.join(ROOT, 'article/images/xiongan.svg')));
    const other = (await loadArticle(copy.dir, cache)).assets.get('images/chart.png');
    const fresh = (await loadArticle(copy.dir)).assets.get('images/chart.png');
    expect(other?.sha256).toBe(fresh?.sha256);
    expect(other?.sha256).not.toBe(first?.sha256);
    expect([other?.width, other?.height]).toEqual([fresh?.width, fresh?.height]);
    await writeFile(chart, 'not a picture');
    const broken = await loadArticle(copy.dir, cache);
    expect(broken.assets.has('images/chart.png')).toBe(false);
    expect(broken.problems?.map((p) => p.rule)).toContain('image-not-image');
  });
});

describe('the reading view rendered around its body', () => {
  it('follows a change of what the template is given besides the body (the title)', async () => {
    const copy = await copyArticle(ARTICLES.article);
    cleanups.push(copy.cleanup);
    const file = path.join(copy.dir, 'en.md');
    const cache: ParseCache = new Map();
    for (const title of ['First title', 'Second title']) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^title: .*$/m, `title: ${title}`));
      const article = await loadArticle(copy.dir, cache);
      const edition = article.editions.find((e) => e.lang === 'en');
      if (!edition) throw new Error('no English edition');
      const view = await renderReadingView(context(article), edition);
      expect(view).toBe(await renderHtml(context(article), edition));
      expect(view).toContain(`<title>${title}`);
    }
  });
});
