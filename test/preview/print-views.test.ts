import { describe, expect, it } from 'vitest';
import { PrintViews } from '../../src/preview/print-views.js';

describe('PrintViews', () => {
  it('counts a language as shown until its last tab closes', () => {
    const views = new PrintViews();
    expect(views.open('en', 'a')).toBe(true);
    expect(views.open('en', 'b')).toBe(true);
    expect(views.has('en')).toBe(true);
    expect(views.close('en', 'a')).toBe(false);
    expect(views.has('en')).toBe(true);
    expect(views.close('en', 'b')).toBe(true);
    expect(views.has('en')).toBe(false);
  });

  it('opens nothing for a tab that already said it closed (its request came late)', () => {
    const views = new PrintViews();
    views.open('it', 'a');
    views.close('it', 'a');
    expect(views.open('it', 'a')).toBe(false);
    expect(views.has('it')).toBe(false);
  });

  it('a close for a language never opened is not a last close', () => {
    const views = new PrintViews();
    expect(views.close('de', 'x')).toBe(false);
  });

  it('bounds the tabs counted per language, so tabs that vanish cannot grow it forever', () => {
    const views = new PrintViews();
    for (let i = 0; i < 100; i++) views.open('en', `tab-${i}`);
    // Only the first 64 are counted: closing them all is the last close.
    for (let i = 0; i < 63; i++) expect(views.close('en', `tab-${i}`)).toBe(false);
    expect(views.close('en', 'tab-63')).toBe(true);
  });
});
