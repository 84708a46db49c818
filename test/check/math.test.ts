import { describe, expect, it } from 'vitest';
import { checkMath, checkMathTex } from '../../src/check/math.js';
import { article, edition, FRONT } from './helpers.js';

const en = (body: string) => edition('en', `${FRONT('Title')}${body}\n`);
const it_ = (body: string) => edition('it', `${FRONT('Titolo')}${body}\n`);
const check = (a: string, b: string) => checkMath(article(en(a), it_(b)));

describe('structure-math', () => {
  it('the same formulas, spaced or with translated \\text{…}, are the same', () => {
    expect(
      check(
        'Let $x^2$ be.\n\n$$\nn = \\text{rides}\n$$',
        'Sia $x ^ 2$.\n\n$$\nn=\\text{corse}\n$$',
      ),
    ).toEqual([]);
  });

  it('names both files and lines when a formula differs', () => {
    const [f, ...rest] = check('A $a+b$ and $c$.', 'Una $a+b$ e $d$.');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'structure-math',
      file: 'it.md',
      line: 6,
      column: 13,
      message: 'formula 2 is "$d$" here but "$c$" at en.md:6:13',
    });
    expect(f?.hint).toContain('en.md has "$a+b$", "$c$"; it.md has "$a+b$", "$d$"');
  });

  it('reports a formula left out, and inline math where the source displays it', () => {
    const [missing] = check('A $a$.\n\n$$b$$', 'Una $a$.');
    expect(missing?.message).toBe(
      'formula 2 of 2, "$$b$$" at en.md:8:1, is missing here (it.md has 1 formula)',
    );
    const [shown] = check('$$b$$', 'Vedi $b$.');
    expect(shown?.message).toBe('formula 1 is "$b$" here but "$$b$$" at en.md:6:1');
  });

  it('money is not a formula: "$5 and $10" against "5 $ e 10 $" is no finding', () => {
    expect(check('It is $5 and $10.', 'Costa 5 $ e 10 $.')).toEqual([]);
  });
});

describe('math-tex', () => {
  it("reports each formula temml cannot read at its line and column, with temml's message", () => {
    const found = checkMathTex(en('Good $x$.\n\nBad $\\frac{a$ and $\\nope$.'));
    expect(found).toMatchObject([
      {
        severity: 'error',
        rule: 'math-tex',
        file: 'en.md',
        line: 8,
        column: 5,
        message: expect.stringMatching(/^the TeX "\\frac\{a" cannot be set: .*expected '\}'/),
      },
      {
        line: 8,
        column: 19,
        message: 'the TeX "\\nope" cannot be set: Unsupported function name: \\nope at position 1',
      },
    ]);
  });
});
