/**
 * The pagination of the printed page (paginate.ts), on units laid out by hand: blocks and
 * paragraph lines ten pixels tall, one after the other.
 */
import { describe, expect, it } from 'vitest';
import { type PageUnit, paginate } from '../../../src/render/pdf/paginate.js';

/** Units ten pixels tall, in order: a string is a block; [name, n] a paragraph of n lines. */
function layout(...parts: (string | [string, number])[]): PageUnit[] {
  const units: PageUnit[] = [];
  for (const part of parts) {
    const [el, count] = typeof part === 'string' ? [part, 0] : part;
    for (let index = 0; index < Math.max(count, 1); index++) {
      const top = units.length * 10;
      units.push({
        el,
        top,
        bottom: top + 10,
        marginBottom: 0,
        refs: [],
        keepWithNext: el.startsWith('h'),
        ...(count > 0 ? { line: { index, count } } : {}),
      });
    }
  }
  return units;
}

const OPTIONS = { height: 40, widows: 2, orphans: 2, noteHeight: () => 0, overhead: 0 };
const ranges = (pages: { start: number; end: number }[]) => pages.map((p) => [p.start, p.end]);

describe('paginate', () => {
  it('fills each page with as many units as fit', () => {
    const pages = paginate(layout('a', 'b', 'c', 'd', 'e', 'f'), OPTIONS, () => false);
    expect(ranges(pages)).toEqual([
      [0, 4],
      [4, 6],
    ]);
    expect(pages[0]?.used).toBe(40);
  });

  it('makes room for the notes a page refers to, and counts them on that page', () => {
    const units = layout('a', 'b', 'c', 'd', 'e');
    (units[1] as PageUnit).refs = ['fn1'];
    const options = { ...OPTIONS, noteHeight: () => 12, overhead: 3 };
    const pages = paginate(units, options, () => false);
    // Four units and a note of 12 under a rule of 3 would take 55: three fit with it.
    expect(ranges(pages)).toEqual([
      [0, 2],
      [2, 5],
    ]);
    expect(pages[0]).toMatchObject({ notes: ['fn1'], notesHeight: 15 });
  });

  it('leaves no widow or orphan: a paragraph breaks with two lines on each side', () => {
    // A block, then six lines: the page holds the block and three lines, the next page three.
    const units = layout('a', ['p', 6]);
    expect(ranges(paginate(units, OPTIONS, () => false))).toEqual([
      [0, 4],
      [4, 7],
    ]);
    // Four lines: three on the first page would leave one alone, so two go over.
    expect(ranges(paginate(layout('a', ['p', 4]), OPTIONS, () => false))).toEqual([
      [0, 3],
      [3, 5],
    ]);
    // A single line would open the paragraph at a page's foot: the paragraph goes over.
    expect(ranges(paginate(layout('a', 'b', 'c', ['p', 4]), OPTIONS, () => false))).toEqual([
      [0, 3],
      [3, 7],
    ]);
  });

  it('keeps a heading with what follows it', () => {
    const units = layout('a', 'b', 'c', 'h2', 'd');
    expect(ranges(paginate(units, OPTIONS, () => false))).toEqual([
      [0, 3],
      [3, 5],
    ]);
  });

  it('ends no page on a hyphen when the orphans allow one line fewer', () => {
    const units = layout(['p', 8]);
    expect(ranges(paginate(units, OPTIONS, () => false))).toEqual([
      [0, 4],
      [4, 8],
    ]);
    // The fourth line ends with a hyphen: the page ends after the third; then the widow rule
    // takes the next page's break back a line too.
    expect(ranges(paginate(units, OPTIONS, (unit) => unit === 3))).toEqual([
      [0, 3],
      [3, 6],
      [6, 8],
    ]);
  });
});
