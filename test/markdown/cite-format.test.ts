import { describe, expect, it } from 'vitest';
import { cslLocale } from '../../src/markdown/cite-format.js';

describe('cslLocale', () => {
  it("finds the edition's language among the CSL locales citeproc-locales ships", () => {
    expect(cslLocale('it')).toBe('it-IT');
    expect(cslLocale('en')).toBe('en-US');
    expect(cslLocale('en-GB')).toBe('en-GB');
    expect(cslLocale('fr-CA')).toBe('fr-CA');
    expect(cslLocale('ar')).toBe('ar');
  });

  it('maps a Chinese script subtag to the region CSL names', () => {
    expect(cslLocale('zh-Hans')).toBe('zh-CN');
    expect(cslLocale('zh-Hant')).toBe('zh-TW');
  });

  it('falls back to American English for a language without a locale', () => {
    expect(cslLocale('hi')).toBe('en-US');
  });
});
