/** What every renderer needs besides the edition itself, loaded once per run. */
import type { Article, EditionSource } from '../article/load.js';
import type { EditionLinkEnv } from '../markdown/edition-links.js';
import type { BodyEnv, ResolvedImage } from '../markdown/render-body.js';
import type { FontFace } from './fonts.js';
import { type Format, type PageModel, pageModel } from './model.js';
import type { Paper } from './paper.js';
import type { Templates } from './templates.js';

export interface RenderContext {
  article: Article;
  templates: Templates;
  fonts: FontFace[];
  outDir: string;
  version: string;
  sourceDateEpoch: number | undefined;
  /** The PDF's paper as asked with --paper; when absent, the templates' `@page` size or A4. */
  paper: Paper | undefined;
}

export async function modelFor(
  ctx: RenderContext,
  edition: EditionSource,
  format: Format,
): Promise<PageModel> {
  return pageModel({
    article: ctx.article,
    edition,
    format,
    labels: await ctx.templates.labels(edition.lang),
    outDir: ctx.outDir,
    version: ctx.version,
    sourceDateEpoch: ctx.sourceDateEpoch,
  });
}

/**
 * Where a link to a language's file goes in this format: that language's page (or PDF,
 * from a PDF) and its anchor. A PDF opens another PDF at its start (its anchors are not
 * named destinations); an EPUB is a book on its own, where the link keeps only its text.
 */
function editionHref(model: PageModel): EditionLinkEnv['editionHref'] {
  return (file, fragment) => {
    const lang = file.replace(/\.md$/i, '').toLowerCase();
    const anchor = fragment ? `#${fragment}` : '';
    if (lang === model.lang.toLowerCase()) return anchor || '#title';
    const other = model.alternates.find((a) => a.lang.toLowerCase() === lang);
    if (!other) return undefined;
    if (model.format === 'epub') return '';
    return model.format === 'pdf' ? other.href : `${other.href}${anchor}`;
  };
}

/** The body env for a format: how an image's Markdown src becomes a URL there. */
export function bodyEnv(
  ctx: RenderContext,
  model: PageModel,
  urlOf: (rel: string, mediaType: string, bytes: Uint8Array) => string,
): BodyEnv & EditionLinkEnv {
  return {
    editionHref: editionHref(model),
    labels: {
      footnotes: model.labels.footnotes ?? 'Footnotes',
      backToText: model.labels.backToText ?? 'Back',
    },
    crossrefLabels: {
      fig: model.labels.figure ?? 'Figure {n}',
      tbl: model.labels.table ?? 'Table {n}',
      eq: model.labels.equation ?? 'Equation {n}',
    },
    referencesHeading: model.labels.references ?? 'References',
    resolveImage: (src: string): ResolvedImage => {
      const rel = ctx.article.imagePaths.get(src);
      const asset = rel ? ctx.article.assets.get(rel) : undefined;
      if (!asset) throw new Error(`image ${src} was not loaded`);
      return {
        url: urlOf(asset.rel, asset.mediaType, asset.bytes),
        width: asset.width,
        height: asset.height,
      };
    },
  };
}
