import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/load.js';
import type { Finding } from '../../src/check/findings.js';
import { formatFinding } from '../../src/check/findings.js';
import { checkArticle, hasErrors } from '../../src/check/index.js';
import { RULES } from '../../src/check/rules.js';
import { article, edition, FRONT } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('checkArticle', () => {
  it('finds nothing in the shipped article and the second test article', async () => {
    for (const dir of ['article', 'test/fixtures/second-article']) {
      expect(checkArticle(await loadArticle(path.join(ROOT, dir)))).toEqual([]);
    }
  });

  it('reports the problems met while reading first, then every rule, in reading order', () => {
    const problem: Finding = {
      severity: 'error',
      rule: 'image-missing',
      message: 'image "images/b.png" was not found',
      hint: 'put it there',
      file: 'en.md',
      line: 9,
      column: 1,
    };
    const a = article(
      edition('en', `${FRONT('One')}![](images/a.png)\n\n## Two\n`),
      edition('it', `${FRONT('Uno')}![](images/a.png)\n\n### Due\n`),
    );
    const findings = checkArticle({ ...a, problems: [problem] });
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      'en.md:6 alt-missing',
      'en.md:9 image-missing',
      'it.md:6 alt-missing',
      'it.md:8 structure-headings',
    ]);
  });

  it('every finding has a rule known to RULES, with its severity, a hint and a location', () => {
    const a = article(
      edition('en', `${FRONT('T')}![IMG_1.png](a.png) <script>x</script>\n`),
      edition('it', `${FRONT('T', 'author: X')}![Image of a tram](b.png)\n`),
    );
    const findings = checkArticle(a);
    expect(findings.length).toBeGreaterThan(4);
    for (const f of findings) {
      expect(RULES[f.rule as keyof typeof RULES]?.severity).toBe(f.severity);
      expect(f.hint).not.toBe('');
      expect(f.line).toBeGreaterThan(0);
      expect(f.column).toBeGreaterThan(0);
    }
  });
});

describe('hasErrors', () => {
  const warning = {
    severity: 'warning',
    rule: 'alt-too-long',
    message: 'm',
    hint: 'h',
    file: 'en.md',
  } as const;
  it('counts warnings only when strict', () => {
    expect(hasErrors([warning], false)).toBe(false);
    expect(hasErrors([warning], true)).toBe(true);
    expect(hasErrors([{ ...warning, severity: 'error' }], false)).toBe(true);
    expect(hasErrors([], true)).toBe(false);
  });
});

it('formats a finding as file:line:column, severity, message, rule and hint', () => {
  expect(
    formatFinding({
      severity: 'warning',
      rule: 'alt-image-of',
      message: 'alt text starts with "Image of"',
      hint: 'say what it shows',
      file: 'article/en.md',
      line: 17,
      column: 3,
    }),
  ).toBe(
    'article/en.md:17:3: warning alt text starts with "Image of" [alt-image-of]\n  hint: say what it shows',
  );
});
