/**
 * Every PDF edition checked structurally the way a PDF/UA validator would (there is no
 * veraPDF here): tags, language, metadata and XMP, alt text, link descriptions, artifacts,
 * bookmarks, fonts, and the essay's text in reading order.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, loadArticle } from '../../src/article/load.js';
import { PAPERS, pageLayout } from '../../src/render/paper.js';
import { describeLinks } from '../../src/render/pdf/links.js';
import { typograph } from '../../src/typeset/typography.js';
import { ARTICLES, type ArticleName, editions } from '../helpers/editions.js';
import { htmlDocument, pdfText, squash, xmlDocument } from '../helpers/parse.js';
import {
  bodyText,
  type Dict,
  flatOutline,
  fonts,
  type PdfObjects,
  readPdf,
  structElements,
  structText,
  text,
  unmarkedContent,
} from './pdf-objects.js';
import { paragraphs, words } from './source-text.js';

const targets = (Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
  editions(name, 'pdf').map((edition) => ({ name, ...edition })),
);

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 builds on. */
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
);

const rtl = (lang: string) => /^(ar|he|fa|ur)(-|$)/.test(lang);
/** Bidi controls, which pdftotext puts around right-to-left runs and figures inside them. */
const unbidi = (text: string) => text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
/**
 * Chinese and Japanese have no spaces between words, and pdftotext splits an Arabic or Hebrew
 * word where its letters' boxes do not meet (and gives a mark before its letter): their text
 * is compared without spaces.
 */
const unspaced = (lang: string) => rtl(lang) || /^(zh|ja)(-|$)/.test(lang);

