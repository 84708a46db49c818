/**
 * Chromium tags the page's text but paints the running header, the footer and the page
 * background outside any marked content. PDF/UA asks that such content be an /Artifact,
 * so screen readers skip it: this pass wraps every graphics object painted outside marked
 * content in `/Artifact BMC … EMC`, and leaves tagged content untouched.
 */
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { CLASS, streamText, wordEnd } from './pdf-syntax.js';

interface Op {
  name: string;
  /** Offset of the first operand (or of the operator when it has none). */
  start: number;
  /** Offset just after the operator. */
  end: number;
}

const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);
const SINGLE_PAINT = new Set(['Do', 'sh', 'BI']);
const deflateAsync = promisify(deflate);
const OPERAND = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)|true|false|null)$/;

export async function markArtifacts(pdf: PDFDocument): Promise<void> {
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
    // Content streams of one page may split anywhere, so they are joined before parsing.
    const text = (streams as PDFRawStream[]).map(streamText).join('\n');
    const marked = wrapArtifacts(text);
    if (marked === text) continue;
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

/** The content stream with each unmarked graphics object wrapped as an artifact. */
export function wrapArtifacts(content: string): string {
  const ops = operators(content);
  const spans: [number, number][] = [];
  let depth = 0;
  let pathStart = -1;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
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
function textObject(ops: Op[], bt: number, spans: [number, number][]): number {
  let et = bt + 1;
  while (et < ops.length && ops[et]?.name !== 'ET') et++;
  const inner = ops.slice(bt + 1, et);
  const end = ops[et];
  if (!inner.some((op) => op.name === 'BDC' || op.name === 'BMC')) {
    if (end && inner.some((op) => TEXT_SHOW.has(op.name)))
      spans.push([(ops[bt] as Op).start, end.end]);
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

const code = (c: string) => c.charCodeAt(0);
const [PAREN, LT, GT, SLASH, PERCENT, LF, CR] = ['(', '<', '>', '/', '%', '\n', '\r'].map(code);

/** Splits a content stream into operators with the byte range of their operands. */
export function operators(s: string): Op[] {
  const ops: Op[] = [];
  let start = -1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    const kind = CLASS[c];
    if (kind === 1) {
      i++;
      continue;
    }
    if (c === PERCENT) {
      while (i < n && s.charCodeAt(i) !== LF && s.charCodeAt(i) !== CR) i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === PAREN) i = literalEnd(s, i);
    else if (c === LT && s.charCodeAt(i + 1) !== LT) i = s.indexOf('>', i) + 1 || n;
    else if (c === SLASH) i = wordEnd(s, i + 1);
    else if (kind === 2) i += s.charCodeAt(i + 1) === c && (c === LT || c === GT) ? 2 : 1;
    else {
      const end = wordEnd(s, i);
      if (isOperand(s, i, end)) {
        i = end;
        continue;
      }
      const word = s.slice(i, end);
      i = word === 'BI' ? inlineImageEnd(s, end) : end;
      ops.push({ name: word, start, end: i });
      start = -1;
    }
  }
  return ops;
}

/** Numbers, booleans and null are operands; every other bare word is an operator. */
function isOperand(s: string, from: number, to: number): boolean {
  const c = s.charCodeAt(from);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return true;
  return OPERAND.test(s.slice(from, to));
}

function literalEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** Inline image data is binary: skip to the `EI` that follows whitespace after `ID`. */
function inlineImageEnd(s: string, from: number): number {
  const data = s.indexOf('ID', from);
  const end = /\sEI(?=[\s]|$)/g;
  end.lastIndex = data < 0 ? from : data + 3;
  const match = end.exec(s);
  return match ? match.index + match[0].length : s.length;
}
