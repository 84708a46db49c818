/**
 * The page numbers of the PDF's contents list. Chromium has no `target-counter()`, so the
 * page is printed once, the page of each listed heading read from that PDF's own named
 * destinations (Chromium writes one for every element a link of the page points to: the
 * list's links point to the headings), the numbers written into the list, and the same
 * page printed again. Each number sits in a box of one width whatever its digits
 * (contents.css), so the second print sets every line on the page the first one did.
 * Only an edition with a contents list pays for the second print, and only one whose pages
 * were not counted before printing: where the notes are placed at the foot of their pages,
 * the page is paginated in the page itself (foot-notes.ts), which gives each heading's
 * page, and print.ts writes the numbers before the one print (contents-page.ts).
 */

import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef } from 'pdf-lib';
import type { Page } from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import { UserError } from '../../errors.js';
import { fillPageNumbers } from './contents-page.js';

/**
 * `print` prints the page as it stands. Returns the PDF with the numbers filled in, or the
 * first print when the page has no boxes to fill (a template of one's own without them).
 */
export async function printWithContents(
  page: Page,
  print: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const first = await print();
  const pages = await destinationPages(first);
  const { filled, missing } = (await page.evaluate(
    `(${fillPageNumbers})(${JSON.stringify(Object.fromEntries(pages))})`,
  )) as ReturnType<typeof fillPageNumbers>;
  if (missing.length > 0) {
    throw new UserError(
      `the contents list links to headings the printed PDF does not show: #${missing.join(', #')}`,
      {
        hint: 'a stylesheet of your --templates folder hides them in print: show them, or set toc: false',
      },
    );
  }
  return filled === 0 ? first : print();
}

/** The page (from 1, as the folio counts) of every named destination of a PDF, by name. */
export async function destinationPages(bytes: Uint8Array): Promise<Map<string, number>> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity });
  const lookup = (obj: PDFObject | undefined) =>
    obj instanceof PDFRef ? pdf.context.lookup(obj) : obj;
  const number = new Map(pdf.getPages().map((p, index) => [p.ref.toString(), index + 1]));
  const result = new Map<string, number>();
  const dests = lookup(pdf.catalog.get(PDFName.of('Dests')));
  if (!(dests instanceof PDFDict)) return result;
  for (const [key, value] of dests.entries()) {
    let dest = lookup(value);
    if (dest instanceof PDFDict) dest = lookup(dest.get(PDFName.of('D')));
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    const at = target instanceof PDFRef ? number.get(target.toString()) : undefined;
    if (at !== undefined) result.set(nameText(key), at);
  }
  return result;
}

/** A PDF name's text: its #xx escapes are the bytes of the id's UTF-8. */
function nameText(name: PDFName): string {
  const raw = name.asString().slice(1);
  const bytes = raw.replace(/#([0-9a-f]{2})/gi, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
