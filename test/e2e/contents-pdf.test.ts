/**
 * The PDF's printed contents list: each entry with the page its heading is printed on (as
 * pdftotext reads the pages), a link to that heading, tagged, the bookmarks as before; and
 * no list where the article has few sections or refuses one.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editions as globalEditions, type ReportedEdition } from '../helpers/editions.js';
import { htmlDocument } from '../helpers/parse.js';
import {
  type Dict,
  flatOutline,
  readPdf,
  structElements,
  unmarkedContent,
} from '../validators/pdf-objects.js';
import {
  type Built,
  buildCases,
  CONTENTS_HEADING,
  type Entry,
  flat,
  sectionsOf,
  squash,
} from './contents-editions.js';

const run = promisify(execFile);

let built: Built;
beforeAll(async () => {
  built = await buildCases('html,pdf');
});
afterAll(() => built?.remove());

/** Each page's text as pdftotext reads that page alone, whitespace squashed. */
async function pageTexts(file: string): Promise<string[]> {
  const { stdout } = await run('pdfinfo', [file]);
  const count = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
  const texts: string[] = [];
  for (let page = 1; page <= count; page++) {
    const one = await run('pdftotext', [
      '-enc',
      'UTF-8',
      '-f',
      `${page}`,
      '-l',
      `${page}`,
      file,
      '-',
    ]);
    texts.push(squash(one.stdout));
  }
  return texts;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text as a whole phrase: not inside a longer word, not followed by an apostrophe. */
const phrase = (text: string) => new RegExp(`(?<![\\p{L}])${literal(text)}(?![\\p{L}’'])`, 'gu');

/** The sections the PDF edition's page holds, from the HTML edition of the same build. */
async function sections(pdf: ReportedEdition): Promise<Entry[]> {
  const html = built.editions(pdf.path.includes('/asked-out/') ? 'asked' : 'contents', 'html');
  const page = await htmlDocument(html.find((e) => e.lang === pdf.lang)?.path ?? '');
  const essay = page.querySelector('.essay');
  if (!essay) throw new Error(`no essay for ${pdf.path}`);
  return flat(sectionsOf(essay, (id) => id));
}

/** Every link annotation's named destination and the page (from 1) it leads to. */
async function links(file: string) {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const look = (o: PDFObject | undefined) => (o instanceof PDFRef ? pdf.context.lookup(o) : o);
  const pages = pdf.getPages();
  const dests = look(pdf.catalog.get(PDFName.of('Dests')));
  return pages.flatMap((page, index) => {
    const annots = look(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return [];
    return annots.asArray().flatMap((ref) => {
      const annot = look(ref);
      const dest = annot instanceof PDFDict ? annot.get(PDFName.of('Dest')) : undefined;
      if (!(dest instanceof PDFName) || !(dests instanceof PDFDict) || !(annot instanceof PDFDict))
        return [];
      const target = look(dests.get(dest));
      const targetPage = target instanceof PDFArray ? target.get(0) : undefined;
      return [
        {
          on: index + 1,
          name: dest.decodeText(),
          to: pages.findIndex((p) => p.ref === targetPage) + 1,
          tagged: annot.has(PDFName.of('StructParent')),
        },
      ];
    });
  });
}

const withList = () => [...built.editions('contents', 'pdf'), ...built.editions('asked', 'pdf')];

/**
 * What the printed list says and where the headings are: for each section in order, the
 * page number its entry shows and the pages its heading is printed on (besides the list).
 */
async function printedList(pdf: ReportedEdition) {
  const pages = await pageTexts(pdf.path);
  const heading = CONTENTS_HEADING[pdf.lang] ?? '';
  const at = pages.findIndex((text) => phrase(heading).test(text));
  const list = at < 0 ? '' : (pages[at] ?? '').slice((pages[at] ?? '').search(phrase(heading)));
  let from = 0;
  return (await sections(pdf)).map(({ href: id, text }) => {
    // Entries in order, each followed by its page number.
    const found = new RegExp(`${literal(text)} (\\d+)`, 'u').exec(list.slice(from));
    from += (found?.index ?? 0) + (found?.[0].length ?? 0);
    const shownOn = pages.flatMap((page, index) => {
      const times = page.match(phrase(text))?.length ?? 0;
      return times - (index === at ? 1 : 0) > 0 ? [index + 1] : [];
    });
    return { id, text, listed: found ? Number(found[1]) : undefined, shownOn };
  });
}

describe('the PDF edition with a contents list', () => {
  it('lists every section with the page pdftotext finds its heading on', async () => {
    expect(withList()).toHaveLength(4);
    for (const pdf of withList()) {
      const entries = await printedList(pdf);
      expect(entries.length).toBeGreaterThanOrEqual(4);
      // More than one page is listed: the numbers are not all the first page's.
      expect(new Set(entries.map((e) => e.listed)).size).toBeGreaterThan(1);
      for (const { text, listed, shownOn } of entries) {
        expect(listed, `${pdf.path}: ${text}`).toBeDefined();
        expect(shownOn, `${pdf.path}: ${text}`).toEqual([listed]);
      }
    }
  });

  it('links each entry to its heading, tagged, and keeps one bookmark per heading', async () => {
    for (const pdf of withList()) {
      const entries = await printedList(pdf);
      const found = await links(pdf.path);
      const listPage = found.find((l) => l.name === entries[0]?.id)?.on;
      expect(
        entries.map(({ id }) => found.find((l) => l.name === id && l.on === listPage)),
      ).toEqual(
        entries.map(({ id, listed }) => ({ on: listPage, name: id, to: listed, tagged: true })),
      );
      const objects = await readPdf(pdf.path);
      const outline = flatOutline(objects.outlines);
      expect(outline.filter((t) => entries.some((e) => e.text === t))).toEqual(
        entries.map((e) => e.text),
      );
      // The list is a tagged list, and the leaders are drawn as tagged content or artifacts.
      const types = structElements(objects).map((e: Dict) => e['/S']);
      expect(types.filter((t) => t === '/LI').length).toBeGreaterThanOrEqual(entries.length);
      const unmarked = objects.pages.map(
        (page) =>
          unmarkedContent(page.contents.map((ref) => objects.stream(ref)?.text ?? '').join('\n'))
            .unmarked.length,
      );
      expect(unmarked).toEqual(unmarked.map(() => 0));
    }
  });
});

describe('a PDF edition without a contents list', () => {
  it('has none with few sections or toc: false, and its bookmarks are its headings', async () => {
    const files = [
      ...built.editions('refused', 'pdf'),
      ...globalEditions('article', 'pdf'),
      ...globalEditions('second', 'pdf'),
    ];
    expect(files).toHaveLength(6);
    for (const pdf of files) {
      const heading = CONTENTS_HEADING[pdf.lang] ?? '';
      const outline = flatOutline((await readPdf(pdf.path)).outlines);
      expect(outline, pdf.path).not.toContain(heading);
      const first = (await pageTexts(pdf.path))[0] ?? '';
      expect(first.match(phrase(heading)), pdf.path).toBeNull();
    }
  });
});
