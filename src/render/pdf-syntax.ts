/**
 * What the PDF passes share: object lookup, text strings, link annotations, content
 * stream text, and PDF's character classes.
 */
import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  type PDFPage,
  type PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';

/** The object itself, looked up when it is a reference. */
export function resolve(pdf: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? pdf.context.lookup(obj) : obj;
}

/** A text string's text (literal or hex), else undefined. */
export function textOf(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;
}

/** Every /Link annotation, page by page, with the page it is on. */
export function linkAnnotations(pdf: PDFDocument): { annot: PDFDict; page: PDFPage }[] {
  return pdf.getPages().flatMap((page) => {
    const annots = resolve(pdf, page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return [];
    return annots
      .asArray()
      .map((item) => resolve(pdf, item))
      .filter(
        (annot): annot is PDFDict =>
          annot instanceof PDFDict && annot.get(PDFName.of('Subtype')) === PDFName.of('Link'),
      )
      .map((annot) => ({ annot, page }));
  });
}

/** A content stream's bytes as latin1: Node's zlib for Chromium's FlateDecode, else pdf-lib. */
export function streamText(stream: PDFRawStream): string {
  const flate =
    stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') &&
    !stream.dict.has(PDFName.of('DecodeParms'));
  const bytes = flate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Character classes of the PDF syntax, by char code: 1 whitespace, 2 delimiter. */
export const CLASS = new Uint8Array(256);
for (const c of '\0\t\n\f\r ') CLASS[c.charCodeAt(0)] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

/** Where the regular characters starting at `from` end. */
export function wordEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && CLASS[s.charCodeAt(i)] === 0) i++;
  return i;
}
