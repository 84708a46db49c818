/**
 * The PDF set as a book: justified lines evenly spaced (measured from the words' boxes),
 * a book's measure on every paper size, hyphenation that never reaches the text layer,
 * notes at the foot of their page, and dates as a reader expects them.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCjk } from '../../src/render/stylesheets.js';
import { patternsName } from '../../src/typeset/hyphenate.js';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, type ArticleName, editions, ROOT } from '../helpers/editions.js';
import { lineQuality, mode, pdfLines } from '../helpers/line-quality.js';
import { htmlDocument, pdfText } from '../helpers/parse.js';
import { readPdf } from '../validators/pdf-objects.js';

const run = promisify(execFile);
const pdfs = (Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
  editions(name, 'pdf').map((edition) => ({ name, ...edition })),
);

/** The first page's size as poppler's pdfinfo reports it, in points. */
async function pageSize(file: string): Promise<[number, number]> {
  const { stdout } = await run('pdfinfo', [file]);
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
  return [Number(m?.[1]), Number(m?.[2])];
}

/**
 * Chinese and Japanese are written without spaces between words: a justified line takes its
 * slack between characters (cjk.css), and Chromium breaks it by their rules, so there is no
 * word space to measure; there the measure is that no gap between characters is stretched,
 * in a full line of some 30 characters each a full em wide (test/e2e/scripts.test.ts).
 */
const spacedPdfs = pdfs.filter((target) => !isCjk(target.lang));
const arabic = (lang: string) => /^(ar|fa|ur)(-|$)/.test(lang);
/** How a language's lines are read: right to left; in Arabic script, with words pdftotext splits. */
const script = (lang: string) => ({
  rtl: arabic(lang) || /^(he|yi)(-|$)/.test(lang),
  joined: arabic(lang),
});

/**
 * The all-content test article (formulas, code, citations, cross-references and callouts
 * inside its paragraphs), its PDFs built once for this file.
 */
let allContent: Promise<{ lang: string; path: string }[]> | undefined;
let allContentDir: string | undefined;
function allContentPdfs(): Promise<{ lang: string; path: string }[]> {
  allContent ??= (async () => {
    allContentDir = await mkdtemp(path.join(os.tmpdir(), 'build-article-all-content-'));
    const result = await runCli([
      path.join(ROOT, 'test/fixtures/all-content'),
      ...['-o', allContentDir, '-f', 'pdf', '--json'],
    ]);
    if (result.code !== 0) throw new Error(result.stderr);
    return (JSON.parse(result.stdout) as { editions: { lang: string; path: string }[] }).editions;
  })();
  return allContent;
}
afterAll(async () => {
  if (allContentDir) await rm(allContentDir, { recursive: true, force: true });
});

const measured = [
  ...spacedPdfs.map((target) => ({ ...target, file: async () => target.path })),
  ...['en', 'it'].map((lang) => ({
    name: 'all-content',
    lang,
    file: async () => (await allContentPdfs()).find((e) => e.lang === lang)?.path ?? '',
  })),
];

describe.each(measured)('PDF $name $lang, a script with word spaces', (target) => {
  it('sets its justified lines evenly: at most 5% over 1.8× the natural word space, none over 2.2×', async () => {
    const quality = lineQuality(await pdfLines(await target.file()), 0.8, script(target.lang));
    // The lines were found: the all-content article is short, and mostly not running text.
    expect(quality.justified).toBeGreaterThanOrEqual(target.name === 'all-content' ? 5 : 12);
    expect(quality.worst, quality.worstLine).toBeLessThanOrEqual(2.2);
    // Hebrew and Arabic, with no hyphenation patterns, are held to the same share.
    expect(quality.loose / quality.justified, quality.worstLine).toBeLessThanOrEqual(0.05);
    // The shipped essay, long paragraphs with hyphenation: not one line over 1.8×.
    if (target.name === 'article') expect(quality.loose, quality.worstLine).toBe(0);
  });
});

// A measure counted in Latin letters. Cyrillic and Greek ones are wider, so a line holds a few
// less; Arabic is written without its short vowels, in narrow joined letters that pdftotext
// splits apart: its count would say nothing of the measure.
describe.each(spacedPdfs.filter((target) => !arabic(target.lang)))(
  'PDF $name $lang, an alphabet',
  (target) => {
    it('sets 60 to 75 characters a line (55 in Cyrillic and Greek)', async () => {
      const { charsPerLine } = lineQuality(await pdfLines(target.path), 0.8, script(target.lang));
      const least = /^(ru|uk|bg|el)(-|$)/.test(target.lang) ? 55 : 60;
      expect(charsPerLine).toBeGreaterThanOrEqual(least);
      expect(charsPerLine).toBeLessThanOrEqual(75);
    });
  },
);

