/** The HTML edition: one self-contained page (images and fonts inlined), also the PDF's source. */
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { hyphenateHtml } from '../typeset/hyphenate.js';
import { bodyEnv, modelFor, type RenderContext } from './context.js';
import { dataUrl, imageUrl } from './data-url.js';
import { facesFor, fontFaceCss } from './fonts.js';
import { pdfCss, screenCss } from './stylesheets.js';

/**
 * Where the page's @font-face rules go, once the faces are cut to what the page shows. The
 * text of an article cannot hold it: its "<" would be written "&lt;".
 */
const FONTS = '/* <font-faces> */';

export async function renderHtml(
  ctx: RenderContext,
  edition: EditionSource,
  format: 'html' | 'pdf' = 'html',
): Promise<string> {
  const model = await modelFor(ctx, edition, format);
  const rendered = renderBody(edition.doc, {
    ...bodyEnv(ctx, model, (_rel, type, bytes) => imageUrl(type, bytes)),
    format,
  });
  // The PDF is hyphenated here, as Chromium has no dictionaries of its own; a browser
  // printing the HTML edition hyphenates it itself (print.css asks for `hyphens: auto`).
  const body = format === 'pdf' ? hyphenateHtml(rendered, model.lang) : rendered;
  const css =
    format === 'pdf'
      ? await pdfCss(ctx, model, edition.doc)
      : await screenCss(ctx, model, edition.doc);
  const page = await ctx.templates.render('page', { ...model, body, css: `${FONTS}\n${css}` });
  const faces = await facesFor(ctx.fonts, page, css);
  const fontCss = fontFaceCss(faces, (face) => dataUrl('font/woff2', face.bytes));
  const at = page.indexOf(FONTS);
  return at < 0 ? page : page.slice(0, at) + fontCss + page.slice(at + FONTS.length);
}
