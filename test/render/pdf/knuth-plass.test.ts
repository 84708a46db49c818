/**
 * The choice of line breaks on made-up paragraphs: the letters' share of the slack, and
 * breaks that Chromium would not keep because its own opportunity (beside a formula, after
 * a hyphen) lets the next words up onto the line.
 */
import { describe, expect, it } from 'vitest';
import { type BreakOptions, chooseBreaks, type Item } from '../../../src/render/pdf/knuth-plass.js';

const OPTIONS: BreakOptions = {
  stretch: 0.8,
  shrink: 1 / 3,
  loose: 0.75,
  tracking: 0,
  tighten: 0,
  hyphenPenalty: 50,
  doubleHyphenDemerits: 3000,
  fitnessDemerits: 3000,
};
const word = (width: number, chars = Math.round(width / 8)): Item => ({
  kind: 'box',
  width,
  chars,
});
const space: Item = { kind: 'glue', width: 4 };
const beside: Item = { kind: 'wrap', choosable: false, flagged: false };
/** Words separated by spaces. */
const width = (w: number) => () => w;

describe('chooseBreaks', () => {
  it('lets letters take what the spaces cannot, within their tracking, and only that', () => {
    // Two words of 40 letters and one space in a line of 100: 16 px of room for 3.2 px of
    // stretch, a ratio of 5, past any tolerance for the spaces alone.
    const loose = [word(40, 40), space, word(40, 40), space, word(90, 90)];
    expect(chooseBreaks(loose, width(100), 1.5, OPTIONS)).toBeUndefined();
    // 79 letters spaced (not the last of the line's words) at 0.2 px each: 15.8 px.
    const tracked = chooseBreaks(loose, width(100), 1.5, { ...OPTIONS, tracking: 0.2 });
    expect(tracked?.map((b) => b.at)).toEqual([3, 5]);
    // Two px too long for the space's shrink (1.33 px): 99 letters tightened by 0.05 px fit,
    // and spacing letters does not tighten them.
    const tight = [word(50, 50), space, word(50, 50), space, word(90, 90)];
    expect(chooseBreaks(tight, width(102), 1.5, { ...OPTIONS, tracking: 0.05 })).toBeUndefined();
    const tightened = chooseBreaks(tight, width(102), 1.5, { ...OPTIONS, tighten: 0.05 });
    expect(tightened?.map((b) => b.at)).toEqual([3, 5]);
    expect(tightened?.[0]?.room).toBeCloseTo(-2);
    // A paragraph its spaces can set is set the same with or without tracking.
    const even = [word(40), space, word(42), space, word(80)];
    const plain = chooseBreaks(even, width(88), 1.5, OPTIONS);
    expect(plain?.map((b) => b.at)).toEqual([3, 5]);
    expect(plain?.[0]?.ratio).toBeCloseTo(2 / 3.2);
    expect(chooseBreaks(even, width(88), 1.5, { ...OPTIONS, tracking: 0.2 })).toEqual(plain);
  });

  it('does not break where Chromium, breaking beside a formula, would pull the next words up', () => {
    // "aa aa bb(x) cccc": a break after "aa aa" leaves 30 px, where "bb(" (4 + 10) would fit
    // before the formula, whatever no-break spaces say: Chromium would break there instead.
    const formula = (before: number, after: number): Item[] => [
      word(30),
      space,
      word(26),
      space,
      word(before),
      beside,
      word(8, 0),
      beside,
      space,
      word(after),
    ];
    expect(chooseBreaks(formula(10, 60), width(90), 10, OPTIONS)?.map((b) => b.at)).toEqual([
      8, 10,
    ]);
    // With "bb(" too wide to come up, the break before it is the one to take.
    expect(chooseBreaks(formula(40, 30), width(90), 10, OPTIONS)?.map((b) => b.at)).toEqual([
      3, 10,
    ]);
  });

  it('may break after a hyphen inside a word, as Chromium may', () => {
    // "aaaa bbbb well-known cccc": the only good line ends after "well-".
    const hyphen = (choosable: boolean): Item[] => [
      word(40),
      space,
      word(36),
      space,
      word(30),
      { kind: 'wrap', choosable, flagged: true },
      word(40),
      space,
      word(60),
    ];
    expect(chooseBreaks(hyphen(true), width(115), 1.5, OPTIONS)?.map((b) => b.at)).toEqual([5, 9]);
    expect(chooseBreaks(hyphen(false), width(115), 1.5, OPTIONS)).toBeUndefined();
  });
});
