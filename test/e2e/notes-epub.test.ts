/**
 * EPUB notes as reading systems look for them: each reference an `a` marked
 * epub:type="noteref" that leads to an `aside` marked epub:type="footnote" and
 * role="doc-footnote", whose first thing is the way back to the reference, every note
 * after the text under its language's heading, as many of each as the Markdown has; and
 * the notes article, whose notes take every shape, through EPUBCheck and Ace.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEpub, squash, xmlDocument } from '../helpers/parse.js';
import { ace, epubcheck } from '../helpers/validators.js';
import {
  buildNotesArticle,
  markdownNotes,
  type NotesEdition,
  sharedEditions,
} from './notes-fixture.js';

const notesArticle = await buildNotesArticle('epub');
afterAll(() => notesArticle.remove());

const typeOf = (el: Element) => (el.getAttribute('epub:type') ?? '').split(/\s+/);

/** The EPUB's content documents in reading order (the navigation document aside). */
async function contentDocuments(file: string): Promise<Document[]> {
  const epub = await openEpub(file);
  const dir = path.posix.dirname(epub.opfPath);
  const items = new Map(
    [...epub.opf.querySelectorAll('manifest > item')].map((i) => [i.getAttribute('id'), i]),
  );
  const docs: Document[] = [];
  for (const ref of epub.opf.querySelectorAll('spine > itemref')) {
    const item = items.get(ref.getAttribute('idref'));
    if (!item || (item.getAttribute('properties') ?? '').includes('nav')) continue;
    docs.push(xmlDocument(await epub.text(path.posix.join(dir, item.getAttribute('href') ?? ''))));
  }
  return docs;
}

function checkNotes(doc: Document, lang: string, heading: string) {
  const links = [...doc.querySelectorAll('a')];
  const byId = new Map([...doc.querySelectorAll('[id]')].map((e) => [e.getAttribute('id'), e]));
  const target = (a: Element) => byId.get((a.getAttribute('href') ?? '').replace(/^#/, ''));
  const noterefs = links.filter((a) => typeOf(a).includes('noteref'));
  const asides = [...doc.querySelectorAll('aside')].filter((a) => typeOf(a).includes('footnote'));
  for (const ref of noterefs) {
    const note = target(ref);
    expect(note?.localName, `${ref.getAttribute('href')} leads to an aside`).toBe('aside');
    expect(asides).toContain(note);
  }
  for (const aside of asides) {
    expect(aside.getAttribute('role')).toBe('doc-footnote');
    // After the text, under the notes' heading in the edition's language.
    const section = aside.closest('section');
    expect(squash(section?.querySelector('h2')?.textContent ?? '')).toBe(heading);
    // The note's first link is its first content, and it leads back to a reference to it.
    const first = aside.querySelector('a');
    expect(first?.getAttribute('role')).toBe('doc-backlink');
    expect(squash(aside.textContent ?? '').startsWith(squash(first?.textContent ?? '-'))).toBe(
      true,
    );
    const back = [...aside.querySelectorAll('a[role="doc-backlink"]')];
    const refsToIt = noterefs.filter((r) => target(r) === aside);
    expect(refsToIt.length).toBeGreaterThan(0);
    expect(back.map((b) => target(b))).toEqual(refsToIt);
  }
  expect(doc.querySelectorAll('li.footnote-item, ol.footnotes-list').length, lang).toBe(0);
  return { notes: asides.length, refs: noterefs.length };
}

async function checkEdition(edition: NotesEdition) {
  const labels = JSON.parse(
    await readFile(path.resolve('templates/labels', `${edition.lang}.json`), 'utf8'),
  ) as { footnotes: string };
  const counted = { notes: 0, refs: 0 };
  for (const doc of await contentDocuments(edition.path)) {
    const found = checkNotes(doc, edition.lang, labels.footnotes);
    counted.notes += found.notes;
    counted.refs += found.refs;
  }
  const { notes, refs } = await markdownNotes(edition.source);
  expect(counted).toEqual({ notes, refs });
  return counted;
}

describe.each(sharedEditions('epub'))('EPUB notes: $name $lang', (edition) => {
  it('marks each reference as a noteref to a footnote aside that leads back from its start', async () => {
    const counted = await checkEdition(edition);
    // The shipped essay has no notes; the second article has three in each language.
    expect(counted.notes).toBe(edition.name === 'second' ? 3 : 0);
  });
});

describe('EPUB notes of every shape', () => {
  it('keeps every note, each reference leading to it and back, a note cited twice with two ways back', async () => {
    const [edition] = notesArticle.editions;
    expect(notesArticle.editions).toHaveLength(1);
    const counted = await checkEdition(edition as NotesEdition);
    expect(counted).toEqual({ notes: 8, refs: 9 });
  });

  it('passes EPUBCheck and Ace with no finding', async () => {
    const file = notesArticle.editions[0]?.path ?? '';
    const [checked, aced] = await Promise.all([epubcheck(file), ace(file)]);
    expect(checked.findings).toEqual([]);
    expect(aced.findings).toEqual([]);
    expect(aced.outcome).toBe('pass');
  }, 180_000);
});
