/**
 * The HTML edition as the preview renders it after a save: the page renderHtml
 * (render/html.ts) makes, byte for byte, without passing the body through the page
 * template after every save. The template is rendered once around two small stand-ins for
 * the body, and kept while the page model and the CSS stay the same; each save puts its body
 * where the stand-ins were, once both showed the template writes its body as it is given (a
 * template that filters or measures its body renders the whole page, as a build does).
 * test/preview/incremental.test.ts compares this page with renderHtml's.
 */
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { bodyEnv, modelFor, type RenderContext } from '../render/context.js';
import { dataUrl, imageUrl } from '../render/data-url.js';
import { facesFor, fontFaceCss } from '../render/fonts.js';
import type { PageModel } from '../render/model.js';
import { screenCss } from '../render/stylesheets.js';
import type { Templates } from '../render/templates.js';

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

/**
 * The page around its body, the last one per language and templates: the template is
 * rendered again only when what it is given besides the body (the page model, the CSS)
 * changes, which a save within the text does not.
 */
const frames = new WeakMap<Templates, Map<string, { key: string; frame: Frame | undefined }>>();

type Frame = { before: string; after: string };

/** The page template rendered with `body`. */
async function framed(
  ctx: RenderContext,
  model: PageModel,
  css: string,
  body: string,
): Promise<string> {
  const render = (text: string) => ctx.templates.render('page', { ...model, body: text, css });
  const byLang = frames.get(ctx.templates) ?? new Map();
  frames.set(ctx.templates, byLang);
  const key = `${JSON.stringify(model)}\0${css}`;
  let kept = byLang.get(model.lang);
  if (kept?.key !== key) {
    kept = { key, frame: await frameOf(render) };
    byLang.set(model.lang, kept);
  }
  return kept.frame ? kept.frame.before + body + kept.frame.after : render(body);
}

/**
 * What the template writes before and after its body, if it writes the body as it is given
 * (the same text around each of two different stand-ins), else undefined.
 */
async function frameOf(render: (body: string) => Promise<string>): Promise<Frame | undefined> {
  const [first, second] = await Promise.all(STAND_INS.map(render));
  const parts = (first ?? '').split(STAND_INS[0]);
  const [before, after] = parts;
  if (parts.length !== 2 || before === undefined || after === undefined) return undefined;
  return second === before + STAND_INS[1] + after ? { before, after } : undefined;
}