describe.each(pdfs)('PDF $name $lang', (target) => {
  it('no soft hyphen reaches its text layer; where the language has patterns, it is hyphenated', async () => {
    const pdf = await readPdf(target.path);
    const content = pdf.pages
      .flatMap((page) => page.contents.map((ref) => pdf.stream(ref)?.text ?? ''))
      .join('\n')
      .toLowerCase();
    // Each line broken inside a word ends with a hyphen that reads as "-" at the line's end.
    // (Arabic, Hebrew, Chinese and Japanese have no patterns, and are not hyphenated.)
    if (patternsName(target.lang)) expect(content).toContain('/actualtext <feff002d>');
    // A soft hyphen in a replacement text; "00ad" alone may be a glyph's number in a large font.
    expect(content).not.toMatch(/\/actualtext\s*<feff(?:[0-9a-f]{4})*?00ad/);
    const text = await pdfText(target.path);
    expect(text).not.toMatch(/[\u00ad\u2010]/);
  });

  it('marks notes with plain superior figures that leave the line spacing alone', async () => {
    const html = await htmlDocument(
      editions(target.name, 'html').find((e) => e.lang === target.lang)?.path ?? '',
    );
    const markers = Array.from(html.querySelectorAll('.footnote-ref a')).map((a) => a.textContent);
    expect(markers).toEqual(markers.map((_, i) => String(i + 1)));
    const lines = await pdfLines(target.path);
    // A line's height is its tallest word's: a marker opening the line would make it taller.
    const heights = lines.map((l) => Math.max(...l.words.map((w) => w.yMax - w.yMin)));
    const body = mode(heights.map((h) => Math.round(h * 10) / 10));
    const withMarker = lines.filter((l) => l.words.some((w) => /\p{L}[,.;:]?\d$/u.test(w.text)));
    for (const line of withMarker)
      expect(Math.max(...line.words.map((w) => w.yMax - w.yMin))).toBeLessThanOrEqual(body + 0.2);
  });
});

/**
 * For each note reference (a link to the named destination /fnN), the page it is on and
 * the page its note is on.
 */
async function notePages(file: string): Promise<{ note: string; ref: number; at: number }[]> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const pages = pdf.getPages();
  const pageOf = (ref: unknown) => pages.findIndex((p) => p.ref === ref) + 1;
  const dests = pdf.context.lookup(pdf.catalog.get(PDFName.of('Dests')), PDFDict);
  const found: { note: string; ref: number; at: number }[] = [];
  pages.forEach((page, index) => {
    const annots = page.node.Annots();
    for (const item of annots?.asArray() ?? []) {
      const annot = pdf.context.lookup(item, PDFDict);
      const dest = annot.get(PDFName.of('Dest'));
      if (!(dest instanceof PDFName) || !/^\/fn\d+$/.test(dest.asString())) continue;
      // A reference at the top of a page rises above its line: Chromium then leaves a sliver
      // of its link, under a point tall, at the foot of the page before. The reference is
      // read where its link is whole.
      const [, y1 = 0, , y2 = 0] = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map(Number);
      if (Math.abs(y2 - y1) < 1) continue;
      const target = pdf.context.lookup(dests.get(dest), PDFArray);
      found.push({ note: dest.asString(), ref: index + 1, at: pageOf(target.get(0)) });
    }
  });
  return found;
}

