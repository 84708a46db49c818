/** Hyphenation at build time: where soft hyphens go, and where they never do. */
import { describe, expect, it } from 'vitest';
import { hyphenateHtml, patternsName, wordHyphenator } from '../../src/typeset/hyphenate.js';

const show = (html: string) => html.replaceAll('\u00ad', '|');

describe('wordHyphenator', () => {
  it('breaks by the language’s patterns, keeping its minimum fragments', () => {
    const en = wordHyphenator('en');
    expect(show(en?.('interconnected') ?? '')).toBe('in|ter|con|nected');
    const it = wordHyphenator('it');
    expect(show(it?.('applicazione') ?? '')).toBe('ap|pli|ca|zio|ne');
  });
  it('never breaks inside a ligature', () => {
    expect(show(wordHyphenator('en')?.('definition') ?? '')).not.toMatch(/f\|[fijl]/);
  });
  it('finds patterns for a regional tag, and none for a language without them', () => {
    expect(patternsName('en-GB')).toBe('en-gb');
    expect(patternsName('de')).toBe('de-1996');
    expect(patternsName('pt-BR')).toBe('pt');
    expect(patternsName('ja')).toBeUndefined();
    expect(wordHyphenator('ja')).toBeUndefined();
  });
});

describe('hyphenateHtml', () => {
  it('hyphenates running text but not a paragraph’s last word', () => {
    expect(show(hyphenateHtml('<p>The interconnected realities everywhere.</p>', 'en'))).toBe(
      '<p>The in|ter|con|nected re|al|i|ties everywhere.</p>',
    );
  });
  it('leaves headings, captions, links, code and capitals whole', () => {
    const html =
      '<h2>Interconnected realities</h2><figure><figcaption>Interconnected realities</figcaption></figure>' +
      '<p><a href="#x">interconnected</a> <code>interconnected</code> INTERCONNECTED realities end.</p>';
    const out = show(hyphenateHtml(html, 'en'));
    expect(out).toContain('<h2>Interconnected realities</h2>');
    expect(out).toContain('<figcaption>Interconnected realities</figcaption>');
    expect(out).toContain(
      '<a href="#x">interconnected</a> <code>interconnected</code> INTERCONNECTED re|al|i|ties',
    );
  });
  it('follows lang attributes, and leaves text in a language without patterns whole', () => {
    const out = show(
      hyphenateHtml(
        '<p>realities <span lang="it">applicazione</span> <span lang="ja">interconnected</span> end</p>',
        'en',
      ),
    );
    expect(out).toContain('re|al|i|ties <span lang="it">ap|pli|ca|zio|ne</span>');
    expect(out).toContain('<span lang="ja">interconnected</span>');
  });
  it('passes entities over whole', () => {
    expect(hyphenateHtml('<p>&amp;interconnected; &hellip; end</p>', 'en')).toContain('&hellip;');
  });
});
