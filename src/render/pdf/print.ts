/** The PDF edition: the print HTML laid out by Chromium, then given its metadata by pdf-lib. */
import type { EditionSource } from '../../article/load.js';
import type { BrowserSession } from '../../browser/session.js';
import { modelFor, type RenderContext } from '../context.js';
import { renderHtml } from '../html.js';
import { finishPdf } from './finish.js';

export async function renderPdf(
  ctx: RenderContext,
  edition: EditionSource,
  browser: BrowserSession,
): Promise<Uint8Array> {
  const model = await modelFor(ctx, edition, 'pdf');
  const html = await renderHtml(ctx, edition, 'pdf');
  const printed = await browser.withPage(async (page) => {
    // Laid out once, for print: the headings are read from the layout that is printed.
    await page.emulateMediaType('print');
    await page.setContent(html, { waitUntil: 'load' });
    // Once the fonts are in, the headings as the printed page shows them: the bookmarks'
    // titles. One round trip, as the build keeps this process busy meanwhile.
    const headings = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter((e) => e.checkVisibility())
        .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
    });
    // The paper size is the reader's choice (--paper); the margins, with the running
    // header and footer inside them, are the print stylesheet's @page rule.
    const bytes = await page.pdf({
      format: ctx.paper === 'letter' ? 'Letter' : 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
    });
    return { bytes, headings };
  });
  return finishPdf(printed.bytes, model, printed.headings);
}
