/**
 * The HTML edition as the preview renders it after a save: the page renderHtml
 * (render/html.ts) makes, byte for byte, without passing the body through the page
 * template. A 100-page body is 1.4 MB, and Liquid copied it into the page after every save;
 * here the template is rendered around two small stand-ins instead, and the body put where
 * they were, once both show the template writes its body as it is given (a template that
 * filters or measures its body renders the whole page, as a build does).
 * test/preview/incremental.test.ts compares this page with renderHtml's.
 */
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { bodyEnv, modelFor, type RenderContext } from '../render/context.js';
import { dataUrl, imageUrl } from '../render/data-url.js';
import { facesFor, fontFaceCss } from '../render/fonts.js';
import type { PageModel } from '../render/model.js';
import { screenCss } from '../render/stylesheets.js';

/** As in render/html.ts: where the @font-face rules go once the faces are cut. */
const FONTS = '/* <font-faces> */';
/** Two bodies of different length and shape, each as a rendered body starts and ends. */
const STAND_INS = ['<p>\u{e000}build-article body</p>\n', '<div>\u{e001}</div>\n'] as const;

export async function renderReadingView(
  ctx: RenderContext,
  edition: EditionSource,
): Promise<string> {
  const model = await modelFor(ctx, edition, 'html');
  const body = renderBody(edition.doc, {
    ...bodyEnv(ctx, model, (_rel, type, bytes) => imageUrl(type, bytes)),
    format: 'html',
  });
  const css = await screenCss(ctx, model, edition.doc);
  const page = await framed(ctx, model, `${FONTS}\n${css}`, body);
  const faces = await facesFor(ctx.fonts, page, css);
  const fontCss = fontFaceCss(faces, (face) => dataUrl('font/woff2', face.bytes));
  const at = page.indexOf(FONTS);
  return at < 0 ? page : page.slice(0, at) + fontCss + page.slice(at + FONTS.length);
}

/** The page template rendered with `body`. */
async function framed(
  ctx: RenderContext,
  model: PageModel,
  css: string,
  body: string,
): Promise<string> {
  const render = (text: string) => ctx.templates.render('page', { ...model, body: text, css });
  const [first, second] = await Promise.all(STAND_INS.map(render));
  const parts = (first ?? '').split(STAND_INS[0]);
  const [before, after] = parts;
  if (parts.length !== 2 || before === undefined || after === undefined) return render(body);
  if (second !== before + STAND_INS[1] + after) return render(body);
  return before + body + after;
}
