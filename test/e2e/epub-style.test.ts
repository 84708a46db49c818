/**
 * The EPUB's reading defaults. Its stylesheet, parsed, leaves the reading system what is the
 * reader's (colours, type size) and asks for hyphenation; its chapter, in Chromium, sets
 * paragraphs as a book does: indented, no space between, flush after a break, and a reader's
 * colours and type size reach every element.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCss } from '../../src/render/css-rules.js';
import { launchChromium } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, type ArticleName, editions, ROOT } from '../helpers/editions.js';
import { openEpub } from '../helpers/parse.js';

/** Every kind of block a paragraph can follow, in both languages. */
const FIXTURE = path.join(ROOT, 'test/fixtures/paragraph-starts');
const scratch = mkdtemp(path.join(os.tmpdir(), 'epub-style-'));

const targets = [
  ...(Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
    editions(name, 'epub').map((e) => ({ name: name as string, lang: e.lang, path: e.path })),
  ),
  ...['en', 'it'].map((lang) => ({ name: 'paragraph-starts', lang, path: '' })),
];

/** What a paragraph follows, with its computed indent and the space above it. */
interface Paragraph {
  after: string;
  indent: number;
  gap: number;
  hyphens: string;
  text: string;
}

interface Chapter {
  paragraphs: Paragraph[];
  bodyHyphens: string;
  headings: { breakAfter: string; breakInside: string; hyphens: string }[];
  figures: string[];
  /** Elements whose colour or background is not the reader's, and the font size of the text. */
  foreignColours: string[];
  bodyFontSize: number;
  paragraphFontSizes: number[];
}

const READER = { color: 'rgb(1, 2, 3)', background: 'rgb(250, 240, 230)', fontSize: 23 };

let browser: Browser;
const chapters = new Map<string, Promise<{ css: string; chapter: Chapter }>>();

