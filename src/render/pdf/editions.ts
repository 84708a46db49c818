/**
 * Links between the PDF editions: Chromium printed them as PDF_EDITION_LINK URLs (see
 * model.ts); each becomes a go-to-remote action opening the other PDF, by its path
 * relative to this one, at its first page. Readers resolve that path next to the file.
 */
import { PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { PDF_EDITION_LINK } from '../model.js';
import { linkAnnotations, resolve, textOf } from './syntax.js';

export function linkEditions(pdf: PDFDocument): void {
  const name = (key: string) => PDFName.of(key);
  for (const { annot } of linkAnnotations(pdf)) {
    const action = resolve(pdf, annot.get(name('A')));
    if (!(action instanceof PDFDict) || action.get(name('S')) !== name('URI')) continue;
    const uri = textOf(resolve(pdf, action.get(name('URI')))) ?? '';
    if (!uri.startsWith(PDF_EDITION_LINK)) continue;
    const relative = decodeURIComponent(uri.slice(PDF_EDITION_LINK.length));
    const file = pdf.context.obj({ Type: 'Filespec' });
    file.set(name('F'), PDFString.of(relative));
    file.set(name('UF'), PDFHexString.fromText(relative));
    const goTo = pdf.context.obj({ S: 'GoToR', NewWindow: false });
    goTo.set(name('F'), file);
    goTo.set(name('D'), pdf.context.obj([PDFNumber.of(0), name('Fit')]));
    annot.set(name('A'), goTo);
  }
}
