import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/article/language.js';
import { identifierFor, modifiedDate, slugFor } from '../../src/render/model.js';

describe('slugFor', () => {
  it('makes a readable file name from a title in any Latin script', () => {
    expect(slugFor('China and smart cities: Big Brother is watching you (?)', 'x')).toBe(
      'china-and-smart-cities-big-brother-is-watching-you',
    );
    expect(slugFor('La Cina e le smart city: il Grande Fratello ti guarda (?)', 'x')).toBe(
      'la-cina-e-le-smart-city-il-grande-fratello-ti-guarda',
    );
  });
  it('falls back to the folder name when the title gives nothing usable', () => {
    expect(slugFor('中国与智慧城市', 'article')).toBe('article');
  });
  it('cuts long titles at a word boundary', () => {
    const slug = slugFor('word '.repeat(40), 'x');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('identifiers and dates', () => {
  it('the identifier is a stable UUID URN that depends on the language', () => {
    const en = identifierFor(['A'], '2021-02-19', 'article', 'en');
    expect(en).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(identifierFor(['A'], '2021-02-19', 'article', 'en')).toBe(en);
    expect(identifierFor(['A'], '2021-02-19', 'article', 'it')).not.toBe(en);
  });
  const edition = (date?: string) =>
    ({ mtime: 1_600_000_000, meta: { date } }) as unknown as Parameters<typeof modifiedDate>[0];
  it('modified date: SOURCE_DATE_EPOCH, else the article date, else the file time', () => {
    expect(modifiedDate(edition('2021-02-19'), 1_700_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(modifiedDate(edition('2021-02-19'), undefined)).toBe('2021-02-19T00:00:00Z');
    expect(modifiedDate(edition(undefined), undefined)).toBe('2020-09-13T12:26:40Z');
  });
  it('dates read day-month-year in each language', () => {
    expect(formatDate('2021-02-19', 'en')).toBe('19 February 2021');
    expect(formatDate('2021-02-19', 'it')).toBe('19 febbraio 2021');
  });
});
