/** What each front matter key expects and how to write it, for the messages of its errors. */
import { COVER_EXPECTED, COVER_HINT } from './front-matter-cover.js';

export const EXPECTED: Record<string, string> = {
  author: 'a name or a list of names',
  translator: 'a name or a list of names',
  date: 'a date written YYYY-MM-DD',
  updated: 'a date written YYYY-MM-DD',
  identifier: 'one word without spaces, such as urn:isbn:9780000000000',
  keywords: 'a list of texts',
  notes: 'a list of texts',
  toc: 'true or false',
  cover: COVER_EXPECTED,
  'author-id': 'one word (an ORCID, a slug) or a list of them, one per author',
  source: 'a language tag such as en',
  silence: 'a set of "rule: reason" lines',
};

export function hintFor(key: string): string {
  switch (key) {
    case 'author':
    case 'translator':
      return `write "${key}: Jane Doe" or a list "${key}: [Jane Doe, John Roe]"`;
    case 'date':
    case 'updated':
      return `write the date as YYYY-MM-DD, for example "${key}: 2021-02-19"`;
    case 'identifier':
      return 'write the edition\'s own identifier, for example "identifier: urn:isbn:9780000000000", or leave the key out for one derived from the article';
    case 'toc':
      return 'write "toc: true" for a table of contents, "toc: false" for none, or leave the key out to have one when the article has 6 sections or more';
    case 'keywords':
    case 'notes':
      return `write "${key}" as a YAML list of texts, for example "${key}: [one, two]"`;
    case 'cover':
      return COVER_HINT;
    case 'author-id':
      return 'write the same identifier in every language, for example "author-id: 0000-0002-1825-0097" (an ORCID) or "author-id: jane-doe"';
    case 'source':
      return 'name the language the article was written in, as its file is named: "source: en" for en.md';
    case 'silence':
      return 'write one "rule: reason" line under "silence:", for example "title-untranslated: the title is a proper name"';
    default:
      return `write "${key}" as text on one line, for example "${key}: My essay" (quote it if it contains ": ")`;
  }
}
