/** The PDF edition: the print HTML laid out by Chromium, then given its metadata by pdf-lib. */
import type { EditionSource } from '../../article/load.js';
import type { BrowserSession } from '../../browser/session.js';
import { modelFor, type RenderContext } from '../context.js';
import { renderHtml } from '../html.js';
import { pdfLayout } from '../stylesheets.js';
import { finishPdf } from './finish.js';
import { breakLines, type LineBreakOptions } from './line-breaks.js';

/**
 * Spaces may stretch to 1.8 times their width at a ratio of 1 (0.8 of a space) and shrink
 * to two thirds of it (as TeX's fonts allow), and a line may reach a ratio of 1.5 (2.2 times) before a
 * paragraph is set more loosely; TeX's own
 * penalties for hyphens, hyphens on consecutive lines and lines of very different tightness.
 */
const LINE_BREAKING: Omit<LineBreakOptions, 'blockWidth'> = {
  selector: '.essay p, .essay li',
  stretch: 0.8,
  shrink: 1 / 3,
  tolerance: 1.5,
  hyphenPenalty: 50,
  doubleHyphenDemerits: 3000,
  fitnessDemerits: 3000,
};

export async function renderPdf(
  ctx: RenderContext,
  edition: EditionSource,
  browser: BrowserSession,
): Promise<Uint8Array> {
  const model = await modelFor(ctx, edition, 'pdf');
  const [html, layout] = await Promise.all([renderHtml(ctx, edition, 'pdf'), pdfLayout(ctx)]);
  const printed = await browser.withPage(async (page) => {
    // Laid out once, for print: the headings are read from the layout that is printed.
    await page.emulateMediaType('print');
    await page.setContent(html, { waitUntil: 'load' });
    // Once the fonts are in, every justified paragraph is broken into lines as a whole
    // (line-breaks.ts); then the headings as the printed page shows them: the bookmarks' titles.
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(breakLines, {
      ...LINE_BREAKING,
      blockWidth: `${layout.size.width - 2 * layout.side}mm`,
    });
    const headings = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter((e) => e.checkVisibility())
        .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    // The paper size and the margins, with the running header and footer inside them, are
    // the stylesheets' @page rules (see pdfCss in html.ts).
    const bytes = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
    });
    return { bytes, headings };
  });
  return finishPdf(printed.bytes, model, printed.headings);
}
