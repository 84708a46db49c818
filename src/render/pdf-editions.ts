/**
 * Links between the PDF editions: Chromium printed them as PDF_EDITION_LINK URLs (see
 * model.ts); each becomes a go-to-remote action opening the other PDF, by its path
 * relative to this one, at its first page. Readers resolve that path next to the file.
 */
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
} from 'pdf-lib';
import { PDF_EDITION_LINK } from './model.js';
import { resolve } from './pdf-syntax.js';

export function linkEditions(pdf: PDFDocument): void {
  const name = (key: string) => PDFName.of(key);
  for (const page of pdf.getPages()) {
    const annots = resolve(pdf, page.node.get(name('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    for (const item of annots.asArray()) {
      const annot = resolve(pdf, item);
      if (!(annot instanceof PDFDict) || annot.get(name('Subtype')) !== name('Link')) continue;
      const action = resolve(pdf, annot.get(name('A')));
      if (!(action instanceof PDFDict) || action.get(name('S')) !== name('URI')) continue;
      const uri = resolve(pdf, action.get(name('URI')));
      const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
      if (!text.startsWith(PDF_EDITION_LINK)) continue;
      const relative = decodeURIComponent(text.slice(PDF_EDITION_LINK.length));
      const file = pdf.context.obj({ Type: 'Filespec' });
      file.set(name('F'), PDFString.of(relative));
      file.set(name('UF'), PDFHexString.fromText(relative));
      const goTo = pdf.context.obj({ S: 'GoToR', NewWindow: false });
      goTo.set(name('F'), file);
      goTo.set(name('D'), pdf.context.obj([PDFNumber.of(0), name('Fit')]));
      annot.set(name('A'), goTo);
    }
  }
}
