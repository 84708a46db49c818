/** The soft-hyphen pass over a content stream as Chromium writes it: text and operators. */
import { describe, expect, it } from 'vitest';
import { operators } from '../../../src/render/pdf/content.js';
import { cleanHyphens } from '../../../src/render/pdf/hyphens.js';

const STREAM = [
  '/P <</MCID 0 >>BDC',
  'BT',
  '/F4 14 Tf',
  '1 0 0 -1 10 20 Tm',
  '<0037> Tj',
  '/Span<</ActualText <feff00ad> >> BDC',
  '12 0 Td <0003> Tj',
  'EMC',
  '0 0 Td <0048> Tj',
  '/Span<</ActualText <feff006600ad0069> >> BDC',
  '7 0 Td <0091> Tj',
  'EMC',
  '/Span<</ActualText <feff00a0> >> BDC',
  '5 0 Td <0003> Tj',
  'EMC',
  'ET',
  'BT',
  '/Span<</ActualText <feff2010> >> BDC',
  '/F4 14 Tf',
  '1 0 0 -1 300 20 Tm',
  '<0085> Tj',
  'EMC',
  'ET',
  'EMC',
].join('\n');

describe('cleanHyphens', () => {
  const cleaned = cleanHyphens(STREAM, operators(STREAM));
  it('drops soft hyphens, keeps the moves, reads no-break spaces as spaces and break hyphens as "-"', () => {
    const text = cleaned?.text ?? '';
    expect(text).not.toContain('<feff00ad>');
    expect(text).toContain('12 0 Td\n0 0 Td <0048> Tj');
    expect(text).toContain('/Span <</ActualText <feff00660069>>> BDC');
    expect(text).toContain('/Span <</ActualText <feff0020>>> BDC');
    expect(text).toContain('/Span <</ActualText <feff002d>>> BDC');
  });
  it('gives the operators of the rewritten stream without reading it again', () => {
    expect(cleaned?.operators).toEqual(operators(cleaned?.text ?? ''));
  });
  it('leaves a hyphen that is not alone in its text object alone', () => {
    const inline =
      'BT\n/F4 14 Tf\n<0041> Tj\n/Span<</ActualText <feff2010> >> BDC\n<0085> Tj\nEMC\nET';
    expect(cleanHyphens(inline, operators(inline))).toBeUndefined();
  });
});
