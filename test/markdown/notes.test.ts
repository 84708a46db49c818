/**
 * Each edition's notes, rendered from the notes article (every shape of note) and parsed:
 * the HTML's margin copies hold no id, take no focus and are hidden from assistive
 * technology; the EPUB's notes are footnote asides led by their ways back; the PDF keeps
 * the endnote list with each way back last, which its foot-of-page placement reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/markdown/document.js';
import { renderBody } from '../../src/markdown/render-body.js';
import { ROOT } from '../helpers/editions.js';
import { xmlDocument } from '../helpers/parse.js';

const source = readFileSync(path.join(ROOT, 'test/fixtures/notes-article/en.md'), 'utf8');
const doc = parseDocument(source.replace(/^---\n[\s\S]*?\n---\n/, ''), 'en');
const env = {
  labels: { footnotes: 'Notes', backToText: 'Back to the text' },
  resolveImage: (src: string) => ({ url: src, width: 1, height: 1 }),
};
const body = (format: 'html' | 'pdf' | 'epub') =>
  parseHTML(`<!DOCTYPE html><html><body>${renderBody(doc, { ...env, format })}</body></html>`)
    .document as unknown as Document;

describe('notes per edition', () => {
  it('HTML: one margin copy per note the text cites, with no id, no focus and no voice', () => {
    const page = body('html');
    const ids = [...page.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const copies = [...page.querySelectorAll('.sidenote')];
    // Eight notes; the one called only from another note has no copy of its own.
    expect(page.querySelectorAll('li.footnote-item')).toHaveLength(8);
    expect(copies).toHaveLength(7);
    for (const copy of copies) {
      expect(copy.getAttribute('aria-hidden')).toBe('true');
      expect(copy.querySelectorAll('[id]')).toHaveLength(0);
      for (const link of copy.querySelectorAll('a'))
        expect(link.getAttribute('tabindex')).toBe('-1');
      // Right after the reference it copies the note of, in the text, not in the list.
      expect(copy.previousElementSibling?.className).toBe('footnote-ref');
      expect(copy.closest('.footnotes')).toBeNull();
    }
  });

  it('EPUB: noterefs to footnote asides, each note led by its ways back', () => {
    const page = xmlDocument(
      `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${renderBody(doc, { ...env, format: 'epub' })}</body>`,
    );
    const asides = [...page.querySelectorAll('aside')];
    expect(asides).toHaveLength(8);
    expect(page.querySelectorAll('li, ol.footnotes-list').length).toBe(2); // the note's own list
    for (const aside of asides) {
      expect(aside.getAttribute('epub:type')).toBe('footnote');
      const first = aside.querySelector('a');
      expect(first?.getAttribute('role')).toBe('doc-backlink');
      expect((aside.textContent ?? '').trimStart().startsWith(first?.textContent ?? '-')).toBe(
        true,
      );
    }
    // The note cited twice leads back to both references.
    const twice = asides[0]?.querySelectorAll('a[role="doc-backlink"]');
    expect([...(twice ?? [])].map((a) => a.getAttribute('href'))).toEqual(['#fnref1', '#fnref1:1']);
    expect(page.querySelectorAll('.sidenote')).toHaveLength(0);
  });

  it('PDF: the endnote list, each way back last in its note, no copies and no DPUB roles', () => {
    const page = body('pdf');
    const items = [...page.querySelectorAll('ol.footnotes-list > li.footnote-item')];
    expect(items).toHaveLength(8);
    for (const item of items) {
      const links = [...item.querySelectorAll('a')];
      expect(links.at(-1)?.className).toBe('footnote-backref');
    }
    expect(page.querySelectorAll('.sidenote, aside, [role]')).toHaveLength(0);
  });
});
