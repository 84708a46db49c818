/**
 * The typographic pass (src/typeset/typography.ts): quotes, apostrophes, dashes, ellipses and
 * no-break spaces per language, code and URLs left alone, idempotent and linear.
 */
import { describe, expect, it } from 'vitest';
import {
  quoteMarks,
  type Segment,
  typograph,
  typographSegments,
} from '../../src/typeset/typography.js';
import { cpuMs } from '../helpers/cpu-time.js';

/** No-break spaces made visible: ⍽ for U+00A0, ⎵ for the narrow U+202F. */
const show = (text: string) => text.replaceAll('\u00a0', '⍽').replaceAll('\u202f', '⎵');
const en = (text: string) => show(typograph(text, 'en'));
const it_ = (text: string) => show(typograph(text, 'it'));

describe('quotes, per language', () => {
  it('English: “ ” outside, ‘ ’ inside', () => {
    expect(en('He said "smart"')).toBe('He said “smart”');
    expect(en(`"A 'smart' city," she said.`)).toBe('“A ‘smart’ city,” she said.');
  });
  it('Italian: « » outside, “ ” inside', () => {
    expect(it_('L\'espressione "smart city"')).toBe('L’espressione «smart city»');
    expect(it_(`Disse: "la città 'intelligente' ci guarda".`)).toBe(
      'Disse: «la città “intelligente” ci guarda».',
    );
  });
  it('French: « » with narrow no-break spaces inside, “ ” inside them', () => {
    expect(show(typograph(`Il a dit "c'est 'smart'".`, 'fr'))).toBe('Il a dit «⎵c’est “smart”⎵».');
    expect(show(typograph('Pourquoi ? Voici : « oui » ; non !', 'fr'))).toBe(
      'Pourquoi⎵? Voici⎵: «⎵oui⎵»⎵; non⎵!',
    );
    // Swiss French: no spaces inside, single guillemets inside.
    expect(show(typograph(`"Oui 'non'"`, 'fr-CH'))).toBe('«Oui ‹non›»');
  });
  it('German, Spanish, Russian, Polish, Dutch, Swedish and an unknown language', () => {
    const both = `"a 'b' c"`;
    expect(typograph(both, 'de')).toBe('„a ‚b‘ c“');
    expect(typograph(both, 'es')).toBe('«a “b” c»');
    expect(typograph(both, 'pt')).toBe('«a “b” c»');
    expect(typograph(both, 'ru')).toBe('«a „b“ c»');
    expect(typograph(both, 'uk')).toBe('«a „b“ c»');
    expect(typograph(both, 'pl')).toBe('„a «b» c”');
    expect(typograph(both, 'nl')).toBe('‘a “b” c’');
    expect(typograph(both, 'sv')).toBe('”a ’b’ c”');
    expect(typograph(both, 'xx')).toBe('“a ‘b’ c”');
    expect(quoteMarks('de-AT')).toEqual(['„', '“', '‚', '‘']);
  });
  it('quotes pair across punctuation and leave an inch mark alone', () => {
    expect(en('("smart")')).toBe('(“smart”)');
    expect(en('A "smart" city -- "really?"')).toBe('A “smart” city⍽– “really?”');
    expect(en('a 15" screen')).toBe('a 15" screen');
  });
});

describe('apostrophes and elisions', () => {
  it('between letters, and after a word', () => {
    expect(en("The Archivist's Dilemma")).toBe('The Archivist’s Dilemma');
    expect(en("it's the citizens' data")).toBe('it’s the citizens’ data');
    expect(it_("l'economia dell'autrice, un po' di più")).toBe(
      'l’economia dell’autrice, un po’ di più',
    );
  });
  it('at the start of a word: never an opening quote', () => {
    expect(en("the '90s")).toBe('the ’90s');
    expect(en("rock 'n' roll, rock 'n roll")).toBe('rock ’n’ roll, rock ’n roll');
    expect(en("'Tis the season, 'twas not, tell 'em 'til dawn")).toBe(
      '’Tis the season, ’twas not, tell ’em ’til dawn',
    );
    expect(it_("negli anni '30 e nel '900, la 'ndrangheta")).toBe(
      'negli anni ’30 e nel ’900, la ’ndrangheta',
    );
  });
  it('an elision inside quotes leaves the quotes to pair', () => {
    expect(en(`"the '90s were 'different'"`)).toBe('“the ’90s were ‘different’”');
    expect(it_(`"negli anni '30 e 'dopo'"`)).toBe('«negli anni ’30 e “dopo”»');
  });
});

