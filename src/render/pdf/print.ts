/** The PDF edition: the print HTML laid out by Chromium, then given its metadata by pdf-lib. */

import type { Page } from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import type { EditionSource } from '../../article/load.js';
import type { BrowserSession } from '../../browser/session.js';
import { UserError } from '../../errors.js';
import { patternsName } from '../../typeset/hyphenate.js';
import { modelFor, type RenderContext } from '../context.js';
import { renderHtml } from '../html.js';
import type { PageModel } from '../model.js';
import type { PageLayout } from '../paper.js';
import { isCjk, pdfLayout } from '../stylesheets.js';
import { contentsTargets, fillPageNumbers } from './contents-page.js';
import { type FootnoteOptions, type FootnoteReport, placeFootnotes } from './foot-notes.js';
import { chooseBreaks } from './knuth-plass.js';
import { breakLines, type LineBreakOptions } from './line-breaks.js';

/**
 * Spaces may stretch to 1.8 times their width at a ratio of 1 (0.8 of a space) and shrink
 * to two thirds of it (as TeX's fonts allow), and a line may reach a ratio of 1.5 (2.2 times) before a
 * paragraph is set more loosely; past a ratio of 0.9 (1.72 times) the letters inside words
 * are spaced by up to a fiftieth of an em instead (a third of a pixel at the body's size),
 * and past the spaces' shrink tightened by up to a hundredth, as a typesetter's
 * justification allows. In a language with no hyphenation patterns (Hebrew) a paragraph
 * breaks only at its spaces, so some paragraphs have no set of breaks within 1.8 times:
 * there its letters may take up to three hundredths of an em (in the world test article's
 * Hebrew, that takes the loose lines from 2 of 17 to none, the loosest from 1.92 to 1.79
 * times). TeX's own
 * penalties for hyphens, hyphens on consecutive lines and lines of very different tightness.
 */
const LINE_BREAKING: Omit<LineBreakOptions, 'blockWidth' | 'unhyphenated'> = {
  selector: '.essay p, .essay li',
  stretch: 0.8,
  shrink: 1 / 3,
  tolerance: 1.5,
  loose: 0.9,
  tracking: 0.02,
  unhyphenatedTracking: 0.03,
  tighten: 0.01,
  hyphenPenalty: 50,
  doubleHyphenDemerits: 3000,
  fitnessDemerits: 3000,
};

export async function renderPdf(
  ctx: RenderContext,
  edition: EditionSource,
  browser: BrowserSession,
): Promise<Uint8Array> {
  // pdf-lib and the finishing passes load while Chromium lays out and prints the page, not
  // before: that is when this process has time to spare.
  let finishing: Promise<typeof import('./finish.js')> | undefined;
  const printed = await printPdf(ctx, edition, browser, () => {
    finishing = import('./finish.js');
  });
  return finishPrinted(printed, finishing);
}

/** The PDF as Chromium printed it, with what finishing it needs. */
export interface PrintedPdf {
  bytes: Uint8Array;
  headings: string[];
  model: PageModel;
}

/**
 * The page laid out and printed, not yet finished: what the preview's print view shows.
 * Finishing changes nothing on the pages (it adds metadata and tags, takes soft hyphens
 * out of the text layer and corrects bookmark titles), and on a long article it takes as
 * long as the print. `whilePrinting` is called once Chromium has the page.
 */
export async function printPdf(
  ctx: RenderContext,
  edition: EditionSource,
  browser: BrowserSession,
  whilePrinting?: () => void,
): Promise<PrintedPdf> {
  const model = await modelFor(ctx, edition, 'pdf');
  const [html, layout] = await Promise.all([renderHtml(ctx, edition, 'pdf'), pdfLayout(ctx)]);
  const printed = await browser.withPage(async (page) => {
    whilePrinting?.();
    const atFoot = await print(page, html, layout, true, model);
    if (atFoot.expectedPages === 0 || pageCount(atFoot.bytes) === atFoot.expectedPages)
      return atFoot;
    // The pages came out otherwise than counted: a note might sit on the wrong page. The
    // notes go at the end instead, where they are always right.
    return print(page, html, layout, false, model);
  });
  return { bytes: printed.bytes, headings: printed.headings, model };
}