beforeAll(async () => {
  const out = path.join(await scratch, 'fixture');
  const built = await runCli([FIXTURE, '-o', out, '--format', 'epub', '--json']);
  if (built.code !== 0) throw new Error(`building the fixture failed:\n${built.stderr}`);
  const report = JSON.parse(built.stdout) as { editions: { lang: string; path: string }[] };
  for (const t of targets.filter((t) => t.name === 'paragraph-starts')) {
    t.path = report.editions.find((e) => e.lang === t.lang)?.path ?? '';
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(await scratch, { recursive: true, force: true });
});

/** The EPUB unpacked into a folder of its own, its stylesheets and its chapter measured. */
function chapterOf(file: string): Promise<{ css: string; chapter: Chapter }> {
  let pending = chapters.get(file);
  if (!pending) {
    pending = (async () => {
      const epub = await openEpub(file);
      const dir = await mkdtemp(path.join(await scratch, 'epub-'));
      await Promise.all(
        Object.values(epub.zip.files)
          .filter((entry) => !entry.dir)
          .map(async (entry) => {
            const target = path.join(dir, entry.name);
            await mkdir(path.dirname(target), { recursive: true });
            await writeFile(target, await entry.async('nodebuffer'));
          }),
      );
      const base = path.dirname(epub.opfPath);
      const items = Array.from(epub.opf.querySelectorAll('manifest > item'));
      const of = (type: string) =>
        items
          .filter((i) => i.getAttribute('media-type') === type)
          .filter((i) => !(i.getAttribute('properties') ?? '').split(' ').includes('nav'))
          .map((i) => path.posix.join(base, i.getAttribute('href') ?? ''));
      const sheets = of('text/css');
      const css = (await Promise.all(sheets.map((s) => epub.text(s)))).join('\n');
      // The chapter is the longest document that is not the navigation.
      const documents = of('application/xhtml+xml');
      const lengths = await Promise.all(documents.map(async (d) => (await epub.text(d)).length));
      const xhtml = documents[lengths.indexOf(Math.max(...lengths))];
      if (!xhtml || sheets.length === 0) throw new Error(`${file}: no chapter or stylesheet`);
      const page = await browser.newPage();
      try {
        return { css, chapter: await measure(page, path.join(dir, xhtml)) };
      } finally {
        await page.close();
      }
    })();
    chapters.set(file, pending);
  }
  return pending;
}

/** The chapter as a reading system with its reader's colours and type size shows it. */
async function measure(page: Page, file: string): Promise<Chapter> {
  const cdp = await page.createCDPSession();
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: READER.fontSize } });
  await page.setViewport({ width: 600, height: 900 });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page.evaluate((reader) => {
    const theme = document.createElementNS('http://www.w3.org/1999/xhtml', 'style');
    theme.textContent = `:root { color: ${reader.color}; background-color: ${reader.background}; }`;
    document.head.prepend(theme);
    const style = (e: Element) => getComputedStyle(e);
    const px = (v: string) => Number.parseFloat(v);
    const paragraphs = Array.from(document.querySelectorAll('main p'))
      .filter((p) => !p.closest('header'))
      .map((p) => {
        const prev = p.previousElementSibling;
        const after = prev ? prev.localName : 'start';
        const top = p.getBoundingClientRect().top;
        const gap = prev ? top - prev.getBoundingClientRect().bottom : 0;
        const s = style(p);
        return {
          after,
          indent: px(s.textIndent),
          gap,
          hyphens: s.hyphens,
          text: (p.textContent ?? '').slice(0, 40),
        };
      });
    const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => {
      const s = style(h);
      return { breakAfter: s.breakAfter, breakInside: s.breakInside, hyphens: s.hyphens };
    });
    const foreignColours: string[] = [];
    for (const e of Array.from(document.querySelectorAll('body, body *'))) {
      const s = style(e);
      const colours = [s.color, s.borderTopColor, s.borderBottomColor, s.textDecorationColor];
      if (colours.some((c) => c !== reader.color))
        foreignColours.push(`${e.localName}: ${colours}`);
      if (s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.backgroundImage !== 'none') {
        foreignColours.push(`${e.localName}: background ${s.backgroundColor} ${s.backgroundImage}`);
      }
    }
    return {
      paragraphs,
      bodyHyphens: style(document.body).hyphens,
      headings,
      figures: Array.from(document.querySelectorAll('figure')).map((f) => style(f).breakInside),
      foreignColours,
      bodyFontSize: px(style(document.body).fontSize),
      paragraphFontSizes: Array.from(document.querySelectorAll('.essay > p')).map((p) =>
        px(style(p).fontSize),
      ),
    };
  }, READER);
}

/** Blocks after which a paragraph starts flush: the break already marks it. */
const BREAKS = /^(start|h[1-6]|figure|blockquote|ul|ol|dl|table|pre|hr)$/;

