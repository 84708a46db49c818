/**
 * Citations and cross-references (issue 15, points 3 and 5): test/fixtures/cite-article, in
 * English and Italian, built in all three formats with the real CLI and read back: the HTML
 * parsed and through vnu and axe, the EPUB unzipped and through EPUBCheck and Ace, the PDF's
 * outline read with qpdf and its link annotations with pdf-lib, each followed to the page
 * it opens, whose text pdftotext reads.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlDocument, openEpub, xmlDocument } from '../helpers/parse.js';
import {
  type FixtureEdition,
  type ValidatedFixture,
  validatedFixture,
} from '../helpers/validated-fixture.js';
import { readPdf } from '../validators/pdf-objects.js';

const run = promisify(execFile);

let fixture: ValidatedFixture;

beforeAll(async () => {
  fixture = await validatedFixture('cite-article');
});

const file = (lang: string, format: FixtureEdition['format']) => fixture.file(lang, format);

const WORDS = {
  en: { heading: 'References', figure: 'Figure 1', table: 'Table 1', equation: 'Equation 1' },
  it: { heading: 'Bibliografia', figure: 'Figura 1', table: 'Tabella 1', equation: 'Equazione 1' },
} as const;
/** The CSL locale's abbreviation of "page" and "pages", in each language. */
const PAGE = { en: 'p.', it: 'pag.' } as const;
const PAGES = { en: 'pp.', it: 'pagg.' } as const;
/** The words the fixture writes after a locator, pandoc's suffix. */
const PASSIM = { en: 'and passim', it: 'e passim' } as const;
/** The entry each work in the fixture's citations links to, in reading order. */
const TARGETS = [
  'ref-lynch1960',
  'ref-lynch1960',
  'ref-gehl2010',
  'ref-jacobs1958',
  'ref-jacobs1958',
  'ref-jacobs1958',
  'ref-gehl2010',
  'ref-lynch1960',
];
const KEYS = ['gehl2010', 'jacobs1958', 'lynch1960'];
/** The words the fixture writes before two of the works it cites together (APA sorts them). */
const BEFORE = { en: ['also', 'see'], it: ['anche', 'vedi'] } as const;

describe.each(['en', 'it'] as const)('citation article, %s', (lang) => {
  it('HTML: each citation as APA writes it, every work linked to its entry', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    const citations = [...doc.querySelectorAll('main .citation')].map((c) =>
      (c.textContent ?? '').replace(/\s+/g, ' '),
    );
    expect(citations).toEqual([
      '(Lynch, 1960)',
      `(Lynch, 1960, ${PAGE[lang]} 47)`,
      `(${BEFORE[lang][0]} Gehl, 2010; ${BEFORE[lang][1]} Jacobs, 1958)`,
      `Jacobs (1958, ${PAGE[lang]} 29)`,
      '(2010)',
      `(Lynch, 1960, ${PAGES[lang]} 62–64, ${PASSIM[lang]})`,
    ]);
    // The body's typographic pass reaches what the style writes: a page stays with its "p.".
    const written = [...doc.querySelectorAll('main .citation')].map((c) => c.textContent ?? '');
    expect(written[1]).toContain(`${PAGE[lang]}\u00a047`);
    expect(written[5]).toContain(`${PAGES[lang]}\u00a062–64`);
    const targets = [...doc.querySelectorAll('main .citation a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(targets).toEqual(TARGETS.map((name) => `#${name}`));
    for (const target of new Set(targets)) {
      expect(doc.querySelector(`.references li[id="${target?.slice(1)}"]`)).not.toBeNull();
    }
  });

  it('HTML: the bibliography is the last section, under its heading in the language', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    const section = doc.querySelector('main section.bibliography');
    expect(section?.querySelector('h2')?.textContent).toBe(WORDS[lang].heading);
    expect([...(section?.querySelectorAll('li') ?? [])].map((li) => li.id)).toEqual(
      KEYS.map((k) => `ref-${k}`),
    );
    expect(section?.querySelector('#ref-lynch1960 em')?.textContent).toBe('The Image of the City');
    const headings = [...doc.querySelectorAll('main h2')].map((h) => h.textContent);
    expect(headings.at(-1)).toBe(WORDS[lang].heading);
  });

  it('HTML: references read "Figure 1", "Table 1", "Equation 1" in the language, linked', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    // The number is kept with its word by a no-break space.
    const spaced = (text: string | null | undefined) => (text ?? '').replace(/\u00a0/g, ' ');
    const refs = [...doc.querySelectorAll('main a.xref')].map((a) => {
      expect(a.textContent).toContain('\u00a0');
      return [spaced(a.textContent), a.getAttribute('href')];
    });
    const words = WORDS[lang];
    expect(refs).toEqual([
      [words.figure, '#fig:map'],
      [words.table, '#tbl:districts'],
      [words.equation, '#eq:walk'],
    ]);
    expect(spaced(doc.querySelector('figure[id="fig:map"] figcaption')?.textContent)).toMatch(
      new RegExp(`^${words.figure}: `),
    );
    expect(spaced(doc.querySelector('table[id="tbl:districts"] caption')?.textContent)).toBe(
      words.table,
    );
    const equation = doc.querySelector('[id="eq:walk"]');
    expect(equation?.querySelector('math')).not.toBeNull();
    expect(equation?.querySelector('.equation-number')?.textContent).toBe('(1)');
  });

  it('HTML: the Nu HTML Checker and axe-core report nothing', () => {
    expect(fixture.nu.get(file(lang, 'html'))?.findings).toEqual([]);
    expect(fixture.pages.get(file(lang, 'html'))?.violations).toEqual([]);
  });

  it('EPUB: the bibliography is in the chapter and in the navigation; EPUBCheck and Ace report nothing', async () => {
    const epub = await openEpub(file(lang, 'epub'));
    const href = epub.opf.querySelector('manifest item[id="text"]')?.getAttribute('href') ?? '';
    const chapter = xmlDocument(await epub.text(path.posix.join(path.dirname(epub.opfPath), href)));
    const links = [...chapter.getElementsByTagName('a')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((h) => h.startsWith('#ref-'));
    expect(links).toEqual(TARGETS.map((name) => `#${name}`));
    for (const link of links) expect(chapter.getElementById(link.slice(1))).not.toBeNull();
    const nav = epub.opf.querySelector('manifest item[properties~="nav"]')?.getAttribute('href');
    const toc = await epub.text(path.posix.join(path.dirname(epub.opfPath), nav ?? ''));
    const entries = [...xmlDocument(toc).getElementsByTagName('a')].map((a) => a.textContent);
    expect(entries).toContain(WORDS[lang].heading);
    const verdicts = fixture.epubVerdicts.get(file(lang, 'epub'));
    expect(verdicts?.epubcheck.findings).toEqual([]);
    expect(verdicts?.ace.findings).toEqual([]);
  });

  it('PDF: the outline lists the bibliography', async () => {
    const pdf = await readPdf(file(lang, 'pdf'));
    const titles = pdf.outlines.flatMap(function flat(o): string[] {
      return [o.title, ...o.kids.flatMap(flat)];
    });
    expect(titles.at(-1)).toBe(WORDS[lang].heading);
  });

  it('PDF: each citation is a link to its entry, on the page where the entry is printed', async () => {
    const pdf = await PDFDocument.load(await readFile(file(lang, 'pdf')), {
      updateMetadata: false,
    });
    const links = citationLinks(pdf);
    // A link that wraps to the next line is two annotations: runs of one target are one.
    const runs = (names: string[]) => names.filter((name, i) => name !== names[i - 1]);
    expect(runs(links.map((l) => l.name))).toEqual(runs(TARGETS));
    expect(links.length).toBeGreaterThanOrEqual(TARGETS.length);
    const entries: Record<string, string> = {
      'ref-lynch1960': 'Lynch, K. (1960)',
      'ref-jacobs1958': 'Jacobs, J. (1958)',
      'ref-gehl2010': 'Gehl, J. (2010)',
    };
    for (const link of links) {
      expect(link.page, link.name).toBeGreaterThanOrEqual(0);
      const { stdout } = await run('pdftotext', [
        ...['-f', String(link.page + 1), '-l', String(link.page + 1)],
        ...['-enc', 'UTF-8', file(lang, 'pdf'), '-'],
      ]);
      expect(stdout).toContain(entries[link.name]);
    }
  });
});

