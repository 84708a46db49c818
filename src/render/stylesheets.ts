/**
 * The stylesheets each edition carries: the PDF's, with its page geometry (paper.ts), and
 * the HTML edition's, for the screen and for a reader who prints it.
 */
import type { ParsedDocument } from '../markdown/parsed-document.js';
import type { RenderContext } from './context.js';
import type { PageModel } from './model.js';
import { cssPageSize, MEASURE_EM, PAPERS, type PageLayout, pageLayout } from './paper.js';

/**
 * The PDF's stylesheets: the page's size and geometry (paper.ts) between the shared sheet
 * and the print sheet, then the running header and footer, margin boxes of the print sheet.
 */
export async function pdfCss(
  ctx: RenderContext,
  model: PageModel,
  doc: ParsedDocument,
): Promise<string> {
  const [base, print] = await Promise.all([
    ctx.templates.css(['base']),
    ctx.templates.css([
      'print',
      ...contentsSheet(model),
      ...contentSheets(doc),
      ...languageSheets(model),
    ]),
  ]);
  const [page, running] = await Promise.all([
    ctx.templates.render('pdf/page.css', await pdfLayout(ctx)),
    ctx.templates.render('pdf/running.css', model),
  ]);
  return `${base}\n${page}\n${print}\n${running}`;
}

/**
 * The sheets of what an edition's text holds, in every format: code blocks, callouts. An
 * article without them does not carry their rules. The EPUB's set no colours of their own.
 */
export function contentSheets(doc: ParsedDocument, format: 'page' | 'epub' = 'page'): string[] {
  const prefix = format === 'epub' ? 'epub-' : '';
  return [
    ...(doc.code.length > 0 ? [`${prefix}code`] : []),
    ...(doc.callouts.length > 0 ? [`${prefix}callouts`] : []),
  ];
}

/**
 * The contents list's sheet, only for an edition that shows one, and the sheet of numbered
 * equations and the bibliography, only for one that has them: the others do not pay for them.
 */
function contentsSheet(model: PageModel): string[] {
  return [...(model.contents ? ['contents'] : []), ...referencesSheet(model)];
}

export function referencesSheet(model: PageModel): string[] {
  return model.references ? ['references'] : [];
}

/** Chinese and Japanese set and break their lines by their own rules (cjk.css). */
export function isCjk(lang: string): boolean {
  return /^(zh|ja)(-|$)/i.test(lang);
}

/** The sheets only some languages' editions carry, last so that they win. */
export function languageSheets(model: Pick<PageModel, 'lang'>): string[] {
  return isCjk(model.lang) ? ['cjk'] : [];
}

/**
 * A page printed from a browser: the reader's paper, margins for it, the book's type size
 * and measure in a centred column.
 */
const PRINTED_PAGE = `@page { margin: 20mm 22mm 24mm; }
html { font-size: 11pt; }
main, .colophon { max-width: ${MEASURE_EM}rem; margin-left: auto; margin-right: auto; }`;

/** The PDF's page: --paper, else the print sheet's `@page` size, else A4. */
export async function pdfLayout(ctx: RenderContext): Promise<PageLayout> {
  const size = ctx.paper
    ? PAPERS[ctx.paper]
    : (cssPageSize(await ctx.templates.css(['print'])) ?? PAPERS.a4);
  return pageLayout(size);
}

/** The HTML edition's: the screen sheet, and the print sheet for a reader who prints the page. */
export async function screenCss(
  ctx: RenderContext,
  model: PageModel,
  doc: ParsedDocument,
): Promise<string> {
  const [sheets, print] = await Promise.all([
    ctx.templates.css([
      'base',
      'screen',
      'notes',
      ...contentsSheet(model),
      ...contentSheets(doc),
      ...languageSheets(model),
    ]),
    ctx.templates.css(['print', ...languageSheets(model)]),
  ]);
  return `${sheets}\n@media print {\n${PRINTED_PAGE}\n${print}\n}`;
}
