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