describe('notes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'build-article-notes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(pdfs.filter((t) => t.name === 'second'))(
    'are at the foot of the page that refers to them ($lang)',
    async (target) => {
      const notes = await notePages(target.path);
      expect(notes.length).toBe(3);
      expect(notes.filter((n) => n.ref !== n.at)).toEqual([]);
    },
  );

  // A contents list kept whole, a paragraph split before a narrow first letter, the
  // colophon's last margin: each once pushed a page's notes over and sent all to the end.
  it.each(['a4', 'a5', 'letter', '6x9in'])(
    'are at the foot of their page in the contents and notes test articles, on %s',
    async (paper) => {
      for (const fixture of ['contents-article', 'notes-article']) {
        const out = path.join(dir, `${fixture}-${paper}`);
        const result = await runCli([
          path.join(ROOT, 'test/fixtures', fixture),
          ...['-o', out, '-f', 'pdf', '--paper', paper, '--json'],
        ]);
        expect(result.code, result.stderr).toBe(0);
        const built = JSON.parse(result.stdout) as { editions: { path: string }[] };
        for (const { path: file } of built.editions) {
          const notes = await notePages(file);
          expect(notes.length, file).toBeGreaterThan(0);
          expect(
            notes.filter((n) => n.ref !== n.at),
            file,
          ).toEqual([]);
        }
      }
    },
    60_000,
  );

  it('stay with their references over many pages, on A5, through split paragraphs and lists', async () => {
    // The second test article six times over, its notes numbered on: 18 notes.
    const article = path.join(dir, 'long');
    const source = await readFile(path.join(ARTICLES.second, 'en.md'), 'utf8');
    const end = source.indexOf('---', 4) + 3;
    const [body = '', notes = ''] = source.slice(end).split('[^1]:');
    const renumber = (text: string, by: number) =>
      text.replace(/\[\^(\d+)\]/g, (_, n) => `[^${Number(n) + by}]`);
    const parts = [0, 1, 2, 3, 4, 5];
    const markdown = [
      source.slice(0, end),
      ...parts.map((k) => renumber(body, 3 * k).replace(/^(#+ .*)$/gm, `$1 (${k + 1})`)),
      ...parts.map((k) => renumber(`[^1]:${notes}`, 3 * k)),
    ].join('\n');
    await mkdir(article, { recursive: true });
    await writeFile(path.join(article, 'en.md'), markdown);
    await cp(path.join(ARTICLES.second, 'images'), path.join(article, 'images'), {
      recursive: true,
    });
    const out = path.join(dir, 'out');
    const result = await runCli([article, '-o', out, '-f', 'pdf', '--paper', 'a5', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const file = (JSON.parse(result.stdout) as { editions: { path: string }[] }).editions[0]?.path;
    const placed = await notePages(file ?? '');
    expect(placed.length).toBe(18);
    expect(placed.filter((n) => n.ref !== n.at)).toEqual([]);
    expect(new Set(placed.map((n) => n.at)).size).toBeGreaterThan(8);
  });
});

/** Builds the essay's English PDF into `out` with more flags; its path. */
async function englishPdf(out: string, flags: string[]): Promise<string> {
  const result = await runCli([
    ARTICLES.article,
    '-o',
    out,
    '-f',
    'pdf',
    '-l',
    'en',
    '--json',
    ...flags,
  ]);
  expect(result.code, result.stderr).toBe(0);
  const built = (JSON.parse(result.stdout) as { editions: { path: string }[] }).editions[0];
  return built?.path ?? '';
}

describe('paper sizes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'build-article-paper-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a5', 419.5, 595.3],
    ['letter', 612, 792],
    ['6x9in', 432, 648],
  ])('--paper %s prints that size and keeps the measure', async (paper, width, height) => {
    const file = await englishPdf(path.join(dir, paper), ['--paper', paper]);
    const [w, h] = await pageSize(file);
    // Chromium rounds the page box to whole pixels.
    expect(Math.abs(w - width)).toBeLessThan(1.5);
    expect(Math.abs(h - height)).toBeLessThan(1.5);
    const quality = lineQuality(await pdfLines(file));
    expect(quality.charsPerLine).toBeGreaterThanOrEqual(60);
    expect(quality.charsPerLine).toBeLessThanOrEqual(75);
    expect(quality.worst).toBeLessThanOrEqual(2.2);
  });

  it('honours a template’s @page size when --paper is not given', async () => {
    const templates = path.join(dir, 'templates');
    await mkdir(path.join(templates, 'styles'), { recursive: true });
    const print = await readFile(path.join(ROOT, 'templates/styles/print.css'), 'utf8');
    await writeFile(path.join(templates, 'styles/print.css'), `${print}\n@page { size: A5; }\n`);
    const file = await englishPdf(path.join(dir, 'template'), ['--templates', templates]);
    const [w, h] = await pageSize(file);
    expect(Math.abs(w - 419.5)).toBeLessThan(1.5);
    expect(Math.abs(h - 595.3)).toBeLessThan(1.5);
  });
});

describe('dates', () => {
  it('labels the shipped essay’s date as a revision, in each language', async () => {
    for (const edition of editions('article', 'html')) {
      const html = await htmlDocument(edition.path);
      const lines = Array.from(html.querySelectorAll('.dateline')).map((p) =>
        (p.textContent ?? '').replace(/\s+/g, ' ').trim(),
      );
      const date = html.querySelector('.dateline time')?.textContent ?? '';
      const labels = JSON.parse(
        await readFile(path.join(ROOT, 'templates/labels', `${edition.lang}.json`), 'utf8'),
      );
      expect(lines).toHaveLength(1);
      expect(date).toMatch(/\b2021\b/);
      // The label says where the date goes: "Updated {date}".
      expect(lines[0]).toBe(labels.updated.replace('{date}', date));
    }
  });
});
