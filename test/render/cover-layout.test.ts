/**
 * The cover's title breaking, measured in the shipped faces: on the articles' own titles in
 * both languages and on titles made to be hard (long, with long words, with short ones).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/load.js';
import { coverFaces } from '../../src/render/cover.js';
import { COLUMN, coverDesign } from '../../src/render/cover-design.js';
import { balance, pieces, setBlock } from '../../src/render/cover-layout.js';
import { widthOf } from '../../src/render/cover-metrics.js';
import { typograph } from '../../src/typeset/typography.js';
import { ARTICLES, ROOT } from '../helpers/editions.js';

const { tables } = await coverFaces();
const column = COLUMN.right - COLUMN.left;
const words = (text: string) => text.split(/[ \t\n]+/).filter(Boolean);
const FIXTURE = `${ROOT}/test/fixtures/cover-article`;

describe('the width table read from the font', () => {
  it('measures letters by their advance widths, not by count', () => {
    const size = 100;
    // Same number of letters, very different widths in a proportional face.
    expect(widthOf(tables.title, 'iiiiiiii', size)).toBeLessThan(
      widthOf(tables.title, 'MMMMMMMM', size) / 2,
    );
    // Source Serif 4 Display Semibold: "M" is a little under one em, "i" about a quarter.
    expect(widthOf(tables.title, 'M', 1)).toBeGreaterThan(0.8);
    expect(widthOf(tables.title, 'i', 1)).toBeLessThan(0.35);
  });
});

describe('the articles’ covers', () => {
  const cases = [
    ...['article', 'second'].flatMap((name) =>
      ['en', 'it'].map((lang) => ({ dir: ARTICLES[name as keyof typeof ARTICLES], lang })),
    ),
    { dir: FIXTURE, lang: 'en' },
    { dir: FIXTURE, lang: 'it' },
  ];
  it.each(cases)(
    '$dir ($lang): every word of the title, in lines within the column',
    async ({ dir, lang }) => {
      const article = await loadArticle(dir);
      const edition = article.editions.find((e) => e.lang === lang);
      if (!edition) throw new Error(`no ${lang} edition`);
      const title = typograph(edition.meta.title, lang);
      const design = coverDesign(
        {
          title,
          subtitle: edition.meta.subtitle && typograph(edition.meta.subtitle, lang),
          authors: edition.meta.authors,
          year: edition.meta.date?.slice(0, 4),
        },
        tables,
        edition.meta.cover !== undefined,
      );
      const lines = design.title.lines;
      expect(lines.map((l) => l.text).join(' ')).toBe(words(title).join(' '));
      expect(lines.length).toBeGreaterThan(1);
      for (const line of [...lines, ...(design.subtitle?.lines ?? []), ...design.author.lines]) {
        // Centred in the column, each line's half-width stays inside it.
        expect(line.width).toBeLessThanOrEqual(column);
      }
      for (const line of lines) {
        expect(line.width).toBeCloseTo(widthOf(tables.title, line.text, design.title.size), 6);
        expect(line.y).toBeGreaterThan(design.titleBox.top);
        expect(line.y).toBeLessThan(design.titleBox.bottom);
      }
      // Balanced: no line much shorter than the longest, no lone short word.
      const widths = lines.map((l) => l.width);
      expect(Math.min(...widths)).toBeGreaterThan(0.5 * Math.max(...widths));
      expect(lines.every((l) => words(l.text).length > 1 || [...l.text].length >= 4)).toBe(true);
    },
  );
});

describe('balanced breaking', () => {
  const measure = (text: string) => widthOf(tables.title, text, 120);
  const word = fc.stringMatching(/^[A-Za-zàèéìòù]{1,12}$/);

  it('sets every word once, in order, in lines no wider than the column', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), (title) => {
        const lines = balance(title, measure, column);
        if (!lines) return;
        expect(lines.map((l) => l.text).join(' ')).toBe(title.join(' '));
        for (const line of lines) expect(line.width).toBeLessThanOrEqual(column);
      }),
    );
  });

  it('never uses more lines than greedy filling needs, or one more to save a lone short word', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 20 }), (title) => {
        const lines = balance(title, measure, column);
        if (!lines) return;
        let greedy = 1;
        let line = '';
        for (const w of title) {
          const next = line ? `${line} ${w}` : w;
          if (line && measure(next) > column) {
            greedy++;
            line = w;
          } else line = next;
        }
        expect(lines.length).toBeGreaterThanOrEqual(greedy);
        expect(lines.length).toBeLessThanOrEqual(greedy + 1);
      }),
    );
  });

  it('does not leave a short word alone on the last line', () => {
    const lines = balance(
      words('The smart city and the surveillance of its citizens in China: a'),
      measure,
      column,
    );
    expect(lines?.at(-1)?.text.split(' ').length).toBeGreaterThan(1);
  });

  it('a title too long for the box is set small, and a word too wide is shrunk to fit', () => {
    const long = 'Notes on the long history of the tram lines of an imaginary city '.repeat(6);
    const set = setBlock(long, tables.title, column, 1000, {
      max: 150,
      min: 64,
      leading: 1.12,
      maxLines: 5,
    });
    expect(set.lines.map((l) => l.text).join(' ')).toBe(words(long).join(' '));
    for (const line of set.lines) expect(line.width).toBeLessThanOrEqual(column);
    const wide = setBlock(
      'Donaudampfschifffahrtsgesellschaftskapitänsmütze',
      tables.title,
      column,
      1000,
      {
        max: 150,
        min: 64,
        leading: 1.12,
        maxLines: 5,
      },
    );
    expect(wide.lines).toHaveLength(1);
    expect(wide.lines[0]?.width).toBeLessThanOrEqual(column);
  });
});

describe('titles without spaces (Chinese, Japanese)', () => {
  it('break between characters, never before closing punctuation nor after opening', () => {
    const { words, glue } = pieces('地図から都市を読む、「街」の話');
    expect(words).toEqual([
      '地',
      '図',
      'か',
      'ら',
      '都',
      '市',
      'を',
      '読',
      'む、',
      '「街」',
      'の',
      '話',
    ]);
    expect(glue.slice(0, -1).every((g) => g === '')).toBe(true);
    expect(glue.at(-1)).toBe(' ');
  });

  it('never start a line with the prolonged sound mark or an iteration mark', () => {
    expect(pieces('スーパー人々').words).toEqual(['スー', 'パー', '人々']);
  });

  it('break between ideographs of the supplementary planes too', () => {
    expect(pieces('𠮷𠮟る野').words).toEqual(['𠮷', '𠮟', 'る', '野']);
  });

  it('keep words whole and their spaces between them in a mixed title', () => {
    const { words, glue } = pieces('東京 2024年 maps');
    expect(words).toEqual(['東', '京', '2024', '年', 'maps']);
    expect(glue).toEqual(['', ' ', '', ' ', ' ']);
  });

  it('are set in more than one line when one would not fit, joined without spaces', () => {
    const title = '从地图读懂一座城市的街道与河流';
    const set = setBlock(title, tables.title, column, 700, {
      max: 150,
      min: 60,
      leading: 1.12,
      maxLines: 4,
    });
    expect(set.lines.length).toBeGreaterThan(1);
    expect(set.lines.map((l) => l.text).join('')).toBe(title);
    for (const line of set.lines) expect(line.width).toBeLessThanOrEqual(column);
  });
});
