/**
 * Chromium tags the page's text but paints the running header, the footer and the page
 * background outside any marked content. PDF/UA asks that such content be an /Artifact,
 * so screen readers skip it: this pass wraps every graphics object painted outside marked
 * content in `/Artifact BMC … EMC`, and leaves tagged content untouched.
 */
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { type Operator, operators, TEXT_SHOW } from './content.js';
import { type ContentReader, contentReader } from './syntax.js';

const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const SINGLE_PAINT = new Set(['Do', 'sh', 'BI']);
const deflateAsync = promisify(deflate);

/** `read` gives the pages' content, which another pass may have read already. */
export async function markArtifacts(
  pdf: PDFDocument,
  read: ContentReader = contentReader(pdf),
): Promise<void> {
  const rewrites: Promise<void>[] = [];
  for (const page of pdf.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs =
      contents instanceof PDFArray
        ? contents.asArray()
        : contents instanceof PDFRef
          ? [contents]
          : [];
    const streams = refs.map((ref) => (ref instanceof PDFRef ? pdf.context.lookup(ref) : ref));
    const first = refs[0];
    if (!(first instanceof PDFRef) || !streams.every((s) => s instanceof PDFRawStream)) continue;
    // No pass reads the page's content after this one.
    const content = read(page, true);
    if (!content) continue;
    const marked = wrapArtifacts(content.text, content.operators);
    if (marked === content.text && !content.changed) continue;
    // Node's zlib rather than pdf-lib's JavaScript deflate: same format, a fraction of the
    // time, and on the thread pool, so the pages (near a megabyte) compress in parallel.
    rewrites.push(
      deflateAsync(Buffer.from(marked, 'latin1')).then((deflated) => {
        const stream = pdf.context.stream(deflated, { Filter: 'FlateDecode' });
        pdf.context.assign(first, stream);
        for (const ref of refs.slice(1)) if (ref instanceof PDFRef) pdf.context.delete(ref);
        page.node.set(PDFName.of('Contents'), first);
      }),
    );
  }
  await Promise.all(rewrites);
}

/**
 * The content stream with each unmarked graphics object wrapped as an artifact; `ops` are
 * its operators, when they are known already.
 */
export function wrapArtifacts(content: string, ops: Operator[] = operators(content)): string {
  const spans: [number, number][] = [];
  let depth = 0;
  let pathStart = -1;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Operator;
    if (op.name === 'BDC' || op.name === 'BMC') depth += 1;
    else if (op.name === 'EMC') depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (op.name === 'BT') i = textObject(ops, i, spans);
    else if (PATH_START.has(op.name) && pathStart < 0) pathStart = op.start;
    else if (PATH_PAINT.has(op.name)) spans.push([pathStart < 0 ? op.start : pathStart, op.end]);
    else if (SINGLE_PAINT.has(op.name)) spans.push([op.start, op.end]);
    if (PATH_PAINT.has(op.name) || op.name === 'n') pathStart = -1;
  }
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += `${content.slice(at, start)}/Artifact BMC\n${content.slice(start, end)}\nEMC`;
    at = end;
  }
  return out + content.slice(at);
}

/**
 * A text object outside marked content: wrapped whole when nothing inside it is marked,
 * else each text-showing operator outside its marked content. Returns the index of ET.
 */
function textObject(ops: Operator[], bt: number, spans: [number, number][]): number {
  let et = bt + 1;
  while (et < ops.length && ops[et]?.name !== 'ET') et++;
  const inner = ops.slice(bt + 1, et);
  const end = ops[et];
  if (!inner.some((op) => op.name === 'BDC' || op.name === 'BMC')) {
    if (end && inner.some((op) => TEXT_SHOW.has(op.name)))
      spans.push([(ops[bt] as Operator).start, end.end]);
    return et;
  }
  let depth = 0;
  for (const op of inner) {
    if (op.name === 'BDC' || op.name === 'BMC') depth += 1;
    else if (op.name === 'EMC') depth = Math.max(0, depth - 1);
    else if (depth === 0 && TEXT_SHOW.has(op.name)) spans.push([op.start, op.end]);
  }
  return et;
}