describe('dashes and ellipses', () => {
  it('-- and --- become – and —; a spaced hyphen is a dash', () => {
    expect(en('word -- word')).toBe('word⍽– word');
    expect(en('word---word')).toBe('word—word');
    expect(en('word - word')).toBe('word⍽– word');
    expect(en('run it with --help or ----')).toBe('run it with --help or ----');
  });
  it('a spaced dash never starts a line', () => {
    expect(en('cities — and citizens — watch')).toBe('cities⍽— and citizens⍽— watch');
    expect(it_('la città – e i cittadini – guarda')).toBe('la città⍽– e i cittadini⍽– guarda');
  });
  it('... becomes …', () => {
    expect(en('Wait... what?')).toBe('Wait… what?');
    expect(it_('e poi...')).toBe('e poi…');
  });
  it('number ranges take an en dash', () => {
    expect(en('the plan 2011-2014, pp. 12-15, 1990-95, 10:30-11:30, 1.5-2 km')).toBe(
      'the plan 2011–2014, pp.⍽12–15, 1990–95, 10:30–11:30, 1.5–2 km',
    );
    expect(it_('il piano 2011-2014, pag. 12-15')).toBe('il piano 2011–2014, pag.⍽12–15');
  });
  it('but not dates, phone numbers, codes or words', () => {
    for (const text of [
      'on 2024-05-10',
      'call 555-123-4567 or 555-1234',
      'ZIP 12345-6789',
      'COVID-19 and the F-16',
      'version v1.2-3',
      'ISBN 978-3-16-148410-0',
    ]) {
      expect(typograph(text, 'en')).toBe(text);
    }
  });
});

describe('no-break spaces after short abbreviations', () => {
  it('English', () => {
    expect(en('see p. 12, pp. 3-4, Fig. 2, No. 5 and Dr. Smith')).toBe(
      'see p.⍽12, pp.⍽3–4, Fig.⍽2, No.⍽5 and Dr.⍽Smith',
    );
    expect(en('e.g. this, i.e. that, as I said no. Then')).toBe(
      'e.g. this, i.e. that, as I said no. Then',
    );
  });
  it('Italian', () => {
    expect(it_('a pag. 3, il sig. Rossi e la dott. Bianchi, n. 5')).toBe(
      'a pag.⍽3, il sig.⍽Rossi e la dott.⍽Bianchi, n.⍽5',
    );
  });
  it('French', () => {
    expect(show(typograph('M. Dupont et Mme Durand, p. 4', 'fr'))).toBe(
      'M.⍽Dupont et Mme⍽Durand, p.⍽4',
    );
  });
});

describe('code and URLs are left alone', () => {
  it('a verbatim segment is untouched and quotes pair around it', () => {
    const segments: Segment[] = [
      { text: 'Type "' },
      { text: `echo "it's" -- 2011-2014...`, verbatim: true },
      { text: '" then ' },
      { text: '\n', verbatim: true },
      { text: `'go'` },
    ];
    expect(typographSegments(segments, 'en')).toEqual([
      'Type “',
      `echo "it's" -- 2011-2014...`,
      '” then ',
      '\n',
      '‘go’',
    ]);
  });
  it('a quote opened in one segment closes in another', () => {
    const segments = [
      { text: 'He said "' },
      { text: 'smart' },
      { text: `" and 'n` },
      { text: `'` },
    ];
    expect(typographSegments(segments, 'it')).toEqual(['He said «', 'smart', '» and “n', '”']);
  });
  it('URLs and e-mail addresses keep their characters', () => {
    const text = `see https://example.org/a--b/1990-2000/it's...x and www.example.com/p-1 or a--b@example.org.`;
    expect(typograph(text, 'en')).toBe(text);
    expect(typograph('"https://example.org/" -- ok', 'en')).toBe(
      '“https://example.org/”\u00a0– ok',
    );
  });
});

describe('the pass as a whole', () => {
  const corpus: [string, string][] = [
    ['He said "smart" -- it\'s More\'s city... in 2011-2014 (pp. 12-15)', 'en'],
    [`"A 'smart' city," -- the '90s, rock 'n' roll, 'tis 'em`, 'en'],
    [`"Disse 'ciao' a tutti" -- anni '30, dell'autrice, pag. 3, sig. Rossi`, 'it'],
    [`Il a dit "c'est 'smart'" : pourquoi ? M. Dupont`, 'fr'],
    [`"a 'b" c' d "e`, 'en'],
    [`'a "b' c" d 'e`, 'it'],
    ['a 15"" screen, 2024-05-10, word - word', 'de'],
  ];
  it('is idempotent: a second pass changes nothing', () => {
    for (const [text, lang] of corpus) {
      const once = typograph(text, lang);
      expect(typograph(once, lang), `${lang}: ${text}`).toBe(once);
    }
  });
  it('takes time in proportion to the text', () => {
    const run = (n: number) => {
      const segments: Segment[] = [];
      for (let i = 0; i < n; i++) {
        segments.push({ text: `He said "smart -- it's the '90s, pp. 12-15, ` });
        segments.push({ text: 'code "x"', verbatim: true });
        segments.push({ text: ` and 'this' -- l'economia... 2011-2014 – ok" ` });
      }
      return cpuMs(() => typographSegments(segments, 'en'));
    };
    // The shortest of several runs of CPU time, taken in turn: a collection may land in any.
    // Eight times the text takes about 8 times as long if the pass is linear and 64 times if
    // quadratic: the bound sits between them with room for a busy machine's noise.
    run(4000);
    const times = { small: [] as number[], large: [] as number[] };
    for (let i = 0; i < 5; i++) {
      times.small.push(run(500));
      times.large.push(run(4000));
    }
    const ratio = Math.min(...times.large) / Math.min(...times.small);
    expect(ratio).toBeLessThan(22);
  });
});
