/** The HTML edition: one self-contained page (images and fonts inlined), also the PDF's source. */
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { hyphenateHtml } from '../typeset/hyphenate.js';
import { bodyEnv, modelFor, type RenderContext } from './context.js';
import { dataUrl, facesFor, fontFaceCss } from './fonts.js';
import { pdfCss, screenCss } from './stylesheets.js';

export async function renderHtml(
  ctx: RenderContext,
  edition: EditionSource,
  format: 'html' | 'pdf' = 'html',
): Promise<string> {
  const model = await modelFor(ctx, edition, format);
  const rendered = renderBody(edition.doc, {
    ...bodyEnv(ctx, model, (_rel, type, bytes) => dataUrl(type, bytes)),
    format,
  });
  // The PDF is hyphenated here, as Chromium has no dictionaries of its own; a browser
  // printing the HTML edition hyphenates it itself (print.css asks for `hyphens: auto`).
  const body = format === 'pdf' ? hyphenateHtml(rendered, model.lang) : rendered;
  const faces = await facesFor(ctx.fonts, `${JSON.stringify(model)} ${body}`);
  const fontCss = fontFaceCss(faces, (face) => dataUrl('font/woff2', face.bytes));
  const css = format === 'pdf' ? await pdfCss(ctx, model) : await screenCss(ctx);
  return ctx.templates.render('page', { ...model, body, css: `${fontCss}\n${css}` });
}
