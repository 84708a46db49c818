/** The content-stream tokenizer the PDF passes share: operators with their ranges, and operand values. */
import { describe, expect, it } from 'vitest';
import { wrapArtifacts } from '../../../src/render/pdf/artifacts.js';
import { type Operator, operands, operators } from '../../../src/render/pdf/content.js';

/** Each operator with the text of its range, operands included. */
const spans = (s: string) => operators(s).map((op) => [op.name, s.slice(op.start, op.end)]);

/** The operands of the first operator with that name. */
const operandsOf = (s: string, name: string) =>
  operands(s, operators(s).find((op) => op.name === name) as Operator);

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('content stream operators', () => {
  it('splits a stream into operators, each with the range of its operands', () => {
    expect(spans('q 1 0 0 -1 83 65 cm\n/F4 10 Tf <0015> Tj Q')).toEqual([
      ['q', 'q'],
      ['cm', '1 0 0 -1 83 65 cm'],
      ['Tf', '/F4 10 Tf'],
      ['Tj', '<0015> Tj'],
      ['Q', 'Q'],
    ]);
  });

  it('reads past operator-like words inside strings, nested parentheses and escapes', () => {
    const s = String.raw`(a (Tj) b \) ET \( c) Tj [(x\\) -250 (y)] TJ`;
    expect(spans(s)).toEqual([
      ['Tj', String.raw`(a (Tj) b \) ET \( c) Tj`],
      ['TJ', String.raw`[(x\\) -250 (y)] TJ`],
    ]);
  });

  it('skips comments, and takes numbers, booleans and null as operands', () => {
    expect(spans('% BT not an operator\n.5 -3 +2. true null false d0 %EMC\rn')).toEqual([
      ['d0', '.5 -3 +2. true null false d0'],
      ['n', 'n'],
    ]);
  });

  it('takes an inline dictionary, hex strings in it included, as one operand', () => {
    expect(spans('/Span<</ActualText <FEFF2019> >> BDC EMC')).toEqual([
      ['BDC', '/Span<</ActualText <FEFF2019> >> BDC'],
      ['EMC', 'EMC'],
    ]);
  });

  it('spans an inline image from BI to EI, whatever its data holds', () => {
    expect(spans('BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Q) EMC\x01 EI Q')).toEqual([
      ['BI', 'BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Q) EMC\x01 EI'],
      ['Q', 'Q'],
    ]);
  });
});

describe('content stream operands', () => {
  it('reads numbers and names', () => {
    expect(operandsOf('/F4 10.5 Tf', 'Tf')).toEqual(['F4', 10.5]);
    expect(operandsOf('1 0 0 -1 -.5 68 Tm', 'Tm')).toEqual([1, 0, 0, -1, -0.5, 68]);
    expect(operandsOf('/A#20B gs', 'gs')).toEqual(['A B']);
  });

  it('reads literal strings: nested parentheses, escapes, octal codes, line continuations', () => {
    const s = '(a (b) \\(c\\) \\n\\t\\\\ \\101\\0617 x\\\ny) Tj';
    expect(operandsOf(s, 'Tj')).toEqual([bytes('a (b) (c) \n\t\\ A17 xy')]);
  });

  it('reads hex strings, whitespace skipped and an odd last digit padded', () => {
    expect(operandsOf('<00 15\n2> Tj', 'Tj')).toEqual([Uint8Array.from([0x00, 0x15, 0x20])]);
    expect(operandsOf('<> Tj', 'Tj')).toEqual([new Uint8Array()]);
  });

  it('reads arrays and inline dictionaries, nested', () => {
    expect(operandsOf('[(a) -250 <0001> [1]] TJ', 'TJ')).toEqual([
      [bytes('a'), -250, Uint8Array.from([0, 1]), [1]],
    ]);
    const [tag, properties] = operandsOf('/Link <</MCID 3 /Alt (x) /K [1 2]>>BDC', 'BDC');
    expect(tag).toBe('Link');
    expect(properties).toEqual(
      new Map<string, unknown>([
        ['MCID', 3],
        ['Alt', bytes('x')],
        ['K', [1, 2]],
      ]),
    );
  });
});

describe('artifacts', () => {
  it('wraps graphics painted outside marked content, and leaves marked content as it is', () => {
    const s = '0 0 10 10 re f /P <</MCID 0 >>BDC BT (a) Tj ET EMC BT (b) Tj ET';
    expect(wrapArtifacts(s)).toBe(
      '/Artifact BMC\n0 0 10 10 re f\nEMC /P <</MCID 0 >>BDC BT (a) Tj ET EMC /Artifact BMC\nBT (b) Tj ET\nEMC',
    );
  });
});
