import { describe, expect, it } from 'vitest';
import { parseFrontMatter, splitFrontMatter } from '../../src/article/front-matter.js';
import { InputError } from '../../src/article/input-error.js';

/** The findings of parsing `yaml` as the front matter of en.md (starting on line 2). */
function problems(yaml: string) {
  try {
    parseFrontMatter(yaml, 'en.md');
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.toFindings().map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`);
  }
}

describe('parseFrontMatter', () => {
  it('returns the fields and where each key is written', () => {
    const meta = parseFrontMatter('title: T\nauthor: [A, B]\ndate: 2024-05-10', 'en.md');
    expect(meta).toMatchObject({ title: 'T', authors: ['A', 'B'], date: '2024-05-10' });
    expect(meta.locations).toEqual({
      title: { line: 2, column: 1 },
      author: { line: 3, column: 1 },
      date: { line: 4, column: 1 },
    });
  });

  it("takes an edition's own identifier, one word, and reports one with spaces at its line", () => {
    const yaml = 'title: T\nauthor: A\nidentifier: urn:isbn:9780000000000';
    expect(parseFrontMatter(yaml, 'en.md').identifier).toBe('urn:isbn:9780000000000');
    expect(problems('title: T\nauthor: A\nidentifier: ISBN 978 0')).toEqual([
      '4:1 front-matter-field front matter "identifier" must be one word without spaces, such as urn:isbn:9780000000000, not "ISBN 978 0"',
    ]);
  });

  it('reports malformed YAML with its line and column', () => {
    expect(problems('title: T\nauthor: Jane: Doe\ndate: 2024-05-10')).toEqual([
      expect.stringMatching(/^3:9 front-matter-syntax the front matter is not valid YAML: /),
    ]);
    // An unclosed list runs to the end of the block: the closing "---" line.
    expect(problems('title: T\nauthor: [A\n')).toEqual([
      expect.stringMatching(/^4:1 front-matter-syntax the front matter is not valid YAML: /),
    ]);
  });

  it('reports every field problem at once, each at its line', () => {
    expect(problems('title: 42\ndate: 19/02/2021\nautor: X\nkeywords: [a, 3]')).toEqual([
      '2:1 front-matter-field front matter "title" must be text, not a number (42)',
      '2:1 front-matter-field the front matter has no "author"',
      '3:1 front-matter-field front matter "date" must be a date written YYYY-MM-DD, not "19/02/2021"',
      '5:1 front-matter-field front matter "keywords" (item 2) must be text, not a number (3)',
      '4:1 front-matter-field unknown front matter key "autor"',
    ]);
  });

  it('reports an empty title and front matter that is not a mapping', () => {
    expect(problems('title: ""\nauthor: A')).toEqual([
      '2:1 front-matter-field front matter "title" is empty',
    ]);
    expect(problems('- a\n- b')).toEqual([
      '2:1 front-matter-syntax the front matter is not a set of "key: value" lines',
    ]);
  });
});

describe('splitFrontMatter', () => {
  it('refuses a file without front matter or with an unclosed one', () => {
    expect(() => splitFrontMatter('# Title\n', 'en.md')).toThrow('the file has no front matter');
    expect(() => splitFrontMatter('---\ntitle: T\n', 'en.md')).toThrow(
      'the front matter is not closed',
    );
  });

  it('counts the lines before the body', () => {
    expect(splitFrontMatter('---\ntitle: T\n---\nBody', 'en.md')).toEqual({
      yaml: 'title: T',
      body: 'Body',
      bodyOffset: 3,
    });
  });
});