/** The printed PDF given its metadata, tags and clean text layer (finish.ts). */
export async function finishPrinted(
  printed: PrintedPdf,
  finishing: Promise<typeof import('./finish.js')> = import('./finish.js'),
): Promise<Uint8Array> {
  const { finishPdf } = await finishing;
  return oneAtATime(() => finishPdf(printed.bytes, printed.model, printed.headings));
}

let finishingTurn: Promise<unknown> = Promise.resolve();

/**
 * The PDFs are finished one at a time. Finishing is work on this process's one thread (pdf-lib
 * parses and writes the whole document), so two at once take as long as one after the other,
 * but would hold both documents, and the pages each is working through, at the same time.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = finishingTurn.then(work, work);
  finishingTurn = result.catch(() => undefined);
  return result;
}

/** The page laid out for print, its lines broken and (when asked) its notes placed, printed. */
async function print(
  page: Page,
  html: string,
  layout: PageLayout,
  footnotes: boolean,
  { contents, lang }: { contents: boolean; lang: string },
): Promise<{ bytes: Uint8Array; headings: string[]; expectedPages: number }> {
  await page.emulateMediaType('print');
  await page.setContent(html, { waitUntil: 'load' });
  // Once the fonts are in: every justified paragraph broken into lines as a whole
  // (line-breaks.ts), the notes put at the foot of their pages (foot-notes.ts), then the
  // headings as the printed page shows them, the bookmarks' titles. One round trip: this
  // process is busy with the other editions meanwhile, and each answer waits for it.
  const blockWidth = `${layout.size.width - 2 * layout.side}mm`;
  // Chinese and Japanese break between characters, not at spaces: Chromium's own breaks, by
  // their rules (cjk.css), are the ones to keep.
  const lines: LineBreakOptions | undefined = isCjk(lang)
    ? undefined
    : {
        ...LINE_BREAKING,
        blockWidth,
        unhyphenated: patternsName(lang) ? [] : [lang.toLowerCase()],
      };
  const notes: Omit<FootnoteOptions, 'targets'> = {
    blockWidth,
    pageHeight: ((layout.size.height - layout.top - layout.bottom) * 96) / 25.4,
    widows: 2,
    orphans: 2,
  };
  // Where the notes' placement counts the pages, the contents list's numbers are known
  // before printing, and written then: one print instead of two (contents.ts).
  const { placed, headings, broken, numbered } = (await page.evaluate(`(async () => {
    await document.fonts.ready;
    const broken = [...document.images]
      .filter((image) => image.naturalWidth === 0 && image.src.startsWith('data:'))
      .map((image) => image.alt || image.src.slice(0, 60));
    ${lines ? `(${breakLines})(${JSON.stringify(lines)}, ${chooseBreaks});` : ''}
    const targets = ${contents} ? (${contentsTargets})() : [];
    const placed = ${footnotes}
      ? (${placeFootnotes})({ ...${JSON.stringify(notes)}, targets })
      : { pages: 0, targets: {} };
    const numbered = placed.pages > 0 && targets.length > 0
      && (${fillPageNumbers})(placed.targets).missing.length === 0;
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((e) => e.checkVisibility())
      .map((e) => (e.textContent ?? '').replace(/\\s+/g, ' ').trim());
    return { placed, headings, broken, numbered };
  })()`)) as { placed: FootnoteReport; headings: string[]; broken: string[]; numbered: boolean };
  // Every image of the article was read and checked before (a template's remote image is
  // refused once printed, by the session); one that Chromium cannot show here would print
  // as an empty box, so this edition fails instead.
  if (broken.length > 0) {
    throw new UserError(
      `Chromium could not show ${broken.length} image(s) of the PDF: ${broken.join('; ')}`,
      {
        hint: 'open the image in a browser: a file it cannot decode must be saved again (PNG, JPEG, WebP, GIF or SVG)',
      },
    );
  }
  // The paper size and the margins, with the running head and folio inside them, are the
  // stylesheets' @page rules (stylesheets.ts).
  const printPdf = () =>
    page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  // A contents list not numbered yet is printed again with its page numbers (contents.ts,
  // which loads pdf-lib: only such an edition waits for it here).
  const bytes =
    contents && !numbered
      ? await (await import('./contents.js')).printWithContents(page, printPdf)
      : await printPdf();
  return { bytes, headings, expectedPages: placed.pages };
}

/** The number of page objects in a PDF as Chromium writes it (no object streams). */
function pageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
