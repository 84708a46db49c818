/**
 * The choice of a paragraph's line breaks (Knuth & Plass, "Breaking paragraphs into lines",
 * 1981), over the items line-breaks.ts measured in the page. Pure, and sent to the page
 * whole (print.ts passes it to breakLines), so it uses nothing from outside.
 *
 * Two things are added to the paper's algorithm. Letters may be spaced or tightened a
 * little (`tracking`), but only where the spaces alone would pass `loose` or shrink past
 * their limit: a line the spaces can set is set by them, as before. And Chromium breaks
 * where it is allowed to, not where it is told: beside an image or formula, and after a
 * hyphen or dash inside a word, it may break whatever spaces are made no-break ones. A
 * break is only chosen when what follows it, up to Chromium's next such opportunity, could
 * not fit on the line; otherwise Chromium would pull it up.
 */
export type Item =
  /** A word or part of one (`chars` letters), or an image or formula (no letters). */
  | { kind: 'box'; width: number; chars: number }
  /** A space. */
  | { kind: 'glue'; width: number }
  /** A hyphenation point: the hyphen's width when the line breaks there. */
  | { kind: 'penalty'; width: number; flagged: boolean }
  /** A place Chromium may break that cannot be taken away; chosen only when `choosable`. */
  | { kind: 'wrap'; choosable: boolean; flagged: boolean };

export interface BreakOptions {
  /** How far a space may stretch, as a fraction of its width, at an adjustment ratio of 1. */
  stretch: number;
  /** How far a space may shrink, as a fraction of its width, at an adjustment ratio of -1. */
  shrink: number;
  /** The largest ratio the spaces are set at when letters can take the rest. */
  loose: number;
  /** Pixels each letter may be spaced or tightened by, beyond what the spaces take. */
  tracking: number;
  hyphenPenalty: number;
  /** Demerits for two hyphenated lines in a row. */
  doubleHyphenDemerits: number;
  /** Demerits for a line much tighter or looser than the one before it. */
  fitnessDemerits: number;
}

/** A chosen break: the line before it is set `room` pixels short of its width (below 0: too long). */
export interface Break {
  at: number;
  ratio: number;
  room: number;
}

interface Node {
  index: number;
  line: number;
  fitness: number;
  demerits: number;
  ratio: number;
  room: number;
  previous: Node | undefined;
  flagged: boolean;
}

