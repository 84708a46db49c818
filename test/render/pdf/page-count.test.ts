/**
 * Where the notes go at the foot of their pages, the page is paginated before it is printed
 * (foot-notes.ts), which says on which page each heading of the contents list starts: the
 * numbers are written then and the page printed once (lay-out.ts). Here the print pages of
 * two test articles with notes and a contents list (one of them ten times over) are laid out
 * in real Chromium as a build lays them out, printed, and each number written is read back
 * from the printed PDF's own named destinations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { Page as CorePage } from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's article generator is plain JavaScript.
import { longArticle } from '../../../scripts/bench-long.mjs';
import { loadArticle } from '../../../src/article/load.js';
import { modelFor, type RenderContext } from '../../../src/render/context.js';
import { loadFontFaces } from '../../../src/render/fonts.js';
import { renderHtml } from '../../../src/render/html.js';
import { destinationPages } from '../../../src/render/pdf/contents.js';
import { layOut } from '../../../src/render/pdf/lay-out.js';
import { pageCount } from '../../../src/render/pdf/print.js';
import { pdfLayout } from '../../../src/render/stylesheets.js';
import { loadTemplates } from '../../../src/render/templates.js';
import { launchChromium } from '../../helpers/chromium.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let browser: Browser;
let work: string;
beforeAll(async () => {
  browser = await launchChromium();
  work = await mkdtemp(path.join(os.tmpdir(), 'build-article-page-count-'));
  (longArticle as (from: string, to: string, times: number) => void)(
    path.join(ROOT, 'test/fixtures/second-article'),
    path.join(work, 'second-x10'),
    10,
  );
});
afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function context(dir: string): Promise<RenderContext> {
  return {
    article: await loadArticle(dir),
    templates: await loadTemplates(),
    fonts: await loadFontFaces(),
    outDir: path.join(work, 'out'),
    version: '0.0.0',
    sourceDateEpoch: undefined,
    paper: undefined,
  };
}

describe('the pages counted before printing', () => {
  it.each([
    ['the contents test article', () => path.join(ROOT, 'test/fixtures/contents-article')],
    ['the second test article ×10', () => path.join(work, 'second-x10')],
  ])('number %s’s contents list with the pages its PDF has', async (_name, dir) => {
    const ctx = await context(dir());
    for (const edition of ctx.article.editions) {
      const model = await modelFor(ctx, edition, 'pdf');
      expect(model.contents, edition.lang).toBe(true);
      const page = await browser.newPage();
      try {
        const html = await renderHtml(ctx, edition, 'pdf');
        const laidOut = await layOut(
          page as unknown as CorePage,
          html,
          await pdfLayout(ctx),
          true,
          {
            contents: true,
            lang: edition.lang,
          },
        );
        expect(laidOut.numbered, edition.lang).toBe(true);
        const written = await page.evaluate(() =>
          [...document.querySelectorAll('.contents .toc-page')].map((box) => ({
            id: decodeURIComponent((box.closest('a')?.getAttribute('href') ?? '').slice(1)),
            number: Number(box.textContent),
          })),
        );
        const pdf = await page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          tagged: true,
        });
        expect(pageCount(pdf), edition.lang).toBe(laidOut.placed.pages);
        const printed = await destinationPages(pdf);
        expect(written.length).toBeGreaterThan(4);
        // More than one page is listed: the numbers are not all the first page's.
        expect(new Set(written.map((w) => w.number)).size).toBeGreaterThan(2);
        expect(written).toEqual(written.map(({ id }) => ({ id, number: printed.get(id) })));
      } finally {
        await page.close();
      }
    }
  });
});
