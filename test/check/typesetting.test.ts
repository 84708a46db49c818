/** A language the typesetting cannot hyphenate is a note: said once, never a failure. */
import { describe, expect, it } from 'vitest';
import { checkArticle, hasErrors } from '../../src/check/index.js';
import { article, edition, FRONT } from './helpers.js';

describe('hyphenation-unavailable', () => {
  it('notes a language without patterns once, at its file, and never stops a build', () => {
    const findings = checkArticle(
      article(
        edition('en', `${FRONT('A title')}\nSome text.\n`),
        edition('ja', `${FRONT('日本語の題')}\n本文です。\n`),
      ),
    );
    const notes = findings.filter((f) => f.rule === 'hyphenation-unavailable');
    expect(notes).toEqual([expect.objectContaining({ severity: 'note', file: 'ja.md', line: 1 })]);
    expect(notes[0]?.message).toContain('"ja"');
    expect(hasErrors(notes, true)).toBe(false);
  });

  it('says nothing for languages with patterns, regional tags included', () => {
    const findings = checkArticle(
      article(
        edition('en-GB', `${FRONT('A title')}\nSome text.\n`),
        edition('it', `${FRONT('Un titolo')}\nDel testo.\n`),
      ),
    );
    expect(findings.filter((f) => f.rule === 'hyphenation-unavailable')).toEqual([]);
  });
});
