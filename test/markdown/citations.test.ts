/**
 * How citations and cross-references are read from the Markdown, and where they are found:
 * every form of pandoc's syntax, a label never taken for a citation, an address never taken
 * for either, and labels numbered per kind in reading order.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/markdown/document.js';

const parse = (markdown: string, citations = true) =>
  parseDocument(markdown, 'en', 0, { citations });

const cited = (markdown: string, citations = true) =>
  parse(markdown, citations).tokens.flatMap((t) =>
    (t.children ?? [])
      .filter((c) => c.type === 'citation' || c.type === 'crossref')
      .map((c) => ({ type: c.type, meta: c.meta })),
  );

describe('citations', () => {
  it('reads each bracketed form, with pages and without the author', () => {
    expect(cited('A [@a] b [@b, p. 12] c [@c; -@d, chap. 3].')).toEqual([
      { type: 'citation', meta: { items: [{ key: 'a' }], inText: false } },
      { type: 'citation', meta: { items: [{ key: 'b', locator: 'p. 12' }], inText: false } },
      {
        type: 'citation',
        meta: {
          items: [{ key: 'c' }, { key: 'd', locator: 'chap. 3', suppressAuthor: true }],
          inText: false,
        },
      },
    ]);
  });

  it('reads the words before each work as its prefix', () => {
    expect(cited('A [see @a] b [e.g., @b, p. 3; but also -@c].')).toEqual([
      { type: 'citation', meta: { items: [{ key: 'a', prefix: 'see' }], inText: false } },
      {
        type: 'citation',
        meta: {
          items: [
            { key: 'b', prefix: 'e.g.,', locator: 'p. 3' },
            { key: 'c', prefix: 'but also', suppressAuthor: true },
          ],
          inText: false,
        },
      },
    ]);
    // Words around an address, or joined to the @, are a sentence in brackets.
    expect(cited('[Contact: jane@example.org] [see@a]')).toEqual([]);
    // A label after words stays a cross-reference of its own, inside the brackets.
    expect(cited('[see @fig:map]')).toEqual([
      { type: 'crossref', meta: { kind: 'fig', label: 'fig:map' } },
    ]);
  });

  it('reads @key in a sentence, leaving its closing punctuation to the sentence', () => {
    expect(cited('As @smith2020 says. And @doe:1999.')).toEqual([
      { type: 'citation', meta: { items: [{ key: 'smith2020' }], inText: true } },
      { type: 'citation', meta: { items: [{ key: 'doe:1999' }], inText: true } },
    ]);
  });

  it('takes no address, link or code for a citation', () => {
    expect(cited('Mail jane@example.org, see [@a](https://example.org) or `@b` and \\@c.')).toEqual(
      [],
    );
  });

  it('leaves @name as text without a bibliography, but not the bracketed form', () => {
    expect(cited('Ask @jane [@a] [write to @jane].', false)).toEqual([
      { type: 'citation', meta: { items: [{ key: 'a' }], inText: false } },
    ]);
  });

  it('records where each citation is written', () => {
    const doc = parse('One.\n\nTwo [@a; @b] and\n@c says.');
    expect(doc.citations).toEqual([
      { keys: ['a', 'b'], line: 3, column: 5 },
      { keys: ['c'], line: 4, column: 1 },
    ]);
  });
});

describe('cross-references', () => {
  const source = [
    '![A](a.png "Caption"){#fig:a}',
    '',
    '| x |',
    '|---|',
    '| 1 |',
    '',
    '{#tbl:t}',
    '',
    '$$',
    'x = 1',
    '$$ {#eq:x}',
    '',
    '![B](b.png){#fig:b}',
    '',
    'See @fig:b, [@tbl:t], @eq:x and @fig:nope.',
  ].join('\n');

  it('numbers labelled figures, tables and equations per kind, in reading order', () => {
    expect(parse(source).labels).toEqual([
      { label: 'fig:a', kind: 'fig', number: 1, line: 1 },
      { label: 'tbl:t', kind: 'tbl', number: 1, line: 3 },
      { label: 'eq:x', kind: 'eq', number: 1, line: 9 },
      { label: 'fig:b', kind: 'fig', number: 2, line: 13 },
    ]);
  });

  it('is never a citation, and knows which labels exist', () => {
    const doc = parse(source);
    expect(doc.citations).toEqual([]);
    expect(doc.crossrefs.map((r) => [r.label, r.found, r.line, r.column])).toEqual([
      ['fig:b', true, 15, 5],
      ['tbl:t', true, 15, 13],
      ['eq:x', true, 15, 23],
      ['fig:nope', false, 15, 33],
    ]);
  });

  it('keeps a formula labelled after its closing $$ a formula', () => {
    const doc = parse(source);
    expect(doc.math.map((m) => m.tex.trim())).toEqual(['x = 1']);
  });
});