/** The PDF's links to a bibliography entry: the named destination and the page it opens. */
function citationLinks(pdf: PDFDocument): { name: string; page: number }[] {
  const lookup = (object: PDFObject | undefined) =>
    object instanceof PDFRef ? pdf.context.lookup(object) : object;
  const pageRefs = pdf.getPages().map((page) => page.ref);
  const dests = namedDestinations(pdf);
  return pdf.getPages().flatMap((page) => {
    const annots = lookup(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return [];
    return annots
      .asArray()
      .map((ref) => lookup(ref))
      .filter((a): a is PDFDict => a instanceof PDFDict)
      .filter((a) => a.get(PDFName.of('Subtype')) === PDFName.of('Link'))
      .map((a) => nameOf(lookup(a.get(PDFName.of('Dest')))))
      .filter((name): name is string => name?.startsWith('ref-') === true)
      .map((name) => {
        const target = dests.get(name);
        const first = target instanceof PDFArray ? target.get(0) : undefined;
        return { name, page: first instanceof PDFRef ? pageRefs.indexOf(first) : -1 };
      });
  });
}

function nameOf(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFName) return object.decodeText().replace(/^\//, '');
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  return undefined;
}

/** The catalog's /Dests dictionary and /Names /Dests tree, as one map. */
function namedDestinations(pdf: PDFDocument): Map<string, PDFObject | undefined> {
  const lookup = (object: PDFObject | undefined) =>
    object instanceof PDFRef ? pdf.context.lookup(object) : object;
  const found = new Map<string, PDFObject | undefined>();
  const dests = lookup(pdf.catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) {
      const dest = lookup(value);
      const array = dest instanceof PDFDict ? lookup(dest.get(PDFName.of('D'))) : dest;
      found.set(nameOf(key) ?? '', array);
    }
  }
  const visit = (node: PDFObject | undefined): void => {
    const dict = lookup(node);
    if (!(dict instanceof PDFDict)) return;
    const names = lookup(dict.get(PDFName.of('Names')));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        found.set(nameOf(lookup(names.get(i))) ?? '', lookup(names.get(i + 1)));
      }
    }
    const kids = lookup(dict.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) visit(kid);
  };
  const tree = lookup(pdf.catalog.get(PDFName.of('Names')));
  if (tree instanceof PDFDict) visit(tree.get(PDFName.of('Dests')));
  return found;
}
