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

  it("reads a locator and the words after it as pandoc does, with or without the key's comma", () => {
    const items = (markdown: string) =>
      cited(markdown).map((c) => (c.meta as { items: unknown[] }).items);
    // pandoc's own test article (test/markdown-citations.txt) writes these.
    expect(items('A [@a p. 30] b [see @a chap. 3; also @b p. 34-35] c [-@b p. 44].')).toEqual([
      [{ key: 'a', locator: 'p. 30' }],
      [
        { key: 'a', prefix: 'see', locator: 'chap. 3' },
        { key: 'b', prefix: 'also', locator: 'p. 34-35' },
      ],
      [{ key: 'b', locator: 'p. 44', suppressAuthor: true }],
    ]);
    expect(items('[@a pp. 33, 35-37, and nowhere else] [@a and nowhere else]')).toEqual([
      [{ key: 'a', locator: 'pp. 33, 35-37', suffix: ', and nowhere else' }],
      [{ key: 'a', suffix: ' and nowhere else' }],
    ]);
    expect(items('[@a, p. 30, with suffix] [@a, 89, and suffix] [@a, xiv]')).toEqual([
      [{ key: 'a', locator: 'p. 30', suffix: ', with suffix' }],
      [{ key: 'a', locator: '89', suffix: ', and suffix' }],
      // Without a label, a locator starts with a figure: a Roman numeral alone is words.
      [{ key: 'a', suffix: ', xiv' }],
    ]);
    // Braces hold a locator as written; a label with no number runs to the next comma.
    expect(items('[@a, {IV div 4}, more] [@a, sec. Methods, passim] [@a, p. xiv-xvii]')).toEqual([
      [{ key: 'a', locator: 'IV div 4', suffix: ', more' }],
      [{ key: 'a', locator: 'sec. Methods', suffix: ', passim' }],
      [{ key: 'a', locator: 'p. xiv-xvii' }],
    ]);
    // No bracketed citation: "@a's" and "@a!" are no key followed by a locator or words (with a
    // bibliography, the @a in them is still the author in a sentence, as in pandoc).
    expect(cited("[@a's view] [@a!]", false)).toEqual([]);
  });

  it('reads a locator in brackets after an author in the sentence, not a link or a note', () => {
    expect(cited('@a [p. 30] says blah. @b [p. 30, with suffix] too.')).toEqual([
      { type: 'citation', meta: { items: [{ key: 'a', locator: 'p. 30' }], inText: true } },
      {
        type: 'citation',
        meta: { items: [{ key: 'b', locator: 'p. 30', suffix: ', with suffix' }], inText: true },
      },
    ]);
    expect(
      cited('@a [his site](https://example.org) and @b [@c] and @d[^1].\n\n[^1]: A note.'),
    ).toEqual([
      { type: 'citation', meta: { items: [{ key: 'a' }], inText: true } },
      { type: 'citation', meta: { items: [{ key: 'b' }], inText: true } },
      { type: 'citation', meta: { items: [{ key: 'c' }], inText: false } },
      { type: 'citation', meta: { items: [{ key: 'd' }], inText: true } },
    ]);
    // A bracket that names a link reference is that link.
    const doc = parse('@a [the report] says so.\n\n[the report]: https://example.org/r');
    expect(doc.links.map((l) => l.href)).toEqual(['https://example.org/r']);
    expect(cited('@a [the report] says so.\n\n[the report]: https://example.org/r')).toEqual([
      { type: 'citation', meta: { items: [{ key: 'a' }], inText: true } },
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
