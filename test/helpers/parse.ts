/** Read the editions back the way a reader's software would: DOM, zip, PDF objects, text. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { DOMParser, parseHTML } from 'linkedom';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';

const run = promisify(execFile);

export async function htmlDocument(file: string): Promise<Document> {
  return parseHTML(await readFile(file, 'utf8')).document as unknown as Document;
}

export function xmlDocument(text: string): Document {
  return new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
}

/** The PDF's text from pdftotext; `layout` keeps each line as the page shows it. */
export async function pdfText(file: string, { layout = false } = {}): Promise<string> {
  const args = layout ? ['-layout', '-enc', 'UTF-8', file, '-'] : ['-enc', 'UTF-8', file, '-'];
  const { stdout } = await run('pdftotext', args, {
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout;
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

export async function pdfCatalog(
  file: string,
): Promise<{ doc: PDFDocument; lang: string | undefined; pages: number }> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const lang = doc.catalog.get(PDFName.of('Lang'));
  return {
    doc,
    lang: lang ? decodePdfString(lang.toString()) : undefined,
    pages: doc.getPageCount(),
  };
}

/** "(it)" or "<FEFF0069...>" -> "it" */
function decodePdfString(raw: string): string {
  if (raw.startsWith('(')) return raw.slice(1, -1);
  const hex = raw.slice(1, -1);
  const bytes = Buffer.from(hex, 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

export function isDict(x: unknown): x is PDFDict {
  return x instanceof PDFDict;
}

export interface Epub {
  zip: JSZip;
  raw: Buffer;
  opf: Document;
  opfPath: string;
  text(path: string): Promise<string>;
}

export async function openEpub(file: string): Promise<Epub> {
  const raw = await readFile(file);
  const zip = await JSZip.loadAsync(raw);
  const read = async (p: string) => {
    const entry = zip.file(p);
    if (!entry) throw new Error(`${p} is not in the EPUB`);
    return entry.async('string');
  };
  const container = xmlDocument(await read('META-INF/container.xml'));
  const opfPath = container.querySelector('rootfile')?.getAttribute('full-path') ?? '';
  const opf = xmlDocument(await read(opfPath));
  return {
    zip,
    raw,
    opf,
    opfPath,
    text: read,
  };
}

/** The first local file header of a zip: its name and compression method (0 = stored). */
export function firstZipEntry(raw: Buffer): { name: string; method: number } {
  if (raw.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip local file header');
  const method = raw.readUInt16LE(8);
  const nameLength = raw.readUInt16LE(26);
  const name = raw.toString('latin1', 30, 30 + nameLength);
  return { name, method };
}

export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Each entry of a zip as its central directory lists it, with its stored (compressed) size. */
export function zipEntries(raw: Buffer): { name: string; compressedSize: number }[] {
  const end = raw.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory record');
  const count = raw.readUInt16LE(end + 10);
  let at = raw.readUInt32LE(end + 16);
  const entries: { name: string; compressedSize: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (raw.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const compressedSize = raw.readUInt32LE(at + 20);
    const nameLength = raw.readUInt16LE(at + 28);
    const extra = raw.readUInt16LE(at + 30);
    const comment = raw.readUInt16LE(at + 32);
    entries.push({ name: raw.toString('utf8', at + 46, at + 46 + nameLength), compressedSize });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
