import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactCss } from '../../src/render/css-compact.js';

describe('compactCss', () => {
  it('drops comments, indentation and blank lines, and keeps strings as written', () => {
    const css = `/* The page. */
html {
  /* colour */ color: red;

  quotes: "/*" '*/';
}
.x::before { content: "a \\" /* b"; }`;
    expect(compactCss(css)).toBe(
      `html {\ncolor: red;\nquotes: "/*" '*/';\n}\n.x::before { content: "a \\" /* b"; }`,
    );
  });

  it('ends an unclosed comment at the end of the sheet', () => {
    expect(compactCss('a { b: c }\n/* left open')).toBe('a { b: c }');
  });
});

/** The sheet read character by character: comments dropped, strings copied to their end. */
function byCharacter(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const c = css[i] as string;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c && css[j] !== '\n') j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

describe('compactCss on generated sheets', () => {
  it('gives what a reading character by character gives', () => {
    const piece = fc.constantFrom(
      '/*',
      '*/',
      '*',
      '/',
      '"',
      "'",
      '\\',
      '\n',
      ' ',
      'a',
      '{',
      '}',
      ';',
      'url(x)',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const css = pieces.join('');
        expect(compactCss(css)).toBe(byCharacter(css));
      }),
      { numRuns: 5000 },
    );
  });
});
