import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../src/check/structure.js';
import { article, edition, FRONT } from './helpers.js';

const en = (body: string) => edition('en', `${FRONT('Title')}${body}\n`);
const it_ = (body: string) => edition('it', `${FRONT('Titolo')}${body}\n`);
const check = (a: string, b: string) => checkStructure(article(en(a), it_(b)));

describe('structure-figures', () => {
  it('names both files and lines when a figure shows another file', () => {
    const [f] = check(
      '![Map](images/map.svg)\n\n![Chart](images/chart.png)',
      '![Mappa](images/map.svg)\n\n![Foto](images/photo.png)',
    );
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'structure-figures',
      file: 'it.md',
      line: 8,
      column: 1,
      message: 'figure 2 is "images/photo.png" here but "images/chart.png" at en.md:8:1',
    });
    expect(f?.hint).toContain(
      'en.md has "images/map.svg", "images/chart.png"; it.md has "images/map.svg", "images/photo.png"',
    );
  });

  it('reports the same files in another order', () => {
    const [f] = check('![A](a.png) ![B](b.png)', '![B](b.png) ![A](a.png)');
    expect(f?.message).toBe('figure 1 is "b.png" here but "a.png" at en.md:6:1');
  });

  it('reports a figure left out of a translation', () => {
    const [f] = check('![A](a.png)\n\n![B](b.png)', '![A](a.png)');
    expect(f).toMatchObject({
      rule: 'structure-figures',
      file: 'it.md',
      line: 6,
      message: 'figure 2 of 2, "b.png" at en.md:8:1, is missing here (it.md has 1 figure)',
    });
  });

  it('reports a figure only the translation has', () => {
    const [f] = check('![A](a.png)', '![A](a.png)\n\n![B](b.png)');
    expect(f).toMatchObject({
      file: 'it.md',
      line: 8,
      message: 'figure 2, "b.png", is not in en.md, which has 1 figure',
    });
  });

  it('compares files, not spellings of their paths', () => {
    expect(check('![A](images/a.png)', '![A](./images/../images/a.png)')).toEqual([]);
  });
});

describe('structure-headings', () => {
  it('names both files and lines at the first heading whose level differs', () => {
    const [f] = check('## One\n\n### Two\n\n## Three', '## Uno\n\n## Due\n\n## Tre');
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'structure-headings',
      file: 'it.md',
      line: 8,
      column: 1,
      message: 'heading 2 is "## Due" here but "### Two" at en.md:8',
    });
  });

  it('reports a missing heading', () => {
    const [f] = check('## One\n\n## Two', '## Uno');
    expect(f?.message).toBe(
      'heading 2 of 2, "## Two" at en.md:8, is missing here (it.md has 1 heading)',
    );
  });
});

describe('structure-footnotes and structure-tables', () => {
  it('reports a different number of footnotes, with the lines of each', () => {
    const [f] = check('A[^1] b[^2].\n\n[^1]: One.\n[^2]: Two.', 'A[^1] b.\n\n[^1]: Uno.');
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'structure-footnotes',
      file: 'it.md',
      line: 6,
      message: 'this edition has 1 footnote (line 6) but en.md has 2 footnotes (lines 6, 6)',
    });
  });

  it('counts a footnote referenced twice once', () => {
    expect(check('A[^1] b[^1].\n\n[^1]: One.', 'A[^1].\n\n[^1]: Uno.')).toEqual([]);
  });

  it('reports a different number of tables, with their lines', () => {
    const table = '| a | b |\n| - | - |\n| 1 | 2 |';
    const [f] = check(`${table}\n\nText.\n\n${table}`, `${table}\n\nTesto.`);
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'structure-tables',
      file: 'it.md',
      line: 6,
      message: 'this edition has 1 table (line 6) but en.md has 2 tables (lines 6, 12)',
    });
  });
});

it('finds nothing in editions with the same structure', () => {
  const body = (w: string) =>
    `## ${w}\n\n![${w}](a.png)\n\n${w}[^1]\n\n| x |\n| - |\n| 1 |\n\n### ${w}\n\n[^1]: ${w}`;
  expect(check(body('One'), body('Uno'))).toEqual([]);
});

it('compares every edition with the first', () => {
  const fr = edition('fr', `${FRONT('Titre')}## Un\n`);
  const findings = checkStructure(article(en('## One'), fr, it_('### Uno')));
  expect(findings.map((f) => f.file)).toEqual(['it.md']);
});
