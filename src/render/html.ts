/** The HTML edition: one self-contained page (images and fonts inlined), also the PDF's source. */
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { bodyEnv, modelFor, type RenderContext } from './context.js';
import { dataUrl, facesFor, fontFaceCss } from './fonts.js';

export async function renderHtml(
  ctx: RenderContext,
  edition: EditionSource,
  format: 'html' | 'pdf' = 'html',
): Promise<string> {
  const model = await modelFor(ctx, edition, format);
  const body = renderBody(edition.doc, {
    ...bodyEnv(ctx, model, (_rel, type, bytes) => dataUrl(type, bytes)),
    format,
  });
  const faces = facesFor(ctx.fonts, `${model.title} ${model.authors.join(' ')} ${body}`);
  const fontCss = fontFaceCss(faces, (face) => dataUrl('font/woff2', face.bytes));
  const sheets = await ctx.templates.css(format === 'pdf' ? ['base', 'print'] : ['base', 'screen']);
  // The PDF's running header and footer are margin boxes of the print stylesheet.
  const running = format === 'pdf' ? await ctx.templates.render('pdf/running.css', model) : '';
  return ctx.templates.render('page', { ...model, body, css: `${fontCss}\n${sheets}\n${running}` });
}
