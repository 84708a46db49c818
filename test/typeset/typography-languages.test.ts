/**
 * The typographic pass language by language: each language's quotes, French spacing, the
 * marks of Hebrew, Chinese and Japanese left with their own punctuation, and code and URLs
 * left alone in every language.
 */
import { describe, expect, it } from 'vitest';
import { type Segment, typograph, typographSegments } from '../../src/typeset/typography.js';
import { cpuMs } from '../helpers/cpu-time.js';

/** No-break spaces made visible: ⍽ for U+00A0, ⎵ for the narrow U+202F. */
const show = (text: string) => text.replaceAll('\u00a0', '⍽').replaceAll('\u202f', '⎵');
const set = (text: string, lang: string) => show(typograph(text, lang));

describe('quotation marks, outer and inner', () => {
  const nested = `He wrote "a 'b' c" here.`;
  const cases: [string, string][] = [
    ['en', 'He wrote “a ‘b’ c” here.'],
    ['de', 'He wrote „a ‚b‘ c“ here.'],
    ['de-AT', 'He wrote „a ‚b‘ c“ here.'],
    ['de-CH', 'He wrote «a ‹b› c» here.'],
    ['ru', 'He wrote «a „b“ c» here.'],
    ['uk', 'He wrote «a „b“ c» here.'],
    ['pl', 'He wrote „a «b» c” here.'],
    ['cs', 'He wrote „a ‚b‘ c“ here.'],
    ['es', 'He wrote «a “b” c» here.'],
    ['pt', 'He wrote «a “b” c» here.'],
    ['pt-BR', 'He wrote “a ‘b’ c” here.'],
    ['el', 'He wrote «a “b” c» here.'],
    ['nl', 'He wrote ‘a “b” c’ here.'],
    ['tr', 'He wrote “a ‘b’ c” here.'],
    ['fa', 'He wrote «a ‹b› c» here.'],
    ['ar', 'He wrote ”a ’b‘ c“ here.'],
    ['he', 'He wrote ”a ’b’ c” here.'],
  ];
  for (const [lang, expected] of cases) {
    it(lang, () => expect(typograph(nested, lang)).toBe(expected));
  }
});

describe('French', () => {
  it('narrow no-break spaces inside « » and before ; : ! ?, whether spaced or not', () => {
    expect(set('Il a dit "oui" : pourquoi ? Voilà ; non !', 'fr')).toBe(
      'Il a dit «⎵oui⎵»⎵: pourquoi⎵? Voilà⎵; non⎵!',
    );
    expect(set('Pourquoi? Voici: «oui»; non!', 'fr')).toBe('Pourquoi⎵? Voici⎵: «⎵oui⎵»⎵; non⎵!');
    expect(set('Quoi?! Il est 10:30, voir ISO:8601.', 'fr')).toBe(
      'Quoi⎵?! Il est 10:30, voir ISO:8601.',
    );
    expect(set('fr-CA aussi : « oui »', 'fr-CA')).toBe('fr-CA aussi⎵: «⎵oui⎵»');
  });
  it('leaves Swiss French and other languages unspaced', () => {
    expect(set('Pourquoi? Voici: "oui"', 'fr-CH')).toBe('Pourquoi? Voici: «oui»');
    expect(set('Warum? Hier: "ja"', 'de')).toBe('Warum? Hier: „ja“');
  });
  it('never spaces code or a URL', () => {
    const segments: Segment[] = [
      { text: 'Tapez ' },
      { text: 'a?b:c;', verbatim: true },
      { text: ' ou voyez https://example.org/a?b=c;d!e et mailto:a@b.fr!' },
    ];
    expect(typographSegments(segments, 'fr').map(show)).toEqual([
      'Tapez ',
      'a?b:c;',
      ' ou voyez https://example.org/a?b=c;d!e et mailto:a@b.fr⎵!',
    ]);
  });
});

describe('Chinese and Japanese', () => {
  it('pairs quotes between ideographs, with no space around them', () => {
    expect(typograph('他说"你好"，然后走了。', 'zh-Hans')).toBe('他说“你好”，然后走了。');
    expect(typograph('彼は"こんにちは"と言った。', 'ja')).toBe('彼は「こんにちは」と言った。');
    expect(typograph('他說"你好"。', 'zh-Hant')).toBe('他說「你好」。');
  });
  it('leaves full-width punctuation and spacing as written, with no Latin no-break space', () => {
    const text = '第 3 章：城市 — 监控？是的！见 p. 12 与 Dr. Li。';
    expect(typograph(text, 'zh-Hans')).toBe(text);
    expect(typograph('東京：二〇二四年 — 監視？', 'ja')).toBe('東京：二〇二四年 — 監視？');
  });
});

describe('Hebrew', () => {
  it('writes gershayim and geresh between letters, quotes elsewhere', () => {
    expect(typograph('צה"ל ו-ג\'ירפה', 'he')).toBe('צה״ל ו-ג׳ירפה');
    expect(typograph('הוא אמר "שלום" לצה"ל', 'he')).toBe('הוא אמר ”שלום” לצה״ל');
  });
});

describe('every language', () => {
  const langs = ['en', 'it', 'fr', 'de', 'es', 'pt', 'nl', 'pl', 'cs', 'ru', 'uk', 'el', 'tr'];
  const more = ['ar', 'he', 'fa', 'hi', 'zh-Hans', 'zh-Hant', 'ja', 'ko'];
  it('leaves inline code and URLs alone, and a second pass changes nothing', () => {
    for (const lang of [...langs, ...more]) {
      const segments: Segment[] = [
        { text: `"A 'b' c" : d? e! -- 2011-2014... see https://x.org/a--b?c=1;d "` },
        { text: `"x" --y z? 'q'`, verbatim: true },
        { text: `" ok.` },
      ];
      const once = typographSegments(segments, lang);
      expect(once[1], lang).toBe(`"x" --y z? 'q'`);
      expect(once[0], lang).toContain('https://x.org/a--b?c=1;d');
      const again = typographSegments(
        once.map((text, i) => ({ text, verbatim: segments[i]?.verbatim })),
        lang,
      );
      expect(again, lang).toEqual(once);
    }
  });
});

describe('the pass stays linear with each language’s rules', () => {
  /** 1× and 8× the text, run in turn: about 8 if the pass is linear, 64 if quadratic. */
  const ratio = (lang: string, text: string) => {
    const run = (n: number) => {
      const segments: Segment[] = [];
      for (let i = 0; i < n; i++) {
        segments.push({ text: text.repeat(3) }, { text: 'a?b:c', verbatim: true });
      }
      return cpuMs(() => typographSegments(segments, lang));
    };
    run(4000);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < 5; i++) {
      small.push(run(500));
      large.push(run(4000));
    }
    // CPU time; the shortest large run against the middle small one: one small run that
    // happens to miss a collection should not count.
    const middle = small.sort((a, b) => a - b)[2] ?? 0;
    return Math.min(...large) / middle;
  };
  it('French, Chinese and Hebrew', () => {
    expect(ratio('fr', `Il dit "oui"; pourquoi? «non» : l'an 2011-2014! `)).toBeLessThan(22);
    expect(ratio('zh-Hans', `他说"你好'世界'"，然后走了。"再见`)).toBeLessThan(22);
    expect(ratio('he', `הוא אמר "שלום" לצה"ל ו-ג'ירפה '`)).toBeLessThan(22);
  });
});
