/**
 * A link written to another language's file (`it.md#tram`) reaches that language's edition
 * in each format: its page and anchor in HTML, its PDF from a PDF; in the EPUB, a book on
 * its own, only the text stays. Built with the real CLI and read back by parsing.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, type PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, front, makeArticle, PNG } from '../bad-input/helpers.js';
import { htmlDocument, openEpub, xmlDocument } from '../helpers/parse.js';

let out: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  const cwd = await makeArticle({
    'en.md': `${front('Trams')}\nRead it [in Italian](it.md#il-tram), [from the start](it.md) or [here](en.md#trams).\n\n## Trams\n\n![A tram on the old bridge](images/tram.png)\n`,
    'it.md': `${front('Tram')}\nLeggi [in inglese](en.md#trams).\n\n## Il tram\n\n![Un tram sul ponte vecchio](images/tram.png)\n`,
    'images/tram.png': PNG,
  });
  const run = await cli(cwd, ['article', '-o', 'out', '--json']);
  expect(run.code, run.stderr).toBe(0);
  out = path.join(cwd, 'out');
  for (const file of await readdir(out, { recursive: true })) {
    const match = /^(en|it)\/[^/]+\.(html|pdf|epub)$/.exec(file);
    if (match) files[`${match[1]}.${match[2]}`] = path.join(out, file);
  }
}, 120_000);

const linkTo = (doc: Document, text: string) =>
  [...doc.querySelectorAll('a')].find((a) => a.textContent === text);

describe('links between editions', () => {
  it('HTML: to the other page and its anchor, which exists there; to this page at an anchor', async () => {
    const en = await htmlDocument(files['en.html'] ?? '');
    const href = linkTo(en, 'in Italian')?.getAttribute('href') ?? '';
    const [page, anchor] = href.split('#');
    expect(path.resolve(path.dirname(files['en.html'] ?? ''), page ?? '')).toBe(files['it.html']);
    const it = await htmlDocument(files['it.html'] ?? '');
    expect(anchor).toBe('il-tram');
    expect(it.getElementById(anchor ?? '')?.tagName).toBe('H2');
    expect(linkTo(en, 'from the start')?.getAttribute('href')).toBe(page);
    expect(linkTo(en, 'here')?.getAttribute('href')).toBe('#trams');
    expect(en.getElementById('trams')).not.toBeNull();
    expect(linkTo(it, 'in inglese')?.getAttribute('href')).toMatch(
      /^\.\.\/en\/[a-z-]+\.html#trams$/,
    );
  });

  it('EPUB: the text without a link to a file the book does not hold', async () => {
    const epub = await openEpub(files['en.epub'] ?? '');
    const chapters = Object.keys(epub.zip.files).filter((name) => /\.xhtml$/.test(name));
    const texts = await Promise.all(chapters.map((name) => epub.text(name)));
    const doc = xmlDocument(texts.find((t) => t.includes('in Italian')) ?? '');
    const link = linkTo(doc, 'in Italian');
    expect(link).toBeDefined();
    expect(link?.hasAttribute('href')).toBe(false);
    expect(linkTo(doc, 'here')?.getAttribute('href')).toBe('#trams');
  });

  it('PDF: a go-to-remote action that opens the Italian PDF; no link to it.md is left', async () => {
    const pdf = await PDFDocument.load(await readFile(files['en.pdf'] ?? ''));
    const targets: string[] = [];
    for (const page of pdf.getPages()) {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (const ref of annots?.asArray() ?? []) {
        const action = pdf.context.lookupMaybe(ref, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict);
        const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString);
        const file = action?.lookupMaybe(PDFName.of('F'), PDFDict)?.lookup(PDFName.of('UF')) as
          | PDFHexString
          | undefined;
        targets.push(uri?.decodeText() ?? file?.decodeText() ?? '');
      }
    }
    const italian = path.relative(path.dirname(files['en.pdf'] ?? ''), files['it.pdf'] ?? '');
    expect(targets.filter((t) => t === italian).length).toBeGreaterThanOrEqual(3);
    expect(targets.join(' ')).not.toMatch(/it\.md|build-article\.invalid/);
  });
});
