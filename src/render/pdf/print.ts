/** The PDF edition: the print HTML laid out by Chromium, then given its metadata by pdf-lib. */

import type { Page } from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import type { EditionSource } from '../../article/load.js';
import type { BrowserSession } from '../../browser/session.js';
import { UserError } from '../../errors.js';
import { modelFor, type RenderContext } from '../context.js';
import { renderHtml } from '../html.js';
import type { PageModel } from '../model.js';
import type { PageLayout } from '../paper.js';
import { pdfLayout } from '../stylesheets.js';
import { layOut } from './lay-out.js';

export async function renderPdf(
  ctx: RenderContext,
  edition: EditionSource,
  browser: BrowserSession,
): Promise<Uint8Array> {
  // pdf-lib and the finishing passes load while Chromium lays out and prints the page, not
  // before: that is when this process has time to spare.
  let finishing: Promise<typeof import('./finish.js')> | undefined;
  const printed = await printPdf(ctx, edition, browser, {
    whilePrinting: () => {
      finishing = import('./finish.js');
    },
  });
  return finishPrinted(printed, finishing);
}

/** The PDF as Chromium printed it, with what finishing it needs. */
export interface PrintedPdf {
  bytes: Uint8Array;
  headings: string[];
  model: PageModel;
  /** Printed with its structure tags and bookmarks: only such a print can be finished. */
  tagged: boolean;
}

/**
 * The page laid out and printed, not yet finished: what the preview's print view shows.
 * Finishing changes nothing on the pages (it adds metadata and tags, takes soft hyphens
 * out of the text layer and corrects bookmark titles), and on a long article it takes as
 * long as the print. `whilePrinting` is called once Chromium has the page. With
 * `keepPage`, the language's page stays open for its next print, which then replaces only
 * what changed (lay-out.ts): the preview prints again after every save. With `tagged`
 * false, Chromium leaves out the structure tags and the bookmarks (asked for alone, the
 * bookmarks cost as much as both): the same pages, printed a fifth faster (0.8 s → 0.6 s
 * for 157 pages), but not a PDF that can be finished (the preview's print view shows such
 * a print). The page is laid out once `turn` has come, its HTML rendered before.
 */
export async function printPdf(
  ctx: RenderContext,
  edition: EditionSource,
  browser: BrowserSession,
  {
    whilePrinting,
    keepPage = false,
    tagged = true,
    turn,
  }: {
    whilePrinting?: () => void;
    keepPage?: boolean;
    tagged?: boolean;
    turn?: Promise<void>;
  } = {},
): Promise<PrintedPdf> {
  const model = await modelFor(ctx, edition, 'pdf');
  const [html, layout] = await Promise.all([renderHtml(ctx, edition, 'pdf'), pdfLayout(ctx)]);
  await turn;
  const printed = await browser.withPage(
    async (page, used) => {
      whilePrinting?.();
      const atFoot = await print(page, html, layout, true, model, { used, tagged });
      if (atFoot.expectedPages === 0 || pageCount(atFoot.bytes) === atFoot.expectedPages)
        return atFoot;
      // The pages came out otherwise than counted: a note might sit on the wrong page. The
      // notes go at the end instead, where they are always right.
      return print(page, html, layout, false, model, { used, tagged });
    },
    keepPage ? edition.lang : undefined,
  );
  return { bytes: printed.bytes, headings: printed.headings, model, tagged };
}

/** The printed PDF given its metadata, tags and clean text layer (finish.ts). */
export async function finishPrinted(
  printed: PrintedPdf,
  finishing: Promise<typeof import('./finish.js')> = import('./finish.js'),
): Promise<Uint8Array> {
  if (!printed.tagged) throw new Error('an untagged print cannot be finished: print it tagged');
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
  { used: reuse, tagged }: { used: boolean; tagged: boolean },
): Promise<{ bytes: Uint8Array; headings: string[]; expectedPages: number }> {
  const { placed, headings, broken, numbered } = await layOut(
    page,
    html,
    layout,
    footnotes,
    { contents, lang },
    reuse,
  );
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
    page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, outline: tagged });
  // A contents list not numbered yet is printed again with its page numbers (contents.ts,
  // which loads pdf-lib: only such an edition waits for it here).
  const bytes =
    contents && !numbered
      ? await (await import('./contents.js')).printWithContents(page, printPdf)
      : await printPdf();
  return { bytes, headings, expectedPages: placed.pages };
}

/** The number of page objects in a PDF as Chromium writes it (no object streams). */
export function pageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
