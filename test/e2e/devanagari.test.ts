/**
 * Hindi, in Devanagari: test/fixtures/devanagari-article (the world article's essay in Hindi,
 * with its English) built in all three formats with the real CLI. Its syllables are shaped
 * from the shipped Noto Serif Devanagari cut to the page (conjuncts and half forms: the cut
 * keeps the features that make them), pdftotext gives every paragraph back, its justified
 * lines are as even as any alphabet's, and every validator reports nothing (its words break
 * between syllables only: test/typeset/hyphenate.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineQuality, pdfLines } from '../helpers/line-quality.js';
import { htmlDocument, openEpub, pdfText } from '../helpers/parse.js';
import { pdfFonts, textGivenBack } from '../helpers/script-text.js';
import {
  fixtureDir,
  type ValidatedFixture,
  validatedFixture,
} from '../helpers/validated-fixture.js';

const run = promisify(execFile);

let fixture: ValidatedFixture;

beforeAll(async () => {
  fixture = await validatedFixture('devanagari-article');
});

const source = (lang: string) =>
  readFile(path.join(fixtureDir('devanagari-article'), `${lang}.md`), 'utf8');

describe('Devanagari article, hi', () => {
  it('PDF: drawn in the shipped faces only, every one embedded, Noto Serif Devanagari among them', async () => {
    const fonts = await pdfFonts(fixture.file('hi', 'pdf'));
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    // The English edition's name in the list of languages is set in Source Serif.
    expect(fonts.filter((f) => !/^(NotoSerifDevanagari|SourceSerif4)-/.test(f.name))).toEqual([]);
    expect(fonts.some((f) => /^NotoSerifDevanagari-Regular$/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /^NotoSerifDevanagari-Bold$/.test(f.name))).toBe(true);
  });

  it('PDF: pdftotext gives every paragraph back whole, in order, with no replacement character', async () => {
    const given = await textGivenBack(fixture.file('hi', 'pdf'), await source('hi'));
    expect(given.raw).not.toContain('\ufffd');
    expect(given.paragraphs).toBeGreaterThanOrEqual(6);
    expect(given.missing, given.text).toEqual([]);
    // A conjunct and a vowel sign drawn before its consonant come back in their written order.
    const text = given.raw.replace(/\s+/g, '');
    const written = await source('hi');
    for (const word of ['नक़्शे', 'प्रति', 'मानचित्रकार', 'दिखाता']) {
      expect(written).toContain(word);
      expect(text).toContain(word);
    }
  });

  it('PDF: its justified lines as even as an alphabet’s: at most 5% over 1.8× the natural space, none over 2.2×', async () => {
    const quality = lineQuality(await pdfLines(fixture.file('hi', 'pdf')));
    expect(quality.justified).toBeGreaterThanOrEqual(12);
    expect(quality.worst, quality.worstLine).toBeLessThanOrEqual(2.2);
    expect(quality.loose / quality.justified, quality.worstLine).toBeLessThanOrEqual(0.05);
    expect(await pdfText(fixture.file('hi', 'pdf'))).not.toMatch(/[\u00ad\u2010]/);
  });

  it('PDF: every syllable shaped, none drawn letter by letter with a visible virama', async () => {
    // pdftotext reads a syllable back whole even when it was drawn letter by letter: what
    // shows the shaping is the glyphs. Shaped, a conjunct's first consonant is a half form or
    // a ligature (its glyph stands for the consonant and the virama); a glyph that stands for
    // the virama alone is a virama drawn as a mark of its own, which no word here needs.
    const work = await mkdtemp(path.join(os.tmpdir(), 'build-article-devanagari-'));
    try {
      const plain = path.join(work, 'plain.pdf');
      await run('qpdf', ['--qdf', '--object-streams=disable', fixture.file('hi', 'pdf'), plain]);
      const pdf = (await readFile(plain)).toString('latin1');
      // Each font's ToUnicode map: "<glyph> <text>" pairs.
      expect(pdf).toMatch(/<[0-9A-F]{4}>\s*<0915094D>/i);
      expect(pdf.match(/<[0-9A-F]{4}>\s*<094D>/gi) ?? []).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('HTML: lang="hi", left to right, Nu HTML Checker and axe report nothing', async () => {
    const file = fixture.file('hi', 'html');
    const root = (await htmlDocument(file)).documentElement;
    expect(root.getAttribute('lang')).toBe('hi');
    expect(root.getAttribute('dir')).toBe('ltr');
    expect(fixture.nu.get(file)?.findings).toEqual([]);
    expect(fixture.pages.get(file)?.violations).toEqual([]);
  });

  it('EPUB: its language hi, its Devanagari face carried, EPUBCheck and Ace report nothing', async () => {
    const file = fixture.file('hi', 'epub');
    const epub = await openEpub(file);
    const language = epub.opf.getElementsByTagName('dc:language')[0]?.textContent;
    expect(language).toBe('hi');
    const fonts = [...epub.opf.querySelectorAll('manifest item')]
      .map((item) => item.getAttribute('href') ?? '')
      .filter((href) => /\.woff2$/.test(href));
    expect(fonts.some((href) => /devanagari/.test(href))).toBe(true);
    const verdicts = fixture.epubVerdicts.get(file);
    expect(verdicts?.epubcheck.findings).toEqual([]);
    expect(verdicts?.ace.findings).toEqual([]);
  });
});

describe('Devanagari article, en', () => {
  it('every validator reports nothing, with the Hindi edition named in Devanagari', async () => {
    const html = fixture.file('en', 'html');
    expect(fixture.nu.get(html)?.findings).toEqual([]);
    expect(fixture.pages.get(html)?.violations).toEqual([]);
    const verdicts = fixture.epubVerdicts.get(fixture.file('en', 'epub'));
    expect(verdicts?.epubcheck.findings).toEqual([]);
    expect(verdicts?.ace.findings).toEqual([]);
    const doc = await htmlDocument(html);
    const hindi = [...doc.querySelectorAll('[lang="hi"]')].map((e) => e.textContent ?? '');
    expect(hindi.some((text) => /[\u0900-\u097f]/.test(text))).toBe(true);
  });
});
