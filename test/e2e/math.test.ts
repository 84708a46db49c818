/**
 * TeX math (issue 15, point 1): test/fixtures/math-article, in English and Italian, built in
 * all three formats with the real CLI and read back as a reader's software reads them: the
 * HTML parsed and through vnu and axe, the EPUB unzipped and through EPUBCheck and Ace, the
 * PDF through pdffonts, pdftotext and its structure tree.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, loadArticle } from '../../src/article/load.js';
import { launchChromium, platformFonts } from '../helpers/chromium.js';
import { ROOT } from '../helpers/editions.js';
import { htmlDocument, openEpub, pdfText, xmlDocument } from '../helpers/parse.js';
import {
  type FixtureEdition,
  type ValidatedFixture,
  validatedFixture,
} from '../helpers/validated-fixture.js';
import { fonts, readPdf, structElements, text } from '../validators/pdf-objects.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/math-article');
const MATHML = 'http://www.w3.org/1998/Math/MathML';

let article: Article;

let fixture: ValidatedFixture;

beforeAll(async () => {
  fixture = await validatedFixture('math-article');
  article = await loadArticle(FIXTURE);
});

const file = (lang: string, format: FixtureEdition['format']) => fixture.file(lang, format);
const formulas = (lang: string) => {
  const found = article.editions.find((e) => e.lang === lang);
  if (!found) throw new Error(`no ${lang} edition`);
  return found.doc.math;
};

describe.each(['en', 'it'])('math article, %s', (lang) => {
  it('the source has inline and display formulas, in a list and a note', () => {
    const math = formulas(lang);
    expect(math.length).toBe(10);
    expect(math.filter((m) => m.display)).toHaveLength(2);
  });

  it('HTML: one <math> per formula, display ones as blocks; dollars as money stay text', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    // The margin copies of the notes are hidden from assistive technology: the list is theirs.
    const maths = [...doc.querySelectorAll('main math')].filter(
      (m) => !m.closest('[aria-hidden="true"]'),
    );
    expect(maths).toHaveLength(formulas(lang).length);
    const blocks = maths.filter((m) => m.getAttribute('display') === 'block');
    expect(blocks).toHaveLength(2);
    expect(maths.map((m) => m.querySelector('annotation')?.textContent)).toEqual(
      formulas(lang).map((m) => m.tex),
    );
    const prose = (doc.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' ');
    for (const money of ['$2 ', '$45', '$3 ', '$4.50', 'US$1', '$30']) {
      expect(prose).toContain(money);
    }
    // The formula in the list and the one in the note.
    expect(doc.querySelector('main li math msub')).not.toBeNull();
    expect(doc.querySelector('main .footnotes math mfrac')).not.toBeNull();
  });

  it('HTML: the Nu HTML Checker and axe-core report nothing', () => {
    expect(fixture.nu.get(file(lang, 'html'))?.findings).toEqual([]);
    expect(fixture.pages.get(file(lang, 'html'))?.violations).toEqual([]);
  });

  it('HTML: Chromium draws every formula with the shipped math face, no machine font', async () => {
    expect(await mathFonts(file(lang, 'html'))).toEqual([
      { name: 'STIXTwoMath-Regular', custom: true },
    ]);
  });

  it('EPUB: the chapter holds the MathML and its manifest item says so', async () => {
    const epub = await openEpub(file(lang, 'epub'));
    const item = epub.opf.querySelector('manifest item[id="text"]');
    expect(item?.getAttribute('properties')?.split(/\s+/)).toContain('mathml');
    const features = [...epub.opf.querySelectorAll('meta')]
      .filter((m) => m.getAttribute('property') === 'schema:accessibilityFeature')
      .map((m) => m.textContent?.trim());
    expect(features).toContain('MathML');
    const href = item?.getAttribute('href') ?? '';
    const chapter = xmlDocument(await epub.text(path.posix.join(path.dirname(epub.opfPath), href)));
    const maths = [...chapter.getElementsByTagName('math')];
    expect(maths).toHaveLength(formulas(lang).length);
    for (const math of maths) expect(math.getAttribute('xmlns')).toBe(MATHML);
  });

  it('EPUB: EPUBCheck and Ace report nothing', () => {
    const verdicts = fixture.epubVerdicts.get(file(lang, 'epub'));
    expect(verdicts?.epubcheck.findings).toEqual([]);
    expect(verdicts?.ace.findings).toEqual([]);
  });

  it('PDF: every font is embedded and shipped (STIX Two Math for the formulas)', async () => {
    const names = (await fonts(file(lang, 'pdf'))).map((f) => {
      expect(f.embedded, f.name).toBe(true);
      return f.name.replace(/^[A-Z]{6}\+/, '');
    });
    expect(names).toContain('STIXTwoMath-Regular');
    for (const name of names) expect(name).toMatch(/^(SourceSerif4|SourceCodePro|STIXTwoMath)-/);
  });

  it("PDF: the formulas' characters are in its text, and each formula is a figure with its TeX as alt text", async () => {
    const words = await pdfText(file(lang, 'pdf'));
    for (const c of ['𝑛', '∑', '⌈', '⌉', '≥', 'Δ', '𝑑']) expect(words).toContain(c);
    expect(words).toContain('US$1');
    const pdf = await readPdf(file(lang, 'pdf'));
    const alts = structElements(pdf)
      .filter((e) => e['/S'] === '/Figure')
      .map((e) => text(e['/Alt']));
    expect(alts).toEqual(formulas(lang).map((m) => m.tex.replace(/\s+/g, ' ').trim()));
  });
});

/** The fonts Chromium drew the formulas of a page with (CSS.getPlatformFontsForNode). */
async function mathFonts(file: string): Promise<{ name: string; custom: boolean }[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const found = await platformFonts(page, 'math *');
    return [...found].map(([name, { custom }]) => ({ name, custom }));
  } finally {
    await browser.close();
  }
}
