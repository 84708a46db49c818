import { describe, expect, it } from 'vitest';
import { checkTranslations } from '../../src/check/translations.js';
import { edition, FRONT } from './helpers.js';

const en = (body: string, front = FRONT('Reading a city')) => edition('en', `${front}${body}\n`);
const it_ = (body: string, front = FRONT('Leggere una città')) =>
  edition('it', `${front}${body}\n`);

describe('alt-untranslated', () => {
  it('warns at the second edition, naming where the first has the same alt text', () => {
    const findings = checkTranslations([
      en('![A tram crossing the bridge](images/a.png)'),
      it_('Testo.\n\n![A tram crossing the bridge](images/a.png)'),
    ]);
    expect(findings).toEqual([
      {
        severity: 'warning',
        rule: 'alt-untranslated',
        file: 'it.md',
        line: 8,
        column: 1,
        message: 'alt text of "images/a.png" is the same as in en.md:6:1; was it translated?',
        hint: 'write the alt text in the language of it.md (it)',
      },
    ]);
  });

  it('sees through the quote marks each language curls its own way', () => {
    const findings = checkTranslations([
      en('![The "Smart City" sign at the station](a.png)'),
      it_('![The "Smart City" sign at the station](a.png)'),
    ]);
    expect(findings.map((f) => f.rule)).toEqual(['alt-untranslated']);
  });

  it('accepts translated alt text, one-word names and editions of the same language', () => {
    expect(
      checkTranslations([
        en('![A tram crossing the bridge](a.png) ![Xiongan](b.png)'),
        it_('![Un tram che attraversa il ponte](a.png) ![Xiongan](b.png)'),
        edition('en-US', `${FRONT('Reading a city, US')}![A tram crossing the bridge](a.png)\n`),
      ]),
    ).toEqual([]);
  });
});

describe('front matter between editions', () => {
  it('front-matter-author: a name spelt in another way passes, another number of authors does not', () => {
    expect(
      checkTranslations([
        en('Text.'),
        it_('Testo.', FRONT('Leggere una città', 'date: 2024-05-10\nauthor: J. Doe')),
      ]),
    ).toEqual([]);
    const findings = checkTranslations([
      en('Text.'),
      it_('Testo.', FRONT('Leggere una città', 'date: 2024-05-10\nauthor: [J. Doe, R. Roe]')),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'front-matter-author',
        file: 'it.md',
        line: 4,
        column: 1,
        message: '2 authors (J. Doe, R. Roe) but en.md:3:1 has 1 (Jane Doe)',
      }),
    ]);
  });

  it('front-matter-author: the author-ids must match when either edition gives them', () => {
    const withId = (id: string) => `date: 2024-05-10\nauthor: Jane Doe\nauthor-id: ${id}`;
    const ok = checkTranslations([
      en('Text.', FRONT('A title', withId('0000-0002-1825-0097'))),
      it_('Testo.', FRONT('Un titolo', withId('0000-0002-1825-0097'))),
    ]);
    expect(ok).toEqual([]);
    const [differs] = checkTranslations([
      en('Text.', FRONT('A title', withId('0000-0002-1825-0097'))),
      it_('Testo.', FRONT('Un titolo', withId('jane-doe'))),
    ]);
    expect(differs).toMatchObject({
      rule: 'front-matter-author',
      file: 'it.md',
      line: 5,
      message: 'author-id "jane-doe" differs from "0000-0002-1825-0097" in en.md:5:1',
    });
    const [missing] = checkTranslations([
      en('Text.', FRONT('A title', withId('jane-doe'))),
      it_('Testo.', FRONT('Un titolo')),
    ]);
    expect(missing).toMatchObject({ rule: 'front-matter-author', file: 'it.md', line: 3 });
  });

  it('front-matter-date: a different date, and a missing one', () => {
    const [changed] = checkTranslations([
      en('Text.'),
      it_('Testo.', FRONT('Leggere', 'author: Jane Doe\ndate: 2024-05-11')),
    ]);
    expect(changed).toMatchObject({
      severity: 'error',
      rule: 'front-matter-date',
      file: 'it.md',
      line: 4,
      message: 'date 2024-05-11 differs from 2024-05-10 in en.md:4:1',
    });
    const [missing] = checkTranslations([
      en('Text.'),
      it_('Testo.', FRONT('Leggere', 'author: Jane Doe')),
    ]);
    expect(missing).toMatchObject({
      rule: 'front-matter-date',
      file: 'it.md',
      line: 2,
      message: 'the front matter has no date, but en.md:4:1 has 2024-05-10',
    });
  });

  it('title-untranslated: a warning when two languages share a title', () => {
    const findings = checkTranslations([en('Text.'), it_('Testo.', FRONT('Reading a city'))]);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'title-untranslated',
        file: 'it.md',
        line: 2,
        column: 1,
        message: 'the title is the same as in en.md:2:1; was it translated?',
      }),
    ]);
  });

  it('identifier-duplicate: an error at the identifier of the second edition that repeats one', () => {
    const front = (title: string, id: string) =>
      FRONT(title, `author: Jane Doe\ndate: 2024-05-10\nidentifier: ${id}`);
    const findings = checkTranslations([
      en('Text.', front('Reading a city', 'urn:isbn:9780000000001')),
      it_('Testo.', front('Leggere una città', 'urn:isbn:9780000000001')),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'identifier-duplicate',
        file: 'it.md',
        line: 5,
        column: 1,
        message: 'identifier "urn:isbn:9780000000001" is also the identifier of en.md:5:1',
      }),
    ]);
    expect(
      checkTranslations([
        en('Text.', front('Reading a city', 'urn:isbn:9780000000001')),
        it_('Testo.', front('Leggere una città', 'urn:isbn:9780000000002')),
      ]),
    ).toEqual([]);
  });

  it('finds nothing when author and date agree and titles differ', () => {
    expect(checkTranslations([en('Text.'), it_('Testo.')])).toEqual([]);
  });
});
