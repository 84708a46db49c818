/**
 * A PDF read through qpdf's JSON (objects, decoded streams, outline) and poppler's tools,
 * for the structural checks a PDF/UA validator would make; there is no veraPDF here.
 */
import { run } from '../helpers/validators.js';

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Dict = { [key: string]: Value };

interface QpdfObject {
  value?: Value;
  stream?: { dict: Dict; data?: string };
}

interface Outline {
  title: string;
  kids: Outline[];
}

export interface PdfObjects {
  catalog: Dict;
  info: Dict;
  /** An indirect reference ("12 0 R") resolved to its dictionary, or a direct value as is. */
  get(value: Value | undefined): Value | undefined;
  stream(ref: Value | undefined): { dict: Dict; text: string } | undefined;
  pages: { contents: string[] }[];
  outlines: Outline[];
}

export async function readPdf(file: string): Promise<PdfObjects> {
  const ran = await run('qpdf', [
    '--json',
    '--json-stream-data=inline',
    '--decode-level=generalized',
    file,
  ]);
  if (ran.code !== 0 && ran.code !== 3) throw new Error(`qpdf failed on ${file}:\n${ran.stderr}`);
  const json = JSON.parse(ran.stdout) as {
    qpdf: [unknown, Record<string, QpdfObject>];
    pages: { contents: string[] }[];
    outlines: Outline[];
  };
  const objects = json.qpdf[1];
  const object = (ref: Value | undefined) =>
    typeof ref === 'string' && / R$/.test(ref) ? objects[`obj:${ref}`] : undefined;
  const get = (value: Value | undefined) => {
    const found = object(value);
    return found ? (found.value ?? found.stream?.dict) : value;
  };
  const trailer = objects.trailer?.value as Dict;
  return {
    catalog: get(trailer['/Root']) as Dict,
    info: (get(trailer['/Info']) ?? {}) as Dict,
    get,
    stream: (ref) => {
      const found = object(ref)?.stream;
      if (!found) return undefined;
      return { dict: found.dict, text: Buffer.from(found.data ?? '', 'base64').toString('latin1') };
    },
    pages: json.pages,
    outlines: json.outlines,
  };
}

/** qpdf writes text strings as "u:text" and binary ones as "b:hex". */
export function text(value: Value | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('u:')) return value.slice(2);
  if (value.startsWith('b:')) return Buffer.from(value.slice(2), 'hex').toString('latin1');
  return value;
}

/** Every structure element under the tree root, depth first. */
export function structElements(pdf: PdfObjects): Dict[] {
  const root = pdf.get(pdf.catalog['/StructTreeRoot']) as Dict | undefined;
  const found: Dict[] = [];
  const visit = (kid: Value | undefined): void => {
    const value = pdf.get(kid);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object' || !('/S' in value)) return;
    found.push(value);
    visit(value['/K']);
  };
  visit(root?.['/K']);
  return found;
}

export function flatOutline(items: Outline[]): string[] {
  return items.flatMap((item) => [item.title, ...flatOutline(item.kids)]);
}

const TOKEN =
  /\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>|<<|>>|[[\]{}]|\/[^\s()<>[\]{}/%]*|%[^\r\n]*|[^\s()<>[\]{}/%]+/g;
const OPERAND = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)|true|false|null)$/;
const PAINTING = new Set([
  'Tj',
  'TJ',
  "'",
  '"',
  'S',
  's',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
  'Do',
  'sh',
  'BI',
]);

/**
 * The painting operators of a content stream that are neither tagged content nor an
 * artifact (outside every marked-content sequence), and how many /Artifact sequences it has.
 */
export function unmarkedContent(content: string): { unmarked: string[]; artifacts: number } {
  const unmarked: string[] = [];
  let depth = 0;
  let artifacts = 0;
  let operands: string[] = [];
  for (const [token] of content.matchAll(TOKEN)) {
    if (OPERAND.test(token) || /^[(</[\]{}>%]/.test(token)) {
      operands.push(token);
      continue;
    }
    if (token === 'BDC' || token === 'BMC') {
      depth += 1;
      if (depth === 1 && operands[0] === '/Artifact') artifacts += 1;
    } else if (token === 'EMC') depth -= 1;
    else if (depth === 0 && PAINTING.has(token)) unmarked.push(token);
    operands = [];
  }
  return { unmarked, artifacts };
}

/** poppler's view of the tagged text: what a screen reader would read, in tree order. */
export async function structText(file: string): Promise<string> {
  const ran = await run('pdfinfo', ['-struct-text', file]);
  return ran.stdout;
}

export async function fonts(file: string): Promise<{ name: string; embedded: boolean }[]> {
  const ran = await run('pdffonts', [file]);
  return ran.stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      // name type… encoding emb sub uni objectID gen: emb is the 5th cell from the end
      return { name: cells[0] ?? '', embedded: cells.at(-5) === 'yes' };
    });
}

/** pdftotext of the area inside the page margins, where the essay runs (not the furniture). */
export async function bodyText(file: string, marginMm: { top: number; bottom: number }) {
  const info = await run('pdfinfo', [file]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info.stdout);
  if (!size) throw new Error(`pdfinfo gave no page size for ${file}`);
  const pt = (mm: number) => (mm * 72) / 25.4;
  const [width, height] = [Number(size[1]), Number(size[2])];
  const top = Math.floor(pt(marginMm.top));
  const area = ['-x', '0', '-y', String(top), '-W', String(Math.ceil(width))];
  const h = Math.ceil(height - top - pt(marginMm.bottom));
  const ran = await run('pdftotext', ['-enc', 'UTF-8', ...area, '-H', String(h), file, '-']);
  return ran.stdout;
}
