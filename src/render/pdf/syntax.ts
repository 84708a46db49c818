/**
 * What the PDF passes share: object lookup, text strings, link annotations, and the pages'
 * content.
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
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { type Operator, operators } from './content.js';

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

/** A page's content streams, joined (they may split anywhere) as latin1 text, and its operators. */
export interface PageContent {
  text: string;
  operators: Operator[];
  /** Set when a pass rewrote the content as it was read: it must be written back. */
  changed?: boolean;
}

/**
 * A page's content, as the passes over one document share it; undefined unless it is
 * streams. `last` says no pass reads the page after this one, so it need not be kept.
 */
export type ContentReader = (page: PDFPage, last?: boolean) => PageContent | undefined;

/**
 * The content of the document's pages for the passes that read it: each page's streams are
 * inflated and split into operators once, however many passes ask, as they were when first
 * asked, and kept until the last pass has read them. `prepare`, when given, rewrites each
 * page's content once, as it is first read, for every pass.
 */
export function contentReader(
  pdf: PDFDocument,
  prepare?: (page: PDFPage, content: PageContent) => PageContent,
): ContentReader {
  const kept = new Map<PDFRef, PageContent | undefined>();
  const first = (page: PDFPage) => {
    const content = pageContent(pdf, page);
    return content && prepare ? prepare(page, content) : content;
  };
  return (page, last = false) => {
    const content = kept.has(page.ref) ? kept.get(page.ref) : first(page);
    if (last) kept.delete(page.ref);
    else kept.set(page.ref, content);
    return content;
  };
}

/** A page's content, read from its streams; undefined when its /Contents holds anything else. */
function pageContent(pdf: PDFDocument, page: PDFPage): PageContent | undefined {
  const contents = resolve(pdf, page.node.get(PDFName.of('Contents')));
  const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const texts: string[] = [];
  for (const part of parts) {
    const stream = resolve(pdf, part);
    if (!(stream instanceof PDFRawStream)) return undefined;
    texts.push(streamText(stream));
  }
  const text = texts.join('\n');
  return { text, operators: operators(text) };
}
