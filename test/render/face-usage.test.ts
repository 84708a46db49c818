import { describe, expect, it } from 'vitest';
import { faceUsage } from '../../src/render/face-usage.js';

const page = (body: string) => `<html><head><title>Tz</title></head><body>${body}</body></html>`;
const has = (characters: string | undefined, wanted: string) =>
  [...wanted].every((c) => characters?.includes(c));

describe('faceUsage', () => {
  it('gives the regular face all the text and each other face what is set in it', () => {
    const usage = faceUsage(page('<p>plain <em>qu</em> <strong>kx</strong></p>'), '');
    expect(has(usage.get('normal'), 'plainqukx')).toBe(true);
    expect(usage.get('italic')).toContain('q');
    expect(usage.get('italic')).not.toContain('k');
    expect(usage.get('bold')).toContain('k');
    expect(usage.get('bold')).not.toContain('q');
    expect(usage.has('bold-italic')).toBe(false);
    // The title and the head are not drawn with the page's faces.
    expect(usage.get('normal')).not.toContain('T');
  });

  it("follows the stylesheet's selectors, the font shorthand and numeric weights", () => {
    const css =
      '.lede { font: italic 1rem/1.4 serif } p.note > b.x { font-weight: 400 } .heavy { font-weight: 650 }';
    const usage = faceUsage(
      page('<p class="lede">zy <span class="heavy">w</span></p><p class="heavy">v</p>'),
      css,
    );
    expect(has(usage.get('italic'), 'zyw')).toBe(true);
    expect(has(usage.get('bold'), 'wv')).toBe(true);
    expect(usage.get('bold-italic')).toContain('w');
    expect(usage.get('bold-italic')).not.toContain('v');
  });

  it("gives the PDF's margin boxes' strings to every face, and an italic box its face", () => {
    const css =
      '@page { @top-right { content: "Jumbo gift"; font: italic 8pt serif } @bottom-center { content: counter(page) } }';
    const usage = faceUsage(page('<p>plain</p>'), css);
    expect(has(usage.get('italic'), 'Jumbo gift')).toBe(true);
    expect(has(usage.get('normal'), 'Jumbo gift')).toBe(true);
    expect(usage.has('bold')).toBe(false);
    expect(usage.has('bold-italic')).toBe(false);
  });

  it('takes a selector it cannot match to match everything', () => {
    const usage = faceUsage(page('<p>abc</p>'), 'p:unknown-pseudo(3) { font-style: italic }');
    expect(has(usage.get('italic'), 'abc')).toBe(true);
  });

  it('adds generated content and both cases where a rule transforms case', () => {
    const usage = faceUsage(
      page('<p>ab</p>'),
      '.x::before { content: "\\2042 Ω" } h2 { text-transform: uppercase }',
    );
    expect(has(usage.get('normal'), '⁂ΩABab')).toBe(true);
    // A URL or a font's name is not text.
    const named = faceUsage(page('<p>ab</p>'), 'p { font-family: "Zulu Qx" }');
    expect(named.get('normal')).not.toContain('Z');
  });
});
