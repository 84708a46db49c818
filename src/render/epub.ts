/**
 * The EPUB edition through epub-gen-memory, with its templates replaced by ours (its own
 * hard-code the language "en", a random identifier and the clock) and its zip entries
 * dated from the article so that the same article always gives the same bytes.
 */
import { EPub } from 'epub-gen-memory';
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { bodyEnv, modelFor, type RenderContext } from './context.js';
import { facesFor, fontFaceCss } from './fonts.js';

export async function renderEpub(ctx: RenderContext, edition: EditionSource): Promise<Uint8Array> {
  const model = await modelFor(ctx, edition, 'epub');
  const used = [...new Set(edition.doc.images.map((i) => ctx.article.imagePaths.get(i.src) ?? ''))];
  const images = used.map((rel, index) => {
    const asset = ctx.article.assets.get(rel);
    if (!asset) throw new Error(`image ${rel} was not loaded`);
    return {
      id: `image-${index + 1}`,
      href: `images/figure-${index + 1}.${asset.extension}`,
      asset,
      mediaType: asset.mediaType,
    };
  });
  const hrefOf = new Map(images.map((i) => [i.asset.rel, i.href]));
  const body = renderBody(edition.doc, {
    ...bodyEnv(ctx, model, (rel) => hrefOf.get(rel) ?? rel),
    format: 'epub',
  });
  const faces = facesFor(ctx.fonts, `${model.title} ${model.authors.join(' ')} ${body}`);
  const fonts = faces.map((face, index) => ({
    id: `font-${index + 1}`,
    href: `fonts/${face.fileName}`,
    mediaType: 'font/woff2',
    face,
  }));
  const cover = { href: 'cover.svg', mediaType: 'image/svg+xml' };
  const data = {
    ...model,
    body,
    images,
    fonts,
    cover,
    hasImages: images.length > 0,
    titleLines: wrap(model.title, 22),
  };
  const [xhtml, opf, nav, ncx, coverSvg, sheets] = await Promise.all([
    ctx.templates.render('epub/chapter.xhtml', data),
    ctx.templates.render('epub/package.opf', data),
    ctx.templates.render('epub/toc.xhtml', data),
    ctx.templates.render('epub/toc.ncx', data),
    ctx.templates.render('epub/cover.svg', data),
    ctx.templates.css(['base', 'epub']),
  ]);
  const css = `${fontFaceCss(faces, (face) => `fonts/${face.fileName}`)}\n${sheets}`;

  const epub = new ReproducibleEpub(
    {
      title: model.title,
      author: model.authors,
      lang: model.lang,
      css,
      cover: new File([coverSvg], 'cover.svg', { type: cover.mediaType }),
      contentOPF: ejsLiteral(opf),
      tocXHTML: ejsLiteral(nav),
      tocNCX: ejsLiteral(ncx),
      chapterXHTML: '<%- xhtml %>',
      verbose: false,
    },
    [{ title: model.title, content: '<p></p>', filename: 'text.xhtml', xhtml } as never],
  );
  await epub.render();
  const oebps = epub.archive.folder('OEBPS');
  if (!oebps) throw new Error('epub-gen-memory did not create OEBPS/');
  // WOFF2, PNG, JPEG, WebP and GIF are compressed already: deflating them again only costs time.
  const stored = (type: string) => /^image\/(png|jpeg|webp|gif)$|^font\//.test(type);
  for (const image of images) {
    oebps.file(
      image.href,
      image.asset.bytes,
      stored(image.mediaType) ? { compression: 'STORE' } : {},
    );
  }
  for (const font of fonts) oebps.file(font.href, font.face.bytes, { compression: 'STORE' });
  const date = new Date(model.modified);
  epub.archive.forEach((_path, file) => {
    file.date = date;
  });
  return epub.archive.generateAsync({
    type: 'uint8array',
    mimeType: 'application/epub+zip',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}

/** epub-gen-memory keeps its zip protected; we need it to add files and pin their dates. */
class ReproducibleEpub extends EPub {
  get archive() {
    return this.zip;
  }
}

/** Our finished text passed where epub-gen-memory expects an EJS template. */
function ejsLiteral(text: string): string {
  return text.replaceAll('<%', '<%%');
}

/** Greedy line breaking for the cover's title. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
