/** What the PDF passes share: object lookup, content stream text, and PDF's character classes. */
import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  type PDFDocument,
  PDFName,
  type PDFObject,
  type PDFRawStream,
  PDFRef,
} from 'pdf-lib';

/** The object itself, looked up when it is a reference. */
export function resolve(pdf: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? pdf.context.lookup(obj) : obj;
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
