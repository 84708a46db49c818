/** The contents list's data: which sections it lists and nests, and when an edition has one. */
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/article/front-matter.js';
import { InputError } from '../../src/article/input-error.js';
import { parseDocument } from '../../src/markdown/document.js';
import { CONTENTS_MIN_SECTIONS, tocEntries, wantsContents } from '../../src/render/model.js';

const sections = (count: number) =>
  parseDocument(
    Array.from({ length: count }, (_, i) => `## Section ${i + 1}\n\nText.\n`).join('\n'),
    'en',
  ).headings;

describe('tocEntries', () => {
  it('lists h2 in order with each h3 under the h2 before it, and numbers them in reading order', () => {
    const { headings } = parseDocument(
      '### Before any section\n\n## One\n\n### One a\n\n#### Deep\n\n### One b\n\n## Two {#custom}\n\n# Big\n',
      'en',
    );
    const entries = tocEntries(headings);
    const shape = (list: typeof entries): unknown[] =>
      list.map((e) => [e.order, e.id, e.text, shape(e.children)]);
    expect(shape(entries)).toEqual([
      [1, 'before-any-section', 'Before any section', []],
      [
        2,
        'one',
        'One',
        [
          [3, 'one-a', 'One a', []],
          [4, 'one-b', 'One b', []],
        ],
      ],
      [5, 'custom', 'Two', []],
    ]);
  });

  it('gives the headings their text as the page sets it', () => {
    const { headings } = parseDocument("## The harbour's *long* winter\n", 'en');
    expect(tocEntries(headings).map((e) => e.text)).toEqual(['The harbour’s long winter']);
  });
});

describe('wantsContents', () => {
  it(`gives a contents list from ${CONTENTS_MIN_SECTIONS} sections on, unless toc: says otherwise`, () => {
    expect(CONTENTS_MIN_SECTIONS).toBe(6);
    expect(wantsContents(undefined, sections(5))).toBe(false);
    expect(wantsContents(undefined, sections(6))).toBe(true);
    expect(wantsContents(true, sections(1))).toBe(true);
    expect(wantsContents(false, sections(9))).toBe(false);
  });

  it('counts sections (h2), not subsections', () => {
    const { headings } = parseDocument(
      `## One\n\n${Array.from({ length: 8 }, (_, i) => `### Sub ${i}\n`).join('\n')}`,
      'en',
    );
    expect(wantsContents(undefined, headings)).toBe(false);
  });
});

describe('toc: in the front matter', () => {
  const problems = (yaml: string) => {
    try {
      parseFrontMatter(yaml, 'en.md');
      return [];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return error
        .toFindings()
        .map((f) => `${f.file}:${f.line}:${f.column} ${f.message} | ${f.hint}`);
    }
  };

  it('is read as true, false or absent', () => {
    expect(parseFrontMatter('title: T\nauthor: A\ntoc: true', 'en.md').toc).toBe(true);
    expect(parseFrontMatter('title: T\nauthor: A\ntoc: false', 'en.md').toc).toBe(false);
    expect(parseFrontMatter('title: T\nauthor: A', 'en.md').toc).toBeUndefined();
  });

  it('reports any other value at its line, with what to write', () => {
    const hint = expect.stringContaining('"toc: true"');
    expect(problems('title: T\nauthor: A\ntoc: yes')).toEqual([
      expect.stringMatching(/^en\.md:4:1 front matter "toc" must be true or false, not "yes" \| /),
    ]);
    expect(problems('title: T\nauthor: A\ntoc: yes')[0]).toEqual(hint);
    expect(problems('title: T\ntoc: 1\nauthor: A')).toEqual([
      expect.stringMatching(
        /^en\.md:3:1 front matter "toc" must be true or false, not a number \(1\)/,
      ),
    ]);
  });
});
