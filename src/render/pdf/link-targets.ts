/**
 * Where a link leads, to describe a link that has no tagged text (links.ts): its URI, the file
 * of another edition, or the page of a destination inside the document.
 */
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  type PDFPage,
  PDFString,
} from 'pdf-lib';
import { fillLabel } from '../labels.js';
import { resolve, textOf } from './syntax.js';

const name = (key: string) => PDFName.of(key);

/** A link without tagged text, described by where it leads: its URI, or the target's page. */
export function linkTarget(
  pdf: PDFDocument,
  pages: PDFPage[],
  annot: PDFDict,
  pageLabel: string,
): string {
  const action = resolve(pdf, annot.get(name('A')));
  let dest = resolve(pdf, annot.get(name('Dest')));
  if (action instanceof PDFDict) {
    const uri = textOf(resolve(pdf, action.get(name('URI'))));
    if (action.get(name('S')) === name('URI') && uri) return uri;
    if (action.get(name('S')) === name('GoTo')) dest = resolve(pdf, action.get(name('D')));
    // Another PDF (an edition in another language): its file name.
    const file = resolve(pdf, action.get(name('F')));
    const fileName = textOf(file instanceof PDFDict ? resolve(pdf, file.get(name('UF'))) : file);
    if (action.get(name('S')) === name('GoToR') && fileName) return fileName;
  }
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString)
    dest = namedDestination(pdf, dest);
  if (dest instanceof PDFDict) dest = resolve(pdf, dest.get(name('D')));
  const pageRef = dest instanceof PDFArray ? dest.get(0) : undefined;
  const index = pages.findIndex((page) => page.ref === pageRef);
  if (index < 0) return '';
  // "Page {page}", "{page} ページ"; a label of an older labels file without the placeholder
  // comes before the number.
  return pageLabel.includes('{page}')
    ? fillLabel(pageLabel, { page: index + 1 })
    : `${pageLabel} ${index + 1}`;
}

/** A named destination, in the catalog's /Dests (names) or its /Names /Dests tree (strings). */
function namedDestination(
  pdf: PDFDocument,
  key: PDFName | PDFString | PDFHexString,
): PDFObject | undefined {
  if (key instanceof PDFName) {
    const dests = resolve(pdf, pdf.catalog.get(name('Dests')));
    return dests instanceof PDFDict ? resolve(pdf, dests.get(key)) : undefined;
  }
  const wanted = key.decodeText();
  const names = resolve(pdf, pdf.catalog.get(name('Names')));
  const search = (node: PDFObject | undefined, depth: number): PDFObject | undefined => {
    if (!(node instanceof PDFDict) || depth > 32) return undefined;
    const pairs = resolve(pdf, node.get(name('Names')));
    if (pairs instanceof PDFArray) {
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        if (textOf(resolve(pdf, pairs.get(i))) === wanted) return resolve(pdf, pairs.get(i + 1));
      }
    }
    const kids = resolve(pdf, node.get(name('Kids')));
    if (!(kids instanceof PDFArray)) return undefined;
    for (const kid of kids.asArray()) {
      const found = search(resolve(pdf, kid), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return names instanceof PDFDict ? search(resolve(pdf, names.get(name('Dests'))), 0) : undefined;
}
