/**
 * A reading view brought up to date by a patch (src/preview/patch.ts, applied by the page
 * script's APPLY_PATCH) must hold exactly the document the browser makes of the new page:
 * the same serialisation and the same nodes, text nodes included. Checked in Chromium on
 * edited editions of the shipped article and on HTML written to be awkward.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParseCache } from '../../src/article/edition-file.js';
import { loadArticle } from '../../src/article/load.js';
import { APPLY_PATCH } from '../../src/preview/live-reload.js';
import { type Patch, patchFor } from '../../src/preview/patch.js';
import { loadFontFaces } from '../../src/render/fonts.js';
import { renderHtml } from '../../src/render/html.js';
import { loadTemplates } from '../../src/render/templates.js';
import { launchChromium } from '../helpers/chromium.js';
import { ARTICLES } from '../helpers/editions.js';
import { copyArticle } from './helpers.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  // Nothing the pages refer to is fetched: they are compared as documents.
  await page.setJavaScriptEnabled(true);
});
afterAll(() => browser?.close());

/** The document as the browser holds it: its markup and every node's name and children. */
async function documentOf(): Promise<{ html: string; nodes: string }> {
  return page.evaluate(() => {
    const shape = (n: Node): string =>
      `${n.nodeName}${n.childNodes.length > 0 ? `(${[...n.childNodes].map(shape).join(',')})` : ''}`;
    return { html: document.documentElement.outerHTML, nodes: shape(document) };
  });
}

/** The document the browser makes of `next`, and the one `patch` makes of `old`'s. */
async function compare(old: string, next: string, patch: Patch) {
  await page.setContent(next, { waitUntil: 'domcontentloaded' });
  const expected = await documentOf();
  await page.setContent(old, { waitUntil: 'domcontentloaded' });
  const applied = await page.evaluate(`(${APPLY_PATCH.toString()})(${JSON.stringify(patch)})`);
  return { applied, expected, actual: await documentOf() };
}

const shell = (body: string) =>
  `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n<style>p{color:red}</style>\n</head>\n<body>\n<main id="text">\n${body}\n</main>\n</body>\n</html>\n`;

describe('patchFor', () => {
  const cases: [string, string, string][] = [
    ['a word changed', '<p>one two</p>\n<p>three</p>', '<p>one 2 two</p>\n<p>three</p>'],
    ['text that merges with its neighbour', '<p>a<em>b</em>c</p>', '<p>a<em>b</em>cd</p>'],
    ['an element that becomes text', '<p>a<em>b</em>c</p>', '<p>abc</p>'],
    ['a paragraph added', '<p>a</p>\n<p>c</p>', '<p>a</p>\n<p>b</p>\n<p>c</p>'],
    ['a paragraph removed', '<p>a</p>\n<p>b</p>\n<p>c</p>', '<p>a</p>\n<p>c</p>'],
    ['inside a comment', '<p>a</p><!-- x -->\n<p>c</p>', '<p>a</p><!-- y -->\n<p>c</p>'],
    [
      'void elements',
      '<p>a<br>b<img src="x.png" alt="1 > 0">c</p>',
      '<p>a<br>b<img src="x.png" alt="1 > 2">c</p>',
    ],
    [
      'a formula',
      '<p>x <math><mi>a</mi><mspace width="1em"/><mi>b</mi></math> y</p>',
      '<p>x <math><mi>a</mi><mspace width="1em"/><mi>c</mi></math> y</p>',
    ],
    ['code', '<pre><code>&lt;p&gt; a\n</code></pre>', '<pre><code>&lt;p&gt; b\n</code></pre>'],
    [
      'a table cell',
      '<table>\n<tbody>\n<tr><td>1</td></tr>\n</tbody>\n</table>',
      '<table>\n<tbody>\n<tr><td>2</td></tr>\n</tbody>\n</table>',
    ],
  ];
  it.each(cases)('%s: the patched document is the new one', async (_name, before, after) => {
    const old = shell(before);
    const next = shell(after);
    const patch = patchFor(old, next);
    if (!patch) throw new Error('no patch');
    const { applied, expected, actual } = await compare(old, next, patch);
    expect(applied).toBe(true);
    expect(actual).toEqual(expected);
  });

  it("gives no patch for a change in the head, or outside the body's elements", () => {
    expect(
      patchFor(shell('<p>a</p>'), shell('<p>a</p>').replace('p{color:red}', 'p{color:blue}')),
    ).toBeUndefined();
    const bare = (body: string) => `<html><head></head><body>${body}</body></html>`;
    expect(patchFor(bare('a<p>b</p>'), bare('x<p>b</p>'))).toBeUndefined();
    expect(patchFor(shell('<p>a</p>'), shell('<p>a</p>'))).toBeUndefined();
  });

  it('gives no patch for HTML whose elements are not all closed', () => {
    expect(patchFor(shell('<p>a<p>b</p>'), shell('<p>a<p>c</p>'))).toBeUndefined();
  });

  it('a page that does not hold what the patch expects is left alone', async () => {
    const patch = patchFor(shell('<p>a</p>\n<p>b</p>'), shell('<p>a</p>\n<p>c</p>'));
    if (!patch) throw new Error('no patch');
    await page.setContent(shell('<p>a</p>'), { waitUntil: 'domcontentloaded' });
    const before = await documentOf();
    const applied = await page.evaluate(`(${APPLY_PATCH.toString()})(${JSON.stringify(patch)})`);
    expect(applied).toBe(false);
    expect(await documentOf()).toEqual(before);
  });
});

describe('patches between the editions of saves', () => {
  it('turn each reading view into the next, node for node', async () => {
    const copy = await copyArticle(ARTICLES.article);
    try {
      const file = path.join(copy.dir, 'en.md');
      const original = await readFile(file, 'utf8');
      const [templates, fonts] = await Promise.all([loadTemplates(), loadFontFaces()]);
      const cache: ParseCache = new Map();
      const render = async () => {
        const article = await loadArticle(copy.dir, cache);
        const edition = article.editions.find((e) => e.lang === 'en');
        if (!edition) throw new Error('no English edition');
        const ctx = {
          article,
          templates,
          fonts,
          outDir: path.resolve('preview'),
          version: 't',
          sourceDateEpoch: 0,
          paper: undefined,
        };
        return renderHtml(ctx, edition);
      };
      const edits = [
        (t: string) => t.replace('Smart cities represent', 'Smart cities now represent'),
        (t: string) => t.replace('Smart cities now represent', 'Smart cities, *today*, represent'),
        (t: string) => t.replace('\n\n![', '\n\nA paragraph of its own.\n\n!['),
        (t: string) => t.replace('A paragraph of its own.\n\n', ''),
        (t: string) => t.replace('![Dusk skyline', '![Dusky skyline'),
        // A character the text had nowhere: the fonts in the head change too.
        (t: string) => t.replace('Smart cities', 'Smart cities Ω'),
      ];
      let old = await render();
      let text = original;
      let patched = 0;
      for (const edit of edits) {
        const edited = edit(text);
        expect(edited).not.toBe(text);
        text = edited;
        await writeFile(file, text);
        const next = await render();
        const patch = patchFor(old, next);
        if (patch) {
          const { applied, expected, actual } = await compare(old, next, patch);
          expect(applied).toBe(true);
          expect(actual).toEqual(expected);
          patched += 1;
        }
        old = next;
      }
      // Edits within the text are sent as patches; the last one, which changes the fonts, is not.
      expect(patched).toBe(edits.length - 1);
    } finally {
      await copy.cleanup();
    }
  });
});
