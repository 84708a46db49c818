/**
 * Where the cover's words go: the title set as large as its box allows and broken into
 * balanced lines (no line left with one short word, none ending on a one- or two-letter word
 * when it can be helped), then the subtitle and the authors, all measured in the faces that
 * draw them (cover-metrics.ts). Pure: the same title always gets the same lines.
 */
import { type WidthTable, widthOf } from './cover-metrics.js';
import { IDEOGRAPHIC } from './script-characters.js';

export interface CoverFaces {
  title: WidthTable;
  subtitle: WidthTable;
  author: WidthTable;
}

export interface SetLine {
  text: string;
  /** Baseline, in pixels from the top of the cover. */
  y: number;
  /** Measured advance width, in pixels. */
  width: number;
}

export interface TextBlock {
  size: number;
  lines: SetLine[];
}

/** A box the text is set in: the column between `left` and `right`, from `top` to `bottom`. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface CoverText {
  title: TextBlock;
  subtitle: TextBlock | undefined;
  author: TextBlock;
}

/**
 * Kerning is not measured; the lines are broken for a column this much narrower than it is,
 * which the pairs of a line never make up.
 */
const KERNING_ROOM = 0.97;
/** A line holding only a word this short (in letters) is a widow on a cover. */
const SHORT_WORD = 4;

export interface Sizes {
  /** Largest and smallest font size, in pixels, and the line height as a factor of it. */
  max: number;
  min: number;
  leading: number;
  maxLines: number;
}

/**
 * The largest size at which `text` fits in `width` and in `height` (counting the first line's
 * ascent as one size), in balanced lines; at the smallest size it takes the lines it needs.
 */
export function setBlock(
  text: string,
  table: WidthTable,
  width: number,
  height: number,
  sizes: Sizes,
): { size: number; lines: { text: string; width: number }[] } {
  const { words, glue } = pieces(text.replaceAll('\u00ad', ''));
  let fitting: { size: number; lines: { text: string; width: number }[] } | undefined;
  for (let size = sizes.max; size >= sizes.min; size -= 2) {
    const lines = balance(words, (t) => widthOf(table, t, size), width * KERNING_ROOM, glue);
    if (!lines || lines.length > sizes.maxLines) continue;
    if (blockHeight({ size, lines }, sizes.leading) > height) continue;
    // A size whose lines come out ragged gives way to a smaller one that sets them evenly.
    if (even(lines)) return { size, lines };
    fitting ??= { size, lines };
  }
  if (fitting) return fitting;
  // A title too long for its box: the smallest size, as many lines as it takes, each word
  // shrunk into the column if it is wider on its own.
  const longest = Math.max(...words.map((w) => widthOf(table, w, 1)), 1);
  const size = Math.min(sizes.min, Math.floor((width * KERNING_ROOM) / longest));
  const lines = balance(words, (t) => widthOf(table, t, size), width * KERNING_ROOM, glue) ?? [];
  return { size, lines };
}

/** Punctuation a CJK line never starts with, and punctuation it never ends with. */
const CLOSING = /[、。，．：；！？）」』】〉》〕］｝”’・ー々〜]/u;
const OPENING = /[（「『【〈《〔［｛“‘]/u;

/**
 * The text as the pieces a line may break between, each with what joins it to the next: a
 * space between words, nothing between CJK characters (their punctuation kept with the
 * character it belongs to).
 */
export function pieces(text: string): { words: string[]; glue: string[] } {
  const words: string[] = [];
  const glue: string[] = [];
  for (const token of text.split(/[ \t\n]+/).filter(Boolean)) {
    let piece = '';
    for (const char of token) {
      // A closing mark (、。」ー々…) is never a line's first character, CJK as it may be.
      const breakable = (IDEOGRAPHIC.test(char) && !CLOSING.test(char)) || OPENING.test(char);
      if (
        breakable &&
        piece !== '' &&
        !/^\p{Ps}*$/u.test(piece) &&
        !OPENING.test(piece.at(-1) ?? '')
      ) {
        words.push(piece);
        glue.push('');
        piece = '';
      } else if (!breakable && !CLOSING.test(char) && IDEOGRAPHIC.test(piece.at(-1) ?? '')) {
        words.push(piece);
        glue.push('');
        piece = '';
      }
      piece += char;
    }
    words.push(piece);
    glue.push(' ');
  }
  return { words, glue };
}

/** No line shorter than this part of the longest one. */
const EVEN = 0.6;

function even(lines: { width: number }[]): boolean {
  const widths = lines.map((l) => l.width);
  return lines.length < 2 || Math.min(...widths) >= EVEN * Math.max(...widths);
}

