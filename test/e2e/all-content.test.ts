/**
 * Every kind of rich content in one article (issue 15): test/fixtures/all-content, in English
 * and Italian, holds formulas (one labelled), highlighted code in two languages, citations of
 * a BibTeX bibliography, callouts holding a citation, a formula and code, a labelled figure
 * and table and references to all three, and a footnote. Built in all three formats with the
 * real CLI and read back: the HTML parsed and through vnu and axe, the EPUB through
 * EPUBCheck and Ace, the PDF's fonts, text, outline and structure tree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlDocument, pdfText } from '../helpers/parse.js';
import {
  type FixtureEdition,
  type ValidatedFixture,
  validatedFixture,
} from '../helpers/validated-fixture.js';
import { fonts, readPdf, structElements, text } from '../validators/pdf-objects.js';

const WORDS = {
  en: {
    references: 'References',
    figure: 'Figure 1',
    table: 'Table 1',
    equation: 'Equation 1',
    callouts: ['Note', 'Warning'],
  },
  it: {
    references: 'Bibliografia',
    figure: 'Figura 1',
    table: 'Tabella 1',
    equation: 'Equazione 1',
    callouts: ['Nota', 'Attenzione'],
  },
} as const;

let fixture: ValidatedFixture;

beforeAll(async () => {
  fixture = await validatedFixture('all-content');
});

const file = (lang: string, format: FixtureEdition['format']) => fixture.file(lang, format);

describe.each(['en', 'it'] as const)('all-content article, %s', (lang) => {
  it('builds all three formats', () => {
    expect(
      fixture.built
        .filter((e) => e.lang === lang)
        .map((e) => e.format)
        .sort(),
    ).toEqual(['epub', 'html', 'pdf']);
  });

  it('HTML: math, highlighting, citations, callouts and references work together', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    // The callout holds its citation (linked to its entry) and its formula as MathML.
    const note = doc.querySelector('.callout-note');
    expect(note?.querySelector('.callout-title')?.textContent).toBe(WORDS[lang].callouts[0]);
    expect(note?.querySelector('.citation a')?.getAttribute('href')).toBe('#ref-gehl2010');
    expect(note?.querySelector('math')).not.toBeNull();
    const warning = doc.querySelector('.callout-warning');
    expect(warning?.querySelector('.callout-title')?.textContent).toBe(WORDS[lang].callouts[1]);
    expect(warning?.querySelector('code')?.textContent).toBe('reach(7.5)');
    // Code blocks highlighted (coloured spans), each in its language.
    const blocks = [...doc.querySelectorAll('pre.shiki')];
    expect(blocks).toHaveLength(2);
    for (const block of blocks)
      expect(block.querySelectorAll('span[style]').length).toBeGreaterThan(5);
    // Cross-references read in the edition's language and lead to what they name.
    const refs = [...doc.querySelectorAll('a.xref')].map((a) => [
      (a.textContent ?? '').replace(/\s+/g, ' '),
      a.getAttribute('href') ?? '',
    ]);
    expect(refs.map(([words]) => words)).toEqual([
      WORDS[lang].equation,
      WORDS[lang].figure,
      WORDS[lang].table,
    ]);
    for (const [, href] of refs) expect(doc.getElementById((href ?? '').slice(1))).not.toBeNull();
    // Every citation links to an entry of the bibliography, which closes the text.
    const entries = [...doc.querySelectorAll('.references li')].map((li) => li.id);
    expect(entries).toEqual(['ref-gehl2010', 'ref-jacobs1958', 'ref-lynch1960']);
    for (const a of doc.querySelectorAll('.citation a'))
      expect(entries).toContain(a.getAttribute('href')?.slice(1));
    expect(doc.querySelector('.bibliography h2')?.textContent).toBe(WORDS[lang].references);
  });

  it('HTML: the Nu HTML Checker and axe-core report nothing', () => {
    expect(fixture.nu.get(file(lang, 'html'))?.findings).toEqual([]);
    expect(fixture.pages.get(file(lang, 'html'))?.violations).toEqual([]);
  });

  it('EPUB: EPUBCheck and Ace report nothing', () => {
    const verdicts = fixture.epubVerdicts.get(file(lang, 'epub'));
    expect(verdicts?.epubcheck.findings).toEqual([]);
    expect(verdicts?.ace.findings).toEqual([]);
  });

  it('PDF: shipped fonts only; formulas as figures with their TeX; the bibliography in the outline', async () => {
    const names = (await fonts(file(lang, 'pdf'))).map((f) => {
      expect(f.embedded, f.name).toBe(true);
      return f.name.replace(/^[A-Z]{6}\+/, '');
    });
    // @fontsource's regular Source Code Pro calls itself "SourceCodeProExtraLight-Regular".
    for (const name of names)
      expect(name).toMatch(/^(SourceSerif4-|SourceCodePro(ExtraLight)?-|STIXTwoMath-)/);
    expect(names).toContain('STIXTwoMath-Regular');
    const pdf = await readPdf(file(lang, 'pdf'));
    const alts = structElements(pdf)
      .filter((e) => e['/S'] === '/Figure')
      .map((e) => text(e['/Alt']));
    for (const tex of ['t', 'v', 'd = v \\cdot t']) expect(alts).toContain(tex);
    const titles = pdf.outlines.flatMap(function flat(o): string[] {
      return [o.title, ...o.kids.flatMap(flat)];
    });
    expect(titles.at(-1)).toBe(WORDS[lang].references);
    const words = await pdfText(file(lang, 'pdf'));
    for (const w of [
      WORDS[lang].figure,
      WORDS[lang].table,
      'reach(7.5)',
      'minutes_to',
      '(Lynch, 1960)',
    ])
      expect(words).toContain(w);
  });
});
