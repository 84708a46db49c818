/** Acronyms found for small caps (src/typeset/caps.ts). */
import { describe, expect, it } from 'vitest';
import { isAcronym, splitAcronyms } from '../../src/typeset/caps.js';

const acronyms = (text: string) =>
  splitAcronyms(text)
    .filter((p) => p.caps)
    .map((p) => p.text);

describe('acronyms', () => {
  it('are words of two or more capitals, digits allowed after the first', () => {
    expect(acronyms('7000 CCTV cameras with AI; the CEO of the USA; an MP3')).toEqual([
      'CCTV',
      'AI',
      'CEO',
      'USA',
      'MP3',
    ]);
  });
  it('leave out a plural s, a number after a hyphen and an apostrophe', () => {
    expect(acronyms('CEOs, COVID-19, the CEO’s plan, dell’UE')).toEqual([
      'CEO',
      'COVID',
      'CEO',
      'UE',
    ]);
  });
  it('are not capitalised words, mixed case, single letters or Roman numerals of I, V, X, L', () => {
    expect(
      acronyms('I saw IoT, iPhone, Xi, A4, G7, World War II, XXI secolo, Louis XIV, LX'),
    ).toEqual([]);
    expect(isAcronym('CD')).toBe(true);
    expect(isAcronym('MD')).toBe(true);
    expect(isAcronym('XXL')).toBe(true);
    expect(isAcronym('IV')).toBe(false);
  });
  it('cut the text without losing any of it', () => {
    const text = 'The CCTV, the AI and the CEOs.';
    expect(splitAcronyms(text).map((p) => p.text)).toEqual([
      'The ',
      'CCTV',
      ', the ',
      'AI',
      ' and the ',
      'CEO',
      's.',
    ]);
    expect(splitAcronyms('')).toEqual([{ text: '', caps: false }]);
  });
  it('work in other scripts', () => {
    expect(acronyms('США и ООН')).toEqual(['США', 'ООН']);
  });
});
