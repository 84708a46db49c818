/**
 * The contents list's figures (lining, tabular page numbers in the PDF) are in the faces the
 * editions embed: the fixture with a contents list, rendered as the HTML page and as the
 * page the PDF is printed from, each element's text matched to the face that sets it.
 */
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/load.js';
import { loadFontFaces } from '../../src/render/fonts.js';
import { renderHtml } from '../../src/render/html.js';
import { loadTemplates } from '../../src/render/templates.js';
import { checkFeatures, embeddedFaces } from '../helpers/font-features.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the contents list', () => {
  it('asks only for features the embedded faces have, on screen and in the PDF', async () => {
    const ctx = {
      article: await loadArticle(path.join(ROOT, 'test/fixtures/contents-article')),
      templates: await loadTemplates(),
      fonts: await loadFontFaces(),
      outDir: '/tmp/contents-font-features',
      version: '0.0.0',
      sourceDateEpoch: undefined,
      paper: undefined,
    };
    for (const edition of ctx.article.editions) {
      for (const format of ['html', 'pdf'] as const) {
        const page = await renderHtml(ctx, edition, format);
        const css = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
        const faces = embeddedFaces(css, (url) =>
          Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'),
        );
        // The page has its list and, in the PDF, a box for each entry's page number, filled
        // here as the PDF's second print fills it.
        const { document } = parseHTML(page);
        const entries = document.querySelectorAll('nav[aria-labelledby] li');
        const boxes = document.querySelectorAll('nav[aria-labelledby] li a > span');
        expect(entries.length).toBeGreaterThan(6);
        expect(boxes.length).toBe(format === 'pdf' ? entries.length : 0);
        for (const box of boxes) box.textContent = ' 1234567890';
        const markup = document.toString();
        expect(checkFeatures(markup, css, faces), `${edition.lang} ${format}`).toEqual([]);
      }
    }
  }, 60_000);
});
