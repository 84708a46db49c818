/**
 * The EPUB edition: epub-gen-memory lays out its files, with its templates replaced by ours
 * (its own hard-code the language "en", a random identifier and the clock), and yazl zips
 * them with our images and fonts, every entry dated from the article so that the same
 * article always gives the same bytes.
 */
import { buffer } from 'node:stream/consumers';
import { EPub } from 'epub-gen-memory';
import { ZipFile } from 'yazl';
import type { EditionSource } from '../article/load.js';
import { renderBody } from '../markdown/render-body.js';
import { typograph } from '../typeset/typography.js';
import { bodyEnv, modelFor, type RenderContext } from './context.js';
import { facesFor, fontFaceCss } from './fonts.js';
import type { PageModel } from './model.js';
import { contentSheets, languageSheets, referencesSheet } from './stylesheets.js';

export async function renderEpub(ctx: RenderContext, edition: EditionSource): Promise<Uint8Array> {
  const model = await modelFor(ctx, edition, 'epub');
  // The cover is drawn (off the main thread) while the text is set and its faces are cut.
  const drawing = epubCover(ctx, edition, model);
  drawing.catch(() => {});
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
  const data = {
    ...model,
    body,
    images,
    hasImages: images.length > 0,
    // EPUB 3 wants the package to say which documents hold MathML.
    hasMath: edition.doc.math.length > 0,
  };
  const [xhtml, nav, sheets] = await Promise.all([
    ctx.templates.render('epub/chapter.xhtml', data),
    ctx.templates.render('epub/toc.xhtml', data),
    ctx.templates.css([
      'epub',
      'epub-notes',
      ...referencesSheet(model),
      ...contentSheets(edition.doc, 'epub'),
      ...(model.dir === 'rtl' ? ['epub-rtl'] : []),
      ...languageSheets(model),
    ]),
  ]);
  const faces = await facesFor(ctx.fonts, `${xhtml}\n${nav}`, sheets);
  const fonts = faces.map((face, index) => ({
    id: `font-${index + 1}`,
    href: `fonts/${face.fileName}`,
    mediaType: 'font/woff2',
    face,
  }));
  const cover = await drawing;
  const [opf, ncx, coverPage] = await Promise.all([
    ctx.templates.render('epub/package.opf', { ...data, fonts, cover }),
    ctx.templates.render('epub/toc.ncx', data),
    ctx.templates.render('epub/cover.xhtml', { ...data, cover }),
  ]);
  const css = `${fontFaceCss(faces, (face) => `fonts/${face.fileName}`)}\n${sheets}`;

  const epub = new ReproducibleEpub(
    {
      title: model.title,
      author: model.authors,
      lang: model.lang,
      css,
      contentOPF: ejsLiteral(opf),
      tocXHTML: ejsLiteral(nav),
      tocNCX: ejsLiteral(ncx),
      chapterXHTML: '<%- xhtml %>',
      verbose: false,
    },
    [{ title: model.title, content: '<p></p>', filename: 'text.xhtml', xhtml } as never],
  );
  await epub.render();
  return zipEpub(
    epub.archive,
    [
      { path: `OEBPS/${cover.page}`, bytes: Buffer.from(coverPage) },
      { path: `OEBPS/${cover.href}`, bytes: cover.bytes },
      ...images.map((i) => ({ path: `OEBPS/${i.href}`, bytes: i.asset.bytes })),
      ...fonts.map((f) => ({ path: `OEBPS/${f.href}`, bytes: f.face.bytes })),
    ],
    new Date(model.modified),
  );
}

/**
 * The OCF container, deflated by Node's zlib (off the main thread) through yazl: `mimetype`
 * first and stored, then epub-gen-memory's files in the order it made them, then our images
 * and fonts. Folders get no entries of their own (the OCF does not need them), and every entry
 * is dated `date`, so that the same article always gives the same bytes.
 */
async function zipEpub(
  archive: ReproducibleEpub['archive'],
  assets: { path: string; bytes: Uint8Array }[],
  date: Date,
): Promise<Uint8Array> {
  const generated = await Promise.all(
    Object.values(archive.files)
      .filter((f) => !f.dir && f.name !== 'mimetype')
      .map(async (f) => ({ path: f.name, bytes: await f.async('nodebuffer') })),
  );
  const files = [
    { path: 'mimetype', bytes: Buffer.from('application/epub+zip') },
    ...generated,
    ...assets,
  ];
  const zip = new ZipFile();
  const mtime = new UtcFieldsDate(date);
  for (const { path, bytes } of files) {
    // yazl takes Buffers; this one shares the Uint8Array's memory.
    const data = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The OCF wants `mimetype` stored and its local header without extra field; yazl writes
    // none there, and forceDosTimestamp also keeps its "UT" timestamp out of the central
    // directory, so every entry carries the one DOS date and time.
    zip.addBuffer(data, path, {
      mtime,
      forceDosTimestamp: true,
      compress: path !== 'mimetype' && !PRECOMPRESSED.test(path),
    });
  }
  zip.end();
  return buffer(zip.outputStream);
}

/** Zip entries compress no further: WOFF2 fonts and PNG, JPEG, WebP and GIF images. */
const PRECOMPRESSED = /\.(woff2|png|jpe?g|webp|gif)$/i;

/**
 * yazl writes an entry's DOS date and time from its mtime's local-time getters, so the same
 * instant would give other bytes in Tokyo than in Los Angeles. This Date answers them with its
 * UTC fields: entries are dated in UTC on every machine, daylight saving time or not. (yazl
 * clamps dates outside the DOS range, 1980 to 2107, to its first or last moment.)
 */
class UtcFieldsDate extends Date {
  override getFullYear() {
    return this.getUTCFullYear();
  }
  override getMonth() {
    return this.getUTCMonth();
  }
  override getDate() {
    return this.getUTCDate();
  }
  override getHours() {
    return this.getUTCHours();
  }
  override getMinutes() {
    return this.getUTCMinutes();
  }
  override getSeconds() {
    return this.getUTCSeconds();
  }
}

/**
 * The raster cover (cover.ts, loaded only here) with the edition's words and, when the front
 * matter gives one, its cover picture; and what the cover page says of it.
 */
async function epubCover(ctx: RenderContext, edition: EditionSource, model: PageModel) {
  const { renderCover } = await import('./cover.js');
  const given = edition.meta.cover;
  const rel = given ? ctx.article.imagePaths.get(given.src) : undefined;
  const picture = rel ? ctx.article.assets.get(rel) : undefined;
  if (given && !picture) throw new Error(`cover image ${given.src} was not loaded`);
  const image = await renderCover(
    ctx.templates,
    {
      lang: model.lang,
      title: model.title,
      subtitle: model.subtitle,
      authors: model.authors,
      year: model.year,
    },
    picture,
  );
  return {
    href: `cover.${image.extension}`,
    page: 'cover.xhtml',
    mediaType: image.mediaType,
    bytes: image.bytes,
    width: image.width,
    height: image.height,
    alt: given?.alt ? typograph(given.alt, model.lang) : undefined,
  };
}

/** epub-gen-memory keeps its zip protected; we read the files it made from it. */
class ReproducibleEpub extends EPub {
  get archive() {
    return this.zip;
  }
}

/** Our finished text passed where epub-gen-memory expects an EJS template. */
function ejsLiteral(text: string): string {
  return text.replaceAll('<%', '<%%');
}
