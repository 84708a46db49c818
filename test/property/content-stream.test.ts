/**
 * The content-stream tokenizer (src/render/pdf/content.ts) reads a run of operands and its
 * operator in one regular-expression match, and falls back to reading token by token where
 * the expression does not apply. Generated streams, hostile ones included, must split into
 * the same operators, with the same ranges, as a plain token-by-token reading written here
 * from the PDF syntax (ISO 32000-1, 7.2 and 7.8.2).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { operators } from '../../src/render/pdf/content.js';

const WHITE = '\0\t\n\f\r ';
const DELIMITERS = '()<>[]{}/%';
const regular = (c: string | undefined) =>
  c !== undefined && !WHITE.includes(c) && !DELIMITERS.includes(c);

/** The operators of `s`, one token at a time. */
function byToken(s: string): { name: string; start: number; at: number; end: number }[] {
  const ops = [];
  let start = -1;
  let i = 0;
  const skip = () => {
    while (i < s.length) {
      if (WHITE.includes(s[i] as string)) i++;
      else if (s[i] === '%') while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
      else break;
    }
  };
  skip();
  while (i < s.length) {
    const from = i;
    const c = s[i] as string;
    if (c === '(') {
      let depth = 0;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) break;
      }
      i = Math.min(i + 1, s.length);
    } else if (c === '<' && s[i + 1] === '<') i += 2;
    else if (c === '<') i = s.indexOf('>', i) + 1 || s.length;
    else if (c === '>') i += s[i + 1] === '>' ? 2 : 1;
    else if (c === '/') for (i++; regular(s[i]); ) i++;
    else if (regular(c)) while (regular(s[i])) i++;
    else i++;
    if (start < 0) start = from;
    const word = s.slice(from, i);
    const operator =
      regular(c) && !/^[-+.0-9]/.test(word) && !['true', 'false', 'null'].includes(word);
    if (operator) {
      let end = i;
      if (word === 'BI') {
        const data = s.indexOf('ID', end);
        const close = /\sEI(?=\s|$)/g;
        close.lastIndex = data < 0 ? end : data + 3;
        const m = close.exec(s);
        end = m ? m.index + m[0].length : s.length;
        i = end;
      }
      ops.push({ name: word, start, at: from, end });
      start = -1;
    }
    skip();
  }
  return ops;
}

const token = fc.oneof(
  fc.constantFrom(
    'q',
    'Q',
    'cm',
    'Tf',
    'Tj',
    'TJ',
    'BT',
    'ET',
    'BDC',
    'EMC',
    'T*',
    "'",
    '"',
    're',
    'f*',
    'd0',
  ),
  fc.constantFrom(
    '0',
    '-1',
    '.5',
    '+2.',
    '83.25',
    '1e',
    'true',
    'false',
    'null',
    'truex',
    'nullify',
  ),
  fc.constantFrom('/F4', '/Span', '/A#20B', '/', '<<', '>>', '>', '[', ']', '{', '}', ')', '('),
  fc.constantFrom(
    '<0015>',
    '<FEFF 2019>',
    '<>',
    '<0',
    '(a)',
    '(a (Tj) b)',
    '(x\\) y)',
    '(\\\\)',
    '(open',
  ),
  fc.constantFrom('% comment EMC', '%', 'BI /W 2 ID \x00Q) EMC\x01 EI', 'BI ID x', 'ID', 'EI'),
  fc.string({
    unit: fc.constantFrom('a', '1', '(', ')', '<', '>', '%', '/', '\\', ' ', '\n', 'T', 'j'),
    maxLength: 6,
  }),
);
const space = fc.constantFrom('', ' ', '\n', '\r\n', '\t', '  ', '\0', '%c\n');
const stream = fc
  .array(fc.tuple(token, space), { maxLength: 40 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

it('splits generated streams exactly as a token-by-token reading does', () => {
  fc.assert(
    fc.property(stream, (s) => {
      expect(operators(s)).toEqual(byToken(s));
    }),
    { numRuns: 3000 },
  );
});

it('reads a long run of path operators and strings in one pass, as token by token', () => {
  const path =
    '406.4393 579.43927 c\n407.5 582 l\nh\nf\n/P <</MCID 3>> BDC BT [<0012> -3 <0034>] TJ ET EMC\n';
  const s = path.repeat(2000);
  expect(operators(s)).toEqual(byToken(s));
});
