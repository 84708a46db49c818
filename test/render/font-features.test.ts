/**
 * The figures and small capitals the stylesheets ask for are in the fonts the editions embed:
 * each edition of both test articles (the HTML page, the page the PDF is printed from, the
 * EPUB) is rendered, and every element's text is matched to the embedded face that sets it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, loadArticle } from '../../src/article/load.js';
import type { RenderContext } from '../../src/render/context.js';
import { renderEpub } from '../../src/render/epub.js';
import { type FontFace, loadFontFaces } from '../../src/render/fonts.js';
import { subsetSfnt } from '../../src/render/hb-subset.js';
import { renderHtml } from '../../src/render/html.js';
import { loadTemplates } from '../../src/render/templates.js';
import { sfntTables, sfntToWoff2 } from '../../src/render/woff2.js';
import {
  checkFeatures,
  type EmbeddedFace,
  embeddedFaces,
  featuresOf,
} from '../helpers/font-features.js';
import { fontTables, layoutFeatures } from '../helpers/font-tables.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTICLES = { article: 'article', second: 'test/fixtures/second-article' };

interface Rendered {
  markup: string;
  css: string;
  faces: EmbeddedFace[];
}

/** The HTML page (or the PDF's page): its one stylesheet and the fonts inlined in it. */
function fromPage(page: string): Rendered {
  const css = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  const faces = embeddedFaces(css, (url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
  return { markup: page, css, faces };
}

async function fromEpub(epub: Uint8Array): Promise<Rendered> {
  const zip = await JSZip.loadAsync(epub);
  const text = (name: string) => zip.file(name)?.async('string') ?? '';
  const css = await text('OEBPS/style.css');
  const fonts = new Map<string, Uint8Array>();
  for (const file of Object.values(zip.files).filter((f) => f.name.startsWith('OEBPS/fonts/'))) {
    fonts.set(file.name.slice('OEBPS/'.length), await file.async('uint8array'));
  }
  const faces = embeddedFaces(css, (url) => fonts.get(url) ?? new Uint8Array());
  return { markup: await text('OEBPS/text.xhtml'), css, faces };
}

let fonts: FontFace[];
const contexts = new Map<string, RenderContext>();
beforeAll(async () => {
  fonts = await loadFontFaces();
  const templates = await loadTemplates();
  for (const [name, dir] of Object.entries(ARTICLES)) {
    const article: Article = await loadArticle(path.join(ROOT, dir));
    contexts.set(name, {
      article,
      templates,
      fonts,
      outDir: '/tmp/font-features',
      version: '0.0.0',
      sourceDateEpoch: undefined,
      paper: undefined,
    });
  }
}, 60_000);

describe('every edition embeds the features its stylesheets ask for', () => {
  for (const name of Object.keys(ARTICLES)) {
    for (const lang of ['en', 'it']) {
      it(`${name} ${lang}: HTML, the PDF's page and EPUB`, async () => {
        const ctx = context(name);
        const edition = ctx.article.editions.find((e) => e.lang === lang);
        if (!edition) throw new Error(`${name} has no ${lang} edition`);
        const editions = {
          html: fromPage(await renderHtml(ctx, edition, 'html')),
          pdf: fromPage(await renderHtml(ctx, edition, 'pdf')),
          epub: await fromEpub(await renderEpub(ctx, edition)),
        };
        for (const [format, { markup, css, faces }] of Object.entries(editions)) {
          // Regular, italic and bold at least; bold italic only where something is set in it.
          expect(faces.length, `${format}: embedded faces`).toBeGreaterThanOrEqual(3);
          expect(checkFeatures(markup, css, faces), format).toEqual([]);
        }
      }, 60_000);
    }
  }

  it('the text faces have the figures and, upright, the small capitals', async () => {
    const page = fromPage(await renderHtml(context('article'), firstEdition(), 'html'));
    for (const face of page.faces) {
      for (const tag of ['kern', 'onum', 'lnum', 'pnum', 'tnum', 'case']) {
        expect(face.features, `${face.family} ${face.style} ${face.weight}`).toContain(tag);
      }
      // A cut keeps a feature only where its characters are: the ligatures of fi and fl in
      // the body's face, not in the bold of a few headings that have none.
      if (face.style === 'normal' && face.weight === 400)
        expect([...face.features]).toEqual(expect.arrayContaining(['liga', 'smcp', 'c2sc']));
    }
  });
});

function context(name: string): RenderContext {
  const ctx = contexts.get(name);
  if (!ctx) throw new Error(`no context for ${name}`);
  return ctx;
}

function firstEdition() {
  const edition = context('article').article.editions[0];
  if (!edition) throw new Error('article/ has no edition');
  return edition;
}

describe('the check fails when a face lacks what is asked', () => {
  it('with the old @fontsource Source Serif 4 (no onum, no smcp) in the HTML edition', async () => {
    const page = fromPage(await renderHtml(context('article'), firstEdition(), 'html'));
    const root = path.dirname(
      createRequire(import.meta.url).resolve('@fontsource/source-serif-4/package.json'),
    );
    const files = (await readdir(path.join(root, 'files'))).filter((f) =>
      /^source-serif-4-latin-(400|700)-(normal|italic)\.woff2$/.test(f),
    );
    const old: EmbeddedFace[] = await Promise.all(
      files.map(async (file) => ({
        family: 'source serif 4',
        style: file.includes('italic') ? 'italic' : 'normal',
        weight: Number(/-(\d{3})-/.exec(file)?.[1]),
        features: layoutFeatures(await readFile(path.join(root, 'files', file))),
      })),
    );
    expect(old).toHaveLength(4);
    const findings = checkFeatures(page.markup, page.css, old);
    const missing = new Set(findings.flatMap((f) => f.missing));
    expect(missing).toContain('onum'); // html { font-variant-numeric: oldstyle-nums … }
    expect(missing).toContain('lnum'); // headings
    expect(missing).toContain('smcp'); // .masthead-title { font-variant: small-caps }
    expect(findings.find((f) => f.where === 'p.masthead-title')?.face).toBe(
      'source serif 4 normal 400',
    );
  });

  it('follows inheritance into italics (Source Serif 4 has no italic small capitals)', () => {
    const faces = fromPageFaces();
    const markup = '<html><body><p class="caps">NATO <em>and</em> UN</p></body></html>';
    const css = '.caps { font-family: "Source Serif 4"; font-variant-caps: all-small-caps; }';
    expect(checkFeatures(markup, css, faces)).toEqual([
      { where: 'em', face: 'source serif 4 italic 400', missing: ['c2sc', 'smcp'] },
    ]);
    // Turned off in italics, or asked through font-feature-settings with 0, nothing is missing.
    expect(checkFeatures(markup, `${css} .caps em { font-variant-caps: normal }`, faces)).toEqual(
      [],
    );
    expect(
      checkFeatures(
        markup,
        '.caps { font-family: "Source Serif 4"; font-feature-settings: "smcp" 0 }',
        faces,
      ),
    ).toEqual([]);
  });

  it('reads the margin boxes of @page and the font shorthand', () => {
    const faces = fromPageFaces();
    const css =
      'html { font-family: serif } @page { @top-right { font: italic 8pt/1.2 "Source Serif 4", serif; font-variant-caps: small-caps } }';
    expect(checkFeatures('<html><body></body></html>', css, faces)).toEqual([
      { where: '@top-right', face: 'source serif 4 italic 400', missing: ['smcp'] },
    ]);
  });
});

describe('featuresOf', () => {
  it('maps the CSS keywords and settings to OpenType tags', () => {
    expect(featuresOf('font-variant-numeric', 'oldstyle-nums proportional-nums')).toEqual([
      'onum',
      'pnum',
    ]);
    expect(featuresOf('font-variant-numeric', 'lining-nums tabular-nums')).toEqual([
      'lnum',
      'tnum',
    ]);
    expect(featuresOf('font-variant-caps', 'all-small-caps')).toEqual(['smcp', 'c2sc']);
    expect(featuresOf('font-variant', 'small-caps oldstyle-nums')).toEqual(['smcp', 'onum']);
    expect(featuresOf('font-feature-settings', '"onum", "smcp" 1, "c2sc" off')).toEqual([
      'onum',
      'smcp',
    ]);
  });
});

/** The shipped faces as the check sees them, read from the source files. */
let shipped: EmbeddedFace[] | undefined;
function fromPageFaces(): EmbeddedFace[] {
  shipped ??= fonts
    .filter((f) => f.role === 'text')
    .map((f) => ({
      family: f.family.toLowerCase(),
      style: f.style,
      weight: f.weight,
      features: layoutFeatures(f.bytes),
    }));
  return shipped;
}

describe('the WOFF2 the editions carry', () => {
  it('holds the tables of the cut, byte for byte, and says its own length', async () => {
    const [regular] = fonts;
    if (!regular?.subset) throw new Error('the first face is not a cut text face');
    const sfnt = await subsetSfnt(regular.bytes, [0x41, 0x61, 0x31, 0xe9], ['onum', 'smcp']);
    const woff2 = await sfntToWoff2(sfnt);
    const header = new DataView(woff2.buffer, woff2.byteOffset, woff2.byteLength);
    expect(header.getUint32(0)).toBe(0x774f4632);
    expect(header.getUint32(8)).toBe(woff2.byteLength);
    const tables = fontTables(woff2);
    expect([...tables.keys()]).toEqual(sfntTables(sfnt).tables.map((t) => t.tag));
    for (const { tag, data } of sfntTables(sfnt).tables) {
      expect(Buffer.compare(Buffer.from(tables.get(tag) ?? []), Buffer.from(data)), tag).toBe(0);
    }
    expect(layoutFeatures(woff2)).toEqual(new Set(['onum', 'smcp']));
  });
});