/**
 * Breaks `words` into the fewest lines no wider than `width`, and among those the most even:
 * the least sum of squared space left on each line (the sum of the widths being about the same
 * for any breaking into that many lines). A line of one short word or ending on a word of one
 * or two letters costs extra; when the fewest lines cannot avoid a lone short word, one line
 * more is tried. Undefined when a word alone is wider than `width`.
 */
export function balance(
  words: string[],
  measure: (text: string) => number,
  width: number,
  glue: string[] = words.map(() => ' '),
): { text: string; width: number }[] | undefined {
  if (words.length === 0) return [];
  // Without kerning, a line is as wide as its words and what joins them (glue: a space, or
  // nothing between CJK characters).
  const joins = glue.map((g) => measure(g));
  const ends = [0];
  for (const [i, word] of words.entries()) {
    ends.push((ends.at(-1) ?? 0) + measure(word) + (joins[i] ?? 0));
  }
  const span = (from: number, to: number) =>
    (ends[to] ?? 0) - (ends[from] ?? 0) - (joins[to - 1] ?? 0);
  const join = (from: number, to: number) =>
    words
      .slice(from, to)
      .map((word, k) => (from + k < to - 1 ? word + (glue[from + k] ?? ' ') : word))
      .join('');
  if (words.some((_, i) => span(i, i + 1) > width)) return undefined;
  const fewest = greedyCount(words.length, span, width);
  const first = bestBreaks(words, span, join, width, fewest);
  if (!first || first.cost < width * width) return first?.lines;
  const more = bestBreaks(words, span, join, width, fewest + 1);
  return more && more.cost < first.cost ? more.lines : first.lines;
}

/** The width of the line from word `from` up to (not including) word `to`. */
type Span = (from: number, to: number) => number;

function greedyCount(count: number, span: Span, width: number): number {
  let lines = 1;
  let start = 0;
  for (let i = 1; i < count; i++) {
    if (span(start, i + 1) > width) {
      lines += 1;
      start = i;
    }
  }
  return lines;
}

/** The cheapest breaking into exactly `lines` lines, by dynamic programming over break points. */
function bestBreaks(
  words: string[],
  span: Span,
  join: (from: number, to: number) => string,
  width: number,
  lines: number,
) {
  const n = words.length;
  if (lines > n) return undefined;
  // cost[k * (n + 1) + i]: the cheapest way to set the first i words in k lines; from[…]: the
  // index its last line starts at.
  const at = (k: number, i: number) => k * (n + 1) + i;
  const cost = new Array<number>((lines + 1) * (n + 1)).fill(Infinity);
  const from = new Array<number>((lines + 1) * (n + 1)).fill(-1);
  cost[at(0, 0)] = 0;
  for (let k = 1; k <= lines; k++) {
    for (let i = k; i <= n; i++) {
      for (let j = k - 1; j < i; j++) {
        const lineWidth = span(j, i);
        if (lineWidth > width) continue;
        const total = (cost[at(k - 1, j)] ?? Infinity) + lineCost(words, j, i, lineWidth / width);
        if (total < (cost[at(k, i)] ?? Infinity)) {
          cost[at(k, i)] = total;
          from[at(k, i)] = j;
        }
      }
    }
  }
  const best = cost[at(lines, n)] ?? Infinity;
  if (best === Infinity) return undefined;
  const breaks: { text: string; width: number }[] = [];
  for (let k = lines, i = n; k > 0; k--) {
    const j = from[at(k, i)] ?? 0;
    breaks.unshift({ text: join(j, i), width: span(j, i) });
    i = j;
  }
  return { cost: best * width * width, lines: breaks };
}

/** The cost of the line of words `from` to `to`, filling `fill` of the column; in column widths squared. */
function lineCost(words: string[], from: number, to: number, fill: number): number {
  let cost = (1 - fill) ** 2;
  const last = words[to - 1] ?? '';
  const alone = to - from === 1;
  if (alone && words.length > 1 && [...last].length < SHORT_WORD) cost += 1;
  if (!alone && /^\p{L}{1,2}$/u.test(last)) cost += 0.2 ** 2;
  // A title's own pauses are the best places to break it.
  if (/[:;,.!?—]$/.test(last)) cost -= 0.15 ** 2;
  return cost;
}

/** Lines of a block set from `top` down, `size` × `leading` apart, the first by its cap height. */
export function placeLines(
  block: { size: number; lines: { text: string; width: number }[] },
  top: number,
  leading: number,
): TextBlock {
  return {
    size: block.size,
    lines: block.lines.map((line, index) => ({
      text: line.text,
      width: line.width,
      y: Math.round(top + block.size * (0.72 + index * leading)),
    })),
  };
}

/** How tall a placed block is, from `top` to below its last line's descenders. */
export function blockHeight(block: { size: number; lines: unknown[] }, leading: number): number {
  if (block.lines.length === 0) return 0;
  return Math.round(block.size * (1 + (block.lines.length - 1) * leading));
}