describe.each(targets)('PDF $name $lang', (target) => {
  let article: Article;
  let pdf: PdfObjects;
  let elements: Dict[];
  beforeAll(async () => {
    [article, pdf] = await Promise.all([loadArticle(ARTICLES[target.name]), readPdf(target.path)]);
    elements = structElements(pdf);
  });
  const source = () => {
    const found = article.editions.find((e) => e.lang === target.lang);
    if (!found) throw new Error(`no ${target.lang} source for ${target.path}`);
    return found;
  };
  const htmlEdition = () =>
    htmlDocument(editions(target.name, 'html').find((e) => e.lang === target.lang)?.path ?? '');

  it('is tagged, in the edition’s language, and shows its title', () => {
    expect(pdf.get(pdf.catalog['/MarkInfo'])).toMatchObject({ '/Marked': true });
    expect(elements.length).toBeGreaterThan(10);
    expect(text(pdf.catalog['/Lang'])).toBe(target.lang);
    expect(pdf.get(pdf.catalog['/ViewerPreferences'])).toMatchObject({ '/DisplayDocTitle': true });
  });

  it('has title, author, subject, keywords, creator and producer from the front matter', () => {
    const { meta } = source();
    const field = (key: string) => text(pdf.info[`/${key}`]);
    // Every string goes through the typographic pass (’ for ', – in ranges…).
    const typo = (s: string) => typograph(s, target.lang);
    expect(field('Title')).toBe(typo(meta.title));
    expect(field('Author')).toBe(meta.authors.map(typo).join(', '));
    expect(field('Subject')).toBe(typo(meta.description ?? ''));
    expect(field('Keywords')?.split(/,\s*/)).toEqual(meta.keywords.map(typo));
    expect(field('Creator')).toMatch(/\S/);
    expect(field('Producer')).toMatch(/\S/);
  });

  it('has XMP metadata with dc:title, dc:creator, dc:language and pdfuaid:part 1', () => {
    const { meta } = source();
    const xmp = pdf.stream(pdf.catalog['/Metadata']);
    expect(xmp?.dict).toMatchObject({ '/Type': '/Metadata', '/Subtype': '/XML' });
    const doc = xmlDocument(Buffer.from(xmp?.text ?? '', 'latin1').toString('utf8'));
    const items = (tag: string) =>
      Array.from(doc.getElementsByTagName(tag)).flatMap((e) =>
        Array.from(e.getElementsByTagName('rdf:li')).map((li) => li.textContent),
      );
    expect(items('dc:title')).toContain(meta.title);
    expect(items('dc:creator')).toEqual(meta.authors);
    expect(items('dc:language')).toEqual([target.lang]);
    expect(Array.from(doc.getElementsByTagName('pdfuaid:part')).map((e) => e.textContent)).toEqual([
      '1',
    ]);
  });

  it('uses standard structure types, or maps them to one', () => {
    const roleMap = (pdf.get((pdf.get(pdf.catalog['/StructTreeRoot']) as Dict)['/RoleMap']) ??
      {}) as Dict;
    const types = new Set(elements.map((e) => String(e['/S']).slice(1)));
    const unknown = [...types].filter(
      (t) => !STANDARD.has(t) && !STANDARD.has(String(roleMap[`/${t}`] ?? '').slice(1)),
    );
    expect(unknown).toEqual([]);
  });

  it('gives every /Figure the alt text of its image', () => {
    const figures = elements.filter((e) => e['/S'] === '/Figure');
    expect(figures.map((f) => text(f['/Alt']))).toEqual(
      source()
        .doc.images.filter((i) => !i.decorative)
        .map((i) => i.alt),
    );
  });

  /** Every /Link annotation of every page, with its indirect reference. */
  const linkAnnotations = () =>
    pdf.pages.flatMap((page) => {
      const node = pdf.get((page as { object?: string }).object) as Dict;
      const annots = (pdf.get(node['/Annots']) ?? []) as string[];
      return annots
        .map((ref) => ({ ref, annot: pdf.get(ref) as Dict }))
        .filter(({ annot }) => annot['/Subtype'] === '/Link');
    });

  it('gives every link annotation an alternate description, tagged under a /Link element', () => {
    const links = linkAnnotations();
    expect(links.filter(({ annot }) => !/\S/.test(text(annot['/Contents']) ?? ''))).toEqual([]);
    // PDF/UA 7.18.5: each link annotation is the /OBJR of a /Link element, its /StructParent set.
    const tagged = elements
      .filter((e) => e['/S'] === '/Link')
      .flatMap((e) => (Array.isArray(e['/K']) ? e['/K'] : [e['/K']]))
      .map((kid) => pdf.get(kid))
      .filter((kid): kid is Dict => !!kid && typeof kid === 'object' && !Array.isArray(kid))
      .filter((kid) => kid['/Type'] === '/OBJR')
      .map((kid) => kid['/Obj']);
    expect(links.map(({ ref }) => ref).sort()).toEqual([...tagged].sort());
    expect(links.filter(({ annot }) => typeof annot['/StructParent'] !== 'number')).toEqual([]);
  });

  it('links to the PDF edition of every other language, by its path from this one', () => {
    const here = path.dirname(target.path);
    const expected = editions(target.name, 'pdf')
      .filter((e) => e.lang !== target.lang)
      .map((e) => path.relative(here, e.path).split(path.sep).join('/'));
    expect(expected.length).toBeGreaterThan(0);
    const actions = linkAnnotations().map(({ annot }) => pdf.get(annot['/A']) as Dict | undefined);
    const files = actions
      .filter((action) => action?.['/S'] === '/GoToR')
      .map((action) => text((pdf.get(action?.['/F']) as Dict)['/UF']) ?? '');
    expect([...new Set(files)]).toEqual(expected);
    for (const file of files) expect(existsSync(path.resolve(here, file))).toBe(true);
    // Every go-to-remote opens the other edition at its first page.
    expect(actions.filter((a) => a?.['/S'] === '/GoToR').map((a) => pdf.get(a?.['/D']))).toEqual(
      files.map(() => [0, '/Fit']),
    );
    // No link is left at the stand-in address the print page used.
    expect(JSON.stringify(actions)).not.toContain('build-article.invalid');
  });

  it('describes each footnote reference by the text it shows', async () => {
    const html = await htmlEdition();
    // Chromium links a reference to its note by a named destination, the note's id.
    const expected = Array.from(html.querySelectorAll('.footnote-ref a')).map((a) => ({
      dest: `/${(a.getAttribute('href') ?? '').slice(1)}`,
      contents: (a.textContent ?? '').trim(),
    }));
    const found = linkAnnotations()
      .filter(({ annot }) => /^\/fn\d+$/.test(String(annot['/Dest'])))
      .map(({ annot }) => ({ dest: annot['/Dest'], contents: text(annot['/Contents']) }));
    expect(found).toEqual(expected);
    if (target.name === 'second') expect(found.map((f) => f.contents)).toEqual(['1', '2', '3']);
  });

  it('marks running headers, footers and page numbers as artifacts, outside the reading structure', async () => {
    const pages = pdf.pages.map((page, index) => {
      const content = page.contents.map((ref) => pdf.stream(ref)?.text ?? '').join('\n');
      const { unmarked, artifacts } = unmarkedContent(content);
      return { page: index + 1, unmarked: unmarked.join(' '), hasArtifacts: artifacts > 0 };
    });
    expect(pages).toEqual(pages.map(({ page }) => ({ page, unmarked: '', hasArtifacts: true })));
    // poppler prints the tagged text without the spaces Chromium leaves out at line ends.
    // Without spaces, and without the hyphens of words broken at a line's end.
    const bare = (s: string) => s.replace(/[\s\u00ad-]+/g, '');
    const tagged = bare(await structText(target.path));
    // poppler gives the tagged text of a right-to-left line in the order it is drawn, in
    // pieces: what is tagged is read for left-to-right languages only (pdftotext's own
    // reading of the right-to-left text is checked below and in e2e/scripts.test.ts).
    if (rtl(target.lang)) return;
    expect(tagged).toContain(bare(source().meta.title));
    // The running head above every page but the first is not tagged text: the author is
    // tagged as often as the HTML edition's page shows the name (in the byline).
    const html = await htmlEdition();
    const shown = bare(html.querySelector('main')?.textContent ?? '');
    const author = bare(typograph(source().meta.authors.join(', '), target.lang));
    const count = (s: string) => s.split(author).length - 1;
    expect(count(shown)).toBeGreaterThan(0);
    expect(count(tagged)).toBe(count(shown));
  });

  it('runs the author and title above every page but the first, and a plain folio below every page', async () => {
    const count = pdf.pages.length;
    expect(count).toBeGreaterThan(1);
    const pages = unbidi(await pdfText(target.path, { layout: true }))
      .split('\f')
      .slice(0, count);
    // The author's name is set in capitals, where the lines start: at the right, after the
    // title, in a right-to-left language.
    const { authors, title } = source().meta;
    const head = squash(
      rtl(target.lang) ? `${title} ${authors.join(', ')}` : `${authors.join(', ')} ${title}`,
    ).toLowerCase();
    const flat = (text: string) =>
      unspaced(target.lang) ? text.replace(/\s+/g, '') : squash(text).toLowerCase();
    const running = pages.map((text, index) => ({
      head: flat(text).toLowerCase().startsWith(flat(head)),
      folio: squash(text).endsWith(String(index + 1)),
    }));
    expect(running).toEqual(pages.map((_, index) => ({ head: index > 0, folio: true })));
    // The first page opens with the title block.
    expect(flat(pages[0] ?? '').startsWith(flat(title))).toBe(true);
  });

  it('has one bookmark per heading, titled exactly as the heading reads', async () => {
    const html = await htmlEdition();
    // The PDF sets the notes at the foot of their pages, without the HTML's "Notes" heading.
    const headings = Array.from(html.querySelectorAll('h1, h2, h3, h4, h5, h6'))
      .filter((h) => h.id !== 'footnotes-title')
      .map((h) => squash(h.textContent ?? ''));
    expect(headings.length).toBeGreaterThan(1);
    expect(flatOutline(pdf.outlines)).toEqual(headings);
  });

  it('embeds every font', async () => {
    const used = await fonts(target.path);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((f) => !f.embedded)).toEqual([]);
  });

  /**
   * The text inside the page's margins. poppler reading a part of an Arabic page drops a letter
   * here and there (the ن of قرنًا); there the whole page is read, less the running head's
   * lines and the folios.
   */
  const essayText = async (): Promise<string> => {
    if (!/^(ar|fa|ur)(-|$)/.test(target.lang)) return bodyText(target.path, pageMargins());
    const { authors, title } = source().meta;
    const bare = (text: string) => text.replace(/\s+/g, '').toLowerCase();
    const running = new Set([bare(title), bare(authors.join(', '))]);
    return unbidi(await pdfText(target.path))
      .split('\n')
      .filter((line) => !/^\s*\d*\s*$/.test(line) && !running.has(bare(line)))
      .join('\n');
  };

  it('gives the essay’s paragraphs and its notes intact and in reading order to pdftotext', async () => {
    const comparable = (text: string) => (unspaced(target.lang) ? text.replace(/ /g, '') : text);
    const extracted = comparable(words(await essayText()));
    const inOrder = (found: string[]) => {
      const expected = found.map(comparable);
      let from = 0;
      const missing: string[] = [];
      for (const paragraph of expected) {
        const at = extracted.indexOf(paragraph, from);
        if (at < 0) missing.push(paragraph);
        else from = at + paragraph.length;
      }
      return missing;
    };
    // The notes sit at the foot of their pages, between the paragraphs: each sequence is
    // read in order on its own.
    const body = paragraphs(source().doc);
    expect(body.length).toBeGreaterThan(3);
    expect(inOrder(body)).toEqual([]);
    expect(inOrder(paragraphs(source().doc, { notes: true }))).toEqual([]);
  });
});