describe.each(targets)('EPUB style $name $lang', (target) => {
  const sheet = async () => parseCss((await chapterOf(target.path)).css);
  const chapter = async () => (await chapterOf(target.path)).chapter;

  it('uses no CSS variable and no !important', async () => {
    const { css } = await chapterOf(target.path);
    const { rules } = await sheet();
    const declarations = rules.flatMap((r) => r.declarations);
    expect(declarations.length).toBeGreaterThan(50);
    expect(declarations.filter(([p, v]) => p.startsWith('--') || v.includes('var('))).toEqual([]);
    expect(css.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/!\s*important/i);
  });

  it('sets no colour or background of its own', async () => {
    const { rules } = await sheet();
    const painted = rules.flatMap((r) =>
      r.declarations
        .filter(([p, v]) =>
          /color$|^background|^fill$|^stroke$/.test(p)
            ? !/^(inherit|transparent|currentcolor|none)$/.test(v)
            : /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/.test(v),
        )
        .map(([p, v]) => `${r.selector} { ${p}: ${v} }`),
    );
    expect(painted).toEqual([]);
    expect((await chapter()).foreignColours).toEqual([]);
  });

  it("sizes type relative to the reader's size: no absolute font size, none on html or body", async () => {
    const { rules } = await sheet();
    const sizes = rules.flatMap((r) =>
      r.declarations
        .filter(([p]) => p === 'font-size' || p === 'font')
        .map(([p, v]) => [r, p, v] as const),
    );
    expect(sizes.length).toBeGreaterThan(5);
    const absolute = sizes.filter(([, p, v]) =>
      p === 'font-size' ? !/^[\d.]+(em|%|rem)$/.test(v) : /\d(px|pt|pc|cm|mm|in|q)\b/.test(v),
    );
    expect(absolute.map(([r, p, v]) => `${r.selector} { ${p}: ${v} }`)).toEqual([]);
    const root = sizes.filter(([r]) => /^(html|body|:root)$/.test(r.selector));
    expect(root.filter(([, , v]) => v !== '100%' && v !== '1em')).toEqual([]);
    const { bodyFontSize, paragraphFontSizes } = await chapter();
    expect(bodyFontSize).toBe(READER.fontSize);
    expect(paragraphFontSizes.length).toBeGreaterThan(0);
    expect(new Set(paragraphFontSizes)).toEqual(new Set([READER.fontSize]));
  });

  it('asks the reading system to hyphenate the text, in every prefix, and not its headings', async () => {
    const body = (await sheet()).rules.filter((r) => r.selector === 'body');
    const hyphens = new Map(
      body.flatMap((r) => r.declarations.filter(([p]) => p.endsWith('hyphens'))),
    );
    expect(Object.fromEntries(hyphens)).toEqual({
      '-webkit-hyphens': 'auto',
      '-epub-hyphens': 'auto',
      hyphens: 'auto',
    });
    const { bodyHyphens, paragraphs, headings } = await chapter();
    expect(bodyHyphens).toBe('auto');
    // Chinese and Japanese break between characters and are never hyphenated (cjk.css).
    const wanted = /^(zh|ja)(-|$)/.test(target.lang) ? 'manual' : 'auto';
    expect(paragraphs.length).toBeGreaterThan(0);
    expect(paragraphs.filter((p) => p.hyphens !== wanted)).toEqual([]);
    expect(headings.length).toBeGreaterThan(0);
    expect(headings.filter((h) => h.hyphens !== 'manual')).toEqual([]);
  });

  it('indents paragraphs with no space between them, and starts one flush after a break', async () => {
    const { paragraphs } = await chapter();
    // The second article has no two paragraphs in a row; the others have.
    const following = paragraphs.filter((p) => p.after === 'p');
    for (const p of following) {
      expect(p.indent, p.text).toBeGreaterThan(0);
      expect(Math.abs(p.gap), p.text).toBeLessThan(0.5);
    }
    const flush = paragraphs.filter((p) => BREAKS.test(p.after));
    expect(flush.length).toBeGreaterThan(0);
    expect(flush.filter((p) => p.indent !== 0)).toEqual([]);
    expect(paragraphs.filter((p) => p.after !== 'p' && !BREAKS.test(p.after))).toEqual([]);
  });

  it('keeps headings with what follows them, and figures with their captions', async () => {
    const { headings, figures } = await chapter();
    expect(headings.filter((h) => h.breakAfter !== 'avoid' || h.breakInside !== 'avoid')).toEqual(
      [],
    );
    expect(figures.filter((f) => f !== 'avoid')).toEqual([]);
  });
});

describe('EPUB style, over all the test articles', () => {
  it('has met a paragraph after every kind of break', async () => {
    const seen = new Set<string>();
    for (const t of targets) {
      for (const p of (await chapterOf(t.path)).chapter.paragraphs) seen.add(p.after);
    }
    for (const kind of [
      'start',
      'h2',
      'h3',
      'figure',
      'blockquote',
      'ul',
      'ol',
      'table',
      'pre',
      'hr',
    ]) {
      expect(seen, kind).toContain(kind);
    }
  });
});