/** The breaks with the fewest total demerits, the paragraph's end last; undefined when none fit. */
export function chooseBreaks(
  items: Item[],
  widths: (line: number) => number,
  tolerance: number,
  options: BreakOptions,
): Break[] | undefined {
  // Running totals up to each item: natural width, stretch, shrink, letters, boxes.
  const sum = { width: [0], stretch: [0], shrink: [0], chars: [0], boxes: [0] };
  const add = (list: number[], value: number) =>
    list.push((list[list.length - 1] as number) + value);
  for (const item of items) {
    const glue = item.kind === 'glue' ? item.width : 0;
    add(sum.width, item.kind === 'box' || item.kind === 'glue' ? item.width : 0);
    add(sum.stretch, glue * options.stretch);
    add(sum.shrink, glue * options.shrink);
    // Letter-spacing widens each letter of a word but the last (a space keeps its width).
    add(sum.chars, item.kind === 'box' ? item.chars : item.kind === 'glue' ? -1 : 0);
    add(sum.boxes, item.kind === 'box' ? 1 : 0);
  }
  const at = (list: number[], i: number) => list[i] as number;
  // Chromium's own opportunities after each item, and how much would come up to the first one
  // that has something between: a break there is not a break at the same place.
  const nextWrap: number[] = new Array(items.length + 1).fill(-1);
  for (let i = items.length - 1; i >= 0; i--)
    nextWrap[i] = items[i + 1]?.kind === 'wrap' ? i + 1 : (nextWrap[i + 1] as number);
  const pulled = (b: number): number => {
    let h = nextWrap[b] as number;
    while (h >= 0 && at(sum.boxes, h) === at(sum.boxes, b + 1)) h = nextWrap[h] as number;
    return h < 0 ? Infinity : at(sum.width, h) - at(sum.width, b);
  };
  let active: Node[] = [
    {
      index: -1,
      line: 0,
      fitness: 1,
      demerits: 0,
      ratio: 0,
      room: 0,
      previous: undefined,
      flagged: false,
    },
  ];
  const end = items.length;
  // A space or a hyphen may end a line after a word (or an image), not after another space.
  let afterBox = false;
  for (let b = 0; b <= end; b++) {
    const item = items[b];
    const isLast = b === end;
    const legal =
      isLast ||
      item?.kind === 'penalty' ||
      (item?.kind === 'wrap' && item.choosable && afterBox) ||
      (item?.kind === 'glue' && afterBox);
    if (item && item.kind !== 'wrap') afterBox = item.kind === 'box';
    if (!legal) continue;
    const hyphen = item?.kind === 'penalty' ? item.width : 0;
    const flagged = (item?.kind === 'penalty' || item?.kind === 'wrap') && item.flagged;
    const candidates: Node[] = [];
    const keep: Node[] = [];
    for (const a of active) {
      // A line from after break `a` to break `b`: glue at its start is dropped.
      const from = a.index + 1 + (items[a.index + 1]?.kind === 'glue' ? 1 : 0);
      const natural = at(sum.width, b) - at(sum.width, from) + hyphen;
      const stretch = at(sum.stretch, b) - at(sum.stretch, from);
      const shrink = at(sum.shrink, b) - at(sum.shrink, from);
      const letters = Math.max(0, at(sum.chars, b) - at(sum.chars, from)) * options.tracking;
      const room = widths(a.line) - natural;
      // Too long even with every space and letter tightened, and it only gets longer: drop `a`.
      if (room < -shrink - letters - 0.01) continue;
      keep.push(a);
      let ratio =
        room < 0 ? room / shrink : stretch > 0 ? room / stretch : room > 0.5 ? Infinity : 0;
      if (isLast && ratio > 0) ratio = 0;
      // What the spaces are set at, once letters have taken what they can past `loose`.
      const over = room - options.loose * stretch;
      const spaces =
        ratio > options.loose && over > 0
          ? stretch > 0
            ? options.loose + Math.max(0, over - letters) / stretch
            : over > letters + 0.5
              ? Infinity
              : 0
          : ratio;
      if (spaces > tolerance) continue;
      if (!isLast) {
        // The room left once the line is set: only a loose line keeps some.
        const left = room > 0 ? room - Math.max(0, Math.min(letters, over)) : 0;
        if (pulled(b) <= left + hyphen + 1) continue;
      }
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      const badness = 100 * Math.abs(ratio) ** 3;
      const penalty = item?.kind === 'penalty' || item?.kind === 'wrap' ? options.hyphenPenalty : 0;
      let demerits = (10 + badness) ** 2 + penalty ** 2;
      if (flagged && a.flagged) demerits += options.doubleHyphenDemerits;
      if (Math.abs(fitness - a.fitness) > 1) demerits += options.fitnessDemerits;
      candidates.push({
        index: b,
        line: a.line + 1,
        fitness,
        demerits: a.demerits + demerits,
        ratio,
        room,
        previous: a,
        flagged,
      });
    }
    active = keep;
    // One node per (line, fitness) is enough; every line after the first has one width.
    const best = new Map<string, Node>();
    for (const c of candidates) {
      const key = `${Math.min(c.line, 2)}:${c.fitness}`;
      const seen = best.get(key);
      if (!seen || c.demerits < seen.demerits) best.set(key, c);
    }
    active.push(...best.values());
    if (active.length === 0) return undefined;
  }
  const last = active.filter((n) => n.index === end).sort((x, y) => x.demerits - y.demerits)[0];
  if (!last) return undefined;
  const breaks: Break[] = [];
  for (let n: Node | undefined = last; n && n.index >= 0; n = n.previous)
    breaks.unshift({ at: n.index, ratio: n.ratio, room: n.room });
  return breaks;
}