describe('link descriptions without tagged link text', () => {
  it('fall back to the URI, or to the page a destination lies on', async () => {
    const pdf = await PDFDocument.create();
    const [first, second] = [pdf.addPage(), pdf.addPage()];
    const annots = [
      {
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        A: { S: 'URI', URI: PDFString.of('https://example.org/a') },
      },
      { Type: 'Annot', Subtype: 'Link', Rect: [0, 20, 10, 30], Dest: [second.ref, 'Fit'] },
      {
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 40, 10, 50],
        Dest: [first.ref, 'Fit'],
        Contents: PDFHexString.fromText('Kept'),
      },
    ].map((annot) => pdf.context.register(pdf.context.obj(annot)));
    first.node.set(PDFName.of('Annots'), pdf.context.obj(annots));
    describeLinks(pdf, 'Pagina');
    const contents = annots.map((ref) => {
      const value = pdf.context.lookupMaybe(ref, PDFDict)?.get(PDFName.of('Contents'));
      return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : '';
    });
    expect(contents).toEqual(['https://example.org/a', 'Pagina 2', 'Kept']);
  });
});

/** The top and bottom page margins of the shipped print stylesheet's @page rule, in mm. */
/** The margins of the editions the tests build: A4, laid out by paper.ts. */
function pageMargins(): { top: number; bottom: number } {
  const { top, bottom } = pageLayout(PAPERS.a4);
  return { top, bottom };
}
