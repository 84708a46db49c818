/**
 * What Chromium leaves out of a tagged PDF, added with pdf-lib without copying pages
 * (which would drop the structure tree): document metadata and XMP, fixed dates,
 * alt text on every /Figure, a role map for PDF 2.0 types, an alternate description on
 * every link annotation, page furniture marked as artifacts, and bookmark titles exactly
 * as the headings read.
 */

import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFObject } from 'pdf-lib';
import type { PageModel } from '../model.js';
import { markArtifacts } from './artifacts.js';
import { contentRead } from './collect.js';
import { linkEditions } from './editions.js';
import { cleanHyphens } from './hyphens.js';
import { planLinks } from './links.js';
import { contentReader, resolve, textOf } from './syntax.js';

/** PDF 2.0 structure types Chromium writes, mapped to their PDF 1.7 standard equivalents. */
const ROLE_MAP = { Em: 'Span', Strong: 'Span' } as const;

/** `headings` are the text of every heading the printed page shows, in document order. */
export async function finishPdf(
  bytes: Uint8Array,
  model: PageModel,
  headings: string[],
): Promise<Uint8Array> {
  // pdf-lib yields to the event loop every 100 objects by default (a timer each time); the
  // other editions are built alongside anyway, so it works through without pausing.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity });
  const date = new Date(model.modified);
  pdf.setTitle(model.title, { showInWindowTitleBar: true });
  pdf.setAuthor(model.authors.join(', '));
  if (model.description) pdf.setSubject(model.description);
  // pdf-lib joins keywords with spaces; commas keep multi-word keywords apart.
  if (model.keywords.length > 0) pdf.setKeywords([model.keywords.join(', ')]);
  pdf.setCreator(model.generator);
  pdf.setProducer(`${model.generator} (Chromium, pdf-lib)`);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  pdf.setLanguage(model.lang);
  setXmp(pdf, model);
  fixFigures(pdf);
  mapRoles(pdf);
  // Each page's content is inflated, cleared of soft hyphens and split into operators once,
  // as the artifact pass comes to it: the link pass takes its links' text from it then, and
  // the artifact pass writes it back, so that one page's content is held at a time rather
  // than every page's (for a PDF of 157 pages, 57 MB of text and operators).
  linkEditions(pdf);
  const links = planLinks(pdf, model.labels.page ?? 'Page');
  const read = contentReader(pdf, (page, content) => {
    contentRead(content.text.length);
    const cleaned = cleanHyphens(content.text, content.operators);
    const prepared = cleaned ? { ...cleaned, changed: true } : content;
    links?.readPage(page, prepared);
    return prepared;
  });
  await markArtifacts(pdf, read);
  links?.describe(read);
  fixOutline(pdf, headings);
  return pdf.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

function setXmp(pdf: PDFDocument, model: PageModel): void {
  const xml = xmp(model);
  const stream = pdf.context.stream(new TextEncoder().encode(xml), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmp(model: PageModel): string {
  const e = escapeXml;
  const creators = model.authors.map((a) => `<rdf:li>${e(a)}</rdf:li>`).join('');
  const keywords = model.keywords.map((k) => `<rdf:li>${e(k)}</rdf:li>`).join('');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(model.title)}</rdf:li><rdf:li xml:lang="${e(model.lang)}">${e(model.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>${creators}</rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>${e(model.lang)}</rdf:li></rdf:Bag></dc:language>
${model.description ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(model.description)}</rdf:li></rdf:Alt></dc:description>` : ''}
${keywords ? `<dc:subject><rdf:Bag>${keywords}</rdf:Bag></dc:subject>` : ''}
<pdf:Keywords>${e(model.keywords.join(', '))}</pdf:Keywords>
<pdf:Producer>${e(`${model.generator} (Chromium, pdf-lib)`)}</pdf:Producer>
<xmp:CreatorTool>${e(model.generator)}</xmp:CreatorTool>
<xmp:CreateDate>${model.modified}</xmp:CreateDate>
<xmp:ModifyDate>${model.modified}</xmp:ModifyDate>
<xmp:MetadataDate>${model.modified}</xmp:MetadataDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function kids(pdf: PDFDocument, elem: PDFDict): PDFDict[] {
  const k = resolve(pdf, elem.get(PDFName.of('K')));
  const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return list
    .map((item) => resolve(pdf, item))
    .filter((item): item is PDFDict => item instanceof PDFDict && item.has(PDFName.of('S')));
}

/**
 * Chromium tags both <figure> and its <img> as /Figure; only the image carries /Alt.
 * The wrapper becomes a grouping element so every /Figure left has its alt text.
 */
function fixFigures(pdf: PDFDocument): void {
  const root = resolve(pdf, pdf.catalog.get(PDFName.of('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return;
  const figure = PDFName.of('Figure');
  const visit = (elem: PDFDict): void => {
    const children = kids(pdf, elem);
    children.forEach(visit);
    if (elem.get(PDFName.of('S')) !== figure || elem.has(PDFName.of('Alt'))) return;
    const nested = children.some(
      (c) => c.get(PDFName.of('S')) === figure || c.get(PDFName.of('S')) === PDFName.of('Div'),
    );
    if (nested) elem.set(PDFName.of('S'), PDFName.of('Div'));
  };
  for (const top of kids(pdf, root)) visit(top);
}

/** Standard types for the PDF 2.0 elements, which PDF/UA-1 (PDF 1.7) does not know. */
function mapRoles(pdf: PDFDocument): void {
  const root = resolve(pdf, pdf.catalog.get(PDFName.of('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return;
  const existing = resolve(pdf, root.get(PDFName.of('RoleMap')));
  const map = existing instanceof PDFDict ? existing : pdf.context.obj({});
  for (const [from, to] of Object.entries(ROLE_MAP)) {
    if (!map.has(PDFName.of(from))) map.set(PDFName.of(from), PDFName.of(to));
  }
  root.set(PDFName.of('RoleMap'), map);
}

/**
 * Chromium drops the space where a heading wraps, and repeats a heading's text when the
 * heading's box spans a page break. It writes one bookmark per heading in document order,
 * so when the counts agree each bookmark takes its heading's text; otherwise a bookmark
 * whose letters match a heading's (once or repeated) takes that heading's text.
 */
function fixOutline(pdf: PDFDocument, headings: string[]): void {
  const outlines = resolve(pdf, pdf.catalog.get(PDFName.of('Outlines')));
  if (!(outlines instanceof PDFDict)) return;
  const items: PDFDict[] = [];
  const walk = (ref: PDFObject | undefined): void => {
    let item = resolve(pdf, ref);
    while (item instanceof PDFDict) {
      items.push(item);
      walk(item.get(PDFName.of('First')));
      item = resolve(pdf, item.get(PDFName.of('Next')));
    }
  };
  walk(outlines.get(PDFName.of('First')));
  items.forEach((item, index) => {
    const title = item.get(PDFName.of('Title'));
    const current = textOf(title) ?? '';
    const wanted =
      items.length === headings.length
        ? headings[index]
        : headings.find((heading) => sameLetters(current, heading));
    if (wanted !== undefined && wanted !== current) {
      item.set(PDFName.of('Title'), PDFHexString.fromText(wanted));
    }
  });
}

/** "What the lines leave outWhat the lines leave out" has the letters of "What the lines leave out". */
function sameLetters(title: string, heading: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '');
  const [t, h] = [squash(title), squash(heading)];
  return h !== '' && t !== '' && t.replaceAll(h, '') === '';
}
