/**
 * Every script right: the world article (test/fixtures/world-article: English, Russian, Greek,
 * Arabic, Hebrew, Simplified Chinese and Japanese) printed with shipped faces only, its text
 * given back whole by pdftotext, right-to-left editions mirrored and marked so, Chinese and
 * Japanese lines filled between characters; and a character no shipped face draws refused
 * where it is written.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, editions } from '../helpers/editions.js';
import { mode, pdfLines } from '../helpers/line-quality.js';
import { htmlDocument, openEpub, pdfText, xmlDocument } from '../helpers/parse.js';
import { pdfFonts, textGivenBack } from '../helpers/script-text.js';

const run = promisify(execFile);
const RTL = new Set(['ar', 'he']);
const CJK = new Set(['zh-Hans', 'ja']);

/** The face each language's own letters are drawn with, by PostScript name. */
const OWN_FACE: Record<string, RegExp> = {
  en: /^SourceSerif4-/,
  ru: /^SourceSerif4-/,
  el: /^SourceSerif4-/,
  ar: /^NotoSansArabic-/,
  he: /^NotoSerifHebrew-/,
  'zh-Hans': /^NotoSerifSC-/,
  ja: /^NotoSerifJP-/,
};
const SHIPPED = /^(SourceSerif4|NotoSansArabic|NotoSerifHebrew|NotoSerifSC|NotoSerifJP)-/;

const world = (format: 'html' | 'pdf' | 'epub') => editions('world', format);
const source = (lang: string) => readFile(path.join(ARTICLES.world, `${lang}.md`), 'utf8');

describe('world article: fonts', () => {
  for (const { lang, path: file } of world('pdf')) {
    it(`${lang} PDF: only shipped faces, every one embedded, its own script's among them`, async () => {
      const fonts = await pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !SHIPPED.test(f.name) || !f.embedded)).toEqual([]);
      expect(fonts.some((f) => OWN_FACE[lang]?.test(f.name))).toBe(true);
    });
  }
});

describe('world article: pdftotext gives the text back', () => {
  for (const { lang, path: file } of world('pdf')) {
    it(`${lang} PDF: every paragraph and the note, in reading order, no replacement character`, async () => {
      const given = await textGivenBack(file, await source(lang));
      expect(given.raw).not.toContain('\ufffd');
      expect(given.paragraphs).toBeGreaterThanOrEqual(6);
      expect(given.missing, given.text).toEqual([]);
    });
  }

  for (const lang of CJK) {
    it(`${lang} PDF: a date written 2024年3月1日 comes back whole`, async () => {
      const file = world('pdf').find((e) => e.lang === lang)?.path ?? '';
      expect(await pdfText(file)).toContain('2024年3月1日');
    });
  }
});

describe('world article: direction', () => {
  for (const { lang, path: file } of world('html')) {
    it(`${lang} HTML: lang="${lang}" and dir="${RTL.has(lang) ? 'rtl' : 'ltr'}"`, async () => {
      const root = (await htmlDocument(file)).documentElement;
      expect(root.getAttribute('lang')).toBe(lang);
      expect(root.getAttribute('dir')).toBe(RTL.has(lang) ? 'rtl' : 'ltr');
    });
  }

  for (const { lang, path: file } of [...world('epub'), ...editions('article', 'epub')]) {
    it(`${lang} EPUB (${path.basename(file)}): its documents' dir and its spine's progression`, async () => {
      const epub = await openEpub(file);
      const spine = epub.opf.querySelector('spine');
      if (RTL.has(lang)) expect(spine?.getAttribute('page-progression-direction')).toBe('rtl');
      else expect(spine?.hasAttribute('page-progression-direction')).toBe(false);
      const base = path.posix.dirname(epub.opfPath);
      const documents = [...epub.opf.querySelectorAll('manifest > item')].filter(
        (item) => item.getAttribute('media-type') === 'application/xhtml+xml',
      );
      expect(documents.length).toBeGreaterThan(0);
      for (const item of documents) {
        const doc = xmlDocument(
          await epub.text(path.posix.join(base, item.getAttribute('href') ?? '')),
        );
        expect(doc.documentElement.getAttribute('dir')).toBe(RTL.has(lang) ? 'rtl' : 'ltr');
      }
    });
  }

  for (const { lang, path: file } of world('pdf')) {
    const side = RTL.has(lang) ? 'right' : 'left';
    it(`${lang} PDF: the running head's author stands at the ${side}, where its lines start`, async () => {
      const { stdout } = await run('pdftotext', ['-bbox', '-f', '2', '-l', '2', file, '-']);
      const width = Number(/<page width="([\d.]+)"/.exec(stdout)?.[1]);
      const author = [
        ...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>TEST<\/word>/g),
      ];
      expect(author.length).toBe(1);
      const x = Number(author[0]?.[1]);
      if (RTL.has(lang)) expect(x).toBeGreaterThan(width / 2);
      else expect(x).toBeLessThan(width / 2);
    });
  }
});

describe('world article: Chinese and Japanese lines', () => {
  for (const lang of CJK) {
    it(`${lang} PDF: full lines reach the column's edge with no stretched space, 25 to 45 characters each`, async () => {
      const file = world('pdf').find((e) => e.lang === lang)?.path ?? '';
      const lines = await pdfLines(file);
      const height = (l: (typeof lines)[number]) =>
        Math.round(Math.max(...l.words.map((w) => w.yMax - w.yMin)) * 10) / 10;
      const bodyHeight = mode(lines.map(height));
      const body = lines.filter((l) => height(l) === bodyHeight);
      const right = (l: (typeof lines)[number]) => Math.max(...l.words.map((w) => w.xMax));
      const edge = Math.max(...body.map(right));
      const full = body.filter((l) => right(l) >= edge - 1);
      expect(full.length).toBeGreaterThanOrEqual(10);
      for (const line of full) {
        const words = [...line.words].sort((a, b) => a.xMin - b.xMin);
        const gaps = words.slice(1).map((w, i) => w.xMin - (words[i]?.xMax ?? w.xMin));
        // A word space at the body's size is under 3 pt; a stretched one would be wider.
        expect(Math.max(0, ...gaps), words.map((w) => w.text).join(' ')).toBeLessThan(4);
        const characters = [...words.map((w) => w.text).join('')].length;
        expect(characters).toBeGreaterThanOrEqual(25);
        expect(characters).toBeLessThanOrEqual(45);
      }
    });
  }
});

describe('a character no shipped face draws', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'glyph-missing-'));
    const front = '---\ntitle: Linear B\nauthor: A. Writer\ndate: 2024-03-01\n---\n\n';
    await writeFile(
      path.join(dir, 'en.md'),
      `${front}The sign \u{10000} is Linear B, and \ue000 is for private use.\n`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails the build at its file, line and column, and writes nothing', async () => {
    const out = path.join(dir, 'out');
    const result = await runCli([dir, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'en.md:7:10: error no font build-article ships draws "\u{10000}" (U+10000) [glyph-missing]',
    );
    expect(result.stderr).toMatch(/en\.md:7:29: error .*\(U\+E000\) \[glyph-missing\]/);
    await expect(stat(out)).rejects.toThrow();
  });
});
