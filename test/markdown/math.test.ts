/** TeX math in the Markdown (src/markdown/math.ts): what is math, what stays text, where it is. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/markdown/document.js';
import { renderBody } from '../../src/markdown/render-body.js';

const env = {
  labels: { footnotes: 'Footnotes', backToText: 'Back to the text' },
  resolveImage: (src: string) => ({ url: src, width: 1, height: 1 }),
};

function body(markdown: string) {
  const doc = parseDocument(markdown, 'en');
  const { document } = parseHTML(
    `<!doctype html><html><body>${renderBody(doc, env)}</body></html>`,
  );
  return { doc, document, maths: [...document.querySelectorAll('math')] };
}

describe('math', () => {
  it('inline and display TeX become MathML, display math as a block', () => {
    const { maths, doc } = body('Energy $E=mc^2$ is mass.\n\n$$\n\\int_0^1 x\\,dx\n$$\n');
    expect(maths).toHaveLength(2);
    expect(maths[0]?.getAttribute('display')).toBeNull();
    expect(maths[0]?.querySelector('msup')).not.toBeNull();
    expect(maths[1]?.getAttribute('display')).toBe('block');
    expect(maths[1]?.querySelector('annotation')?.textContent).toContain('\\int_0^1');
    expect(doc.math.map((m) => [m.line, m.display])).toEqual([
      [1, false],
      [3, true],
    ]);
  });

  it('dollars as money stay text (pandoc: no space inside, no figure after the closing one)', () => {
    for (const text of [
      'It costs $5 and $10 today.',
      'From $5,000 or US$3 a year.',
      'Between $ 5 and 7 $ each.',
      'Price: $20.',
    ]) {
      const { maths, document } = body(text);
      expect(maths, text).toHaveLength(0);
      expect(document.body.textContent?.trim()).toBe(text);
    }
    expect(body('Both $x$ and $5 here.').maths).toHaveLength(1);
    // A closing dollar written `\$` is a dollar sign.
    const escaped = body('From $4.50 \\$ on.');
    expect(escaped.maths).toHaveLength(0);
    expect(escaped.document.body.textContent?.trim()).toBe('From $4.50 $ on.');
  });

  it('finds formulas in lists, footnotes and inline `$$`, at their lines and columns', () => {
    const { doc, maths } = body(
      'Text.[^1]\n\n- one $a+b$\n- two $$c$$\n\n[^1]: A note with $\\alpha$.\n',
    );
    expect(maths).toHaveLength(3);
    expect(
      doc.math.map(({ tex, line, column, display }) => ({ tex, line, column, display })),
    ).toEqual([
      { tex: 'a+b', line: 3, column: 7, display: false },
      { tex: 'c', line: 4, column: 7, display: true },
      { tex: '\\alpha', line: 6, column: 19, display: false },
    ]);
  });

  it("bad TeX is recorded with its line and temml's message, not thrown", () => {
    const { doc } = body('Fine $x$.\n\nBad $\\frac{a$ here.\n');
    expect(doc.mathProblems).toHaveLength(1);
    expect(doc.mathProblems[0]).toMatchObject({ line: 3, column: 5 });
    expect(doc.mathProblems[0]?.message).toMatch(/expected '}'/);
  });

  it('a line starting with "$$" that opens no formula stays text, and so does what follows', () => {
    const { maths, document } = body('Prices:\n\n$$5 a day, or less.\n\nThe rest of the text.\n');
    expect(maths).toHaveLength(0);
    expect(document.body.textContent).toContain('$$5 a day, or less.');
    expect(document.body.textContent).toContain('The rest of the text.');
    const inList = body('- $$\n  x\n\nAfter.\n');
    expect(inList.maths).toHaveLength(0);
    expect(inList.document.body.textContent).toContain('After.');
    // Closed on the same line, or on a later one, it is math.
    expect(body('$$x$$\n\n$$\ny\n$$\n').maths).toHaveLength(2);
  });

  it('a heading with a formula keeps its TeX in its text and id', () => {
    const { doc } = body('## The $E=mc^2$ rule\n');
    expect(doc.headings[0]).toMatchObject({ text: 'The E=mc^2 rule', id: 'the-e-mc-2-rule' });
  });

  it('raw <math> written in the Markdown still goes through the sanitiser', () => {
    const { maths, doc } = body('A <math><mi>x</mi></math> raw.');
    expect(maths).toHaveLength(0);
    expect(doc.rawHtmlRemoved.map((r) => r.tag)).toContain('math');
  });
});
