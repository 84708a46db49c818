/** Hyphenation at build time: where soft hyphens go, and where they never do. */
import { describe, expect, it } from 'vitest';
import {
  hyphenateHtml,
  MIN_FRAGMENTS,
  patternsName,
  wordHyphenator,
} from '../../src/typeset/hyphenate.js';

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

describe('the languages the editions are written in', () => {
  const words: Record<string, string> = {
    de: 'Zusammenarbeit',
    fr: 'gouvernementale',
    es: 'administración',
    pt: 'administração',
    nl: 'samenwerking',
    pl: 'administracja',
    cs: 'spolupráce',
    ru: 'администрация',
    uk: 'адміністрація',
    el: 'διακυβέρνηση',
    tr: 'yönetimindeki',
  };
  for (const [lang, word] of Object.entries(words)) {
    it(`${lang}: has patterns, and keeps its minimum fragments`, () => {
      expect(patternsName(lang)).toBeDefined();
      const [left, right] = MIN_FRAGMENTS[lang] ?? [0, 0];
      expect(left).toBeGreaterThanOrEqual(2);
      expect(right).toBeGreaterThanOrEqual(2);
      const parts = (wordHyphenator(lang)?.(word) ?? '').split('\u00ad');
      expect(parts.length, word).toBeGreaterThan(2);
      expect(parts.join('')).toBe(word);
      expect([...(parts[0] ?? '')].length).toBeGreaterThanOrEqual(left);
      expect([...(parts.at(-1) ?? '')].length).toBeGreaterThanOrEqual(right);
    });
  }
  it('hi: breaks a word only between syllables, never inside one', () => {
    const hyphenate = wordHyphenator('hi');
    expect(hyphenate).toBeDefined();
    for (const word of ['प्रकाशित', 'पृष्ठभूमि', 'सामान्यीकरण', 'मानचित्रकार', 'संग्रहालय']) {
      const parts = (hyphenate?.(word) ?? '').split('\u00ad');
      expect(parts.length, word).toBeGreaterThan(1);
      expect(parts.join('')).toBe(word);
      // No piece starts with a vowel sign, a virama, a nukta or a nasal sign: each is a
      // syllable's tail, and stays with its consonant.
      for (const part of parts.slice(1)) expect(part, word).toMatch(/^[^\p{M}]/u);
    }
  });

  it('ar, he, fa, zh, ja, ko have no patterns: their PDFs are set unhyphenated', () => {
    for (const lang of ['ar', 'he', 'fa', 'zh-Hans', 'ja', 'ko']) {
      expect(wordHyphenator(lang), lang).toBeUndefined();
    }
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
  it('hyphenates the words of a cross-reference, which is no address', () => {
    const out = show(
      hyphenateHtml('<p>See <a class="xref" href="#eq:walk">Equazione 1</a> here.</p>', 'it'),
    );
    expect(out).toContain('<a class="xref" href="#eq:walk">Equa|zio|ne 1</a>');
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
  it('leaves addresses and dotted names written as text whole', () => {
    const out = show(
      hyphenateHtml(
        '<p>Write to information@organisation.example, see https://interconnected.example/realities or www.interconnected.example and configuration.json, interconnected realities end.</p>',
        'en',
      ),
    );
    expect(out).toContain(
      'Write to information@organisation.example, see https://interconnected.example/realities or www.interconnected.example and configuration.json, in|ter|con|nected re|al|i|ties end.',
    );
  });
  it('passes entities over whole', () => {
    expect(hyphenateHtml('<p>&amp;interconnected; &hellip; end</p>', 'en')).toContain('&hellip;');
  });
});
