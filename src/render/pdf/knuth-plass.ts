/**
 * The choice of a paragraph's line breaks (Knuth & Plass, "Breaking paragraphs into lines",
 * 1981), over the items line-breaks.ts measured in the page. Pure, and sent to the page
 * whole (print.ts passes it to breakLines), so it uses nothing from outside.
 *
 * Two things are added to the paper's algorithm. Letters may be spaced a little
 * (`tracking`), but only where the spaces alone would pass `loose`, or tightened a little
 * less (`tighten`) where the spaces cannot shrink enough: a line the spaces can set is set
 * by them, as before. And Chromium breaks
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
  /** Pixels each letter may be spaced by, beyond what the spaces take past `loose`. */
  tracking: number;
  /** Pixels each letter may be tightened by, beyond the spaces' shrink. */
  tighten: number;
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
  /** Where the line after it starts, and its width. */
  from: number;
  width: number;
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
  // Running totals up to each item: natural width, stretch, shrink, letters, boxes (the last
  // two only when letters may be spaced, or Chromium has breaks of its own here).
  const n = items.length;
  const spaced = options.tracking > 0 || options.tighten > 0;
  const wraps = items.some((item) => item.kind === 'wrap');
  const W: number[] = [0];
  const Y: number[] = [0];
  const Z: number[] = [0];
  const C: number[] = [0];
  const B: number[] = [0];
  for (let i = 0; i < n; i++) {
    const item = items[i] as Item;
    const glue = item.kind === 'glue' ? item.width : 0;
    W.push((W[i] as number) + (item.kind === 'box' ? item.width : glue));
    Y.push((Y[i] as number) + glue * options.stretch);
    Z.push((Z[i] as number) + glue * options.shrink);
    // Letter-spacing widens each letter of a word but the last (a space keeps its width).
    if (spaced) C.push((C[i] as number) + (item.kind === 'box' ? item.chars : glue ? -1 : 0));
    if (wraps) B.push((B[i] as number) + (item.kind === 'box' ? 1 : 0));
  }
  // Chromium's own opportunities after each item, and how much would come up to the first one
  // that has something between: a break there is not a break at the same place.
  const nextWrap: number[] = wraps ? new Array(n + 1).fill(-1) : [];
  if (wraps)
    for (let i = n - 1; i >= 0; i--)
      nextWrap[i] = items[i + 1]?.kind === 'wrap' ? i + 1 : (nextWrap[i + 1] as number);
  const pulled = (b: number): number => {
    let h = nextWrap[b] as number;
    while (h >= 0 && B[h] === B[b + 1]) h = nextWrap[h] as number;
    return h < 0 ? Infinity : (W[h] as number) - (W[b] as number);
  };
  const startOf = (index: number) => index + 1 + (items[index + 1]?.kind === 'glue' ? 1 : 0);
  const active: Node[] = [
    {
      index: -1,
      from: 0,
      width: widths(0),
      line: 0,
      fitness: 1,
      demerits: 0,
      ratio: 0,
      room: 0,
      previous: undefined,
      flagged: false,
    },
  ];
  // One new node per (line: first, second, later; fitness) is enough: every line after the
  // first has one width.
  const best: (Node | undefined)[] = new Array(12).fill(undefined);
  const used: number[] = [];
  // A space or a hyphen may end a line after a word (or an image), not after another space.
  let afterBox = false;
  for (let b = 0; b <= n; b++) {
    const item = items[b];
    const isLast = b === n;
    const legal =
      isLast ||
      item?.kind === 'penalty' ||
      (item?.kind === 'wrap' && item.choosable && afterBox) ||
      (item?.kind === 'glue' && afterBox);
    if (item && item.kind !== 'wrap') afterBox = item.kind === 'box';
    if (!legal) continue;
    const hyphen = item?.kind === 'penalty' ? item.width : 0;
    const flagged = (item?.kind === 'penalty' || item?.kind === 'wrap') && item.flagged;
    const penalty = item?.kind === 'penalty' || item?.kind === 'wrap' ? options.hyphenPenalty : 0;
    const reach = isLast || !wraps ? Infinity : pulled(b);
    let kept = 0;
    for (const a of active) {
      // A line from after break `a` to break `b`: glue at its start is dropped.
      const from = a.from;
      const room = a.width - ((W[b] as number) - (W[from] as number) + hyphen);
      let ratio: number;
      let left = 0;
      if (room < 0) {
        // Too long even with every space and letter tightened, and it only gets longer: drop `a`.
        const shrink = (Z[b] as number) - (Z[from] as number);
        const letters = spaced
          ? Math.max(0, (C[b] as number) - (C[from] as number)) * options.tighten
          : 0;
        if (room < -shrink - letters - 0.01) continue;
        active[kept++] = a;
        ratio = room / shrink;
      } else {
        active[kept++] = a;
        const stretch = (Y[b] as number) - (Y[from] as number);
        ratio = isLast ? 0 : stretch > 0 ? room / stretch : room > 0.5 ? Infinity : 0;
        left = room;
        if (ratio > options.loose) {
          // What the spaces are set at, once letters have taken what they can past `loose`.
          const letters = spaced
            ? Math.max(0, (C[b] as number) - (C[from] as number)) * options.tracking
            : 0;
          const over = room - options.loose * stretch;
          const spaces =
            stretch > 0
              ? options.loose + Math.max(0, over - letters) / stretch
              : over > letters + 0.5
                ? Infinity
                : 0;
          if (spaces > tolerance) continue;
          left = room - Math.min(letters, over);
        }
      }
      // The room left once the line is set (only a loose line keeps some): if what follows,
      // up to Chromium's next opportunity, fits in it, Chromium takes that instead.
      if (reach <= left + hyphen + 1) continue;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (10 + badness) ** 2 + penalty ** 2;
      if (flagged && a.flagged) demerits += options.doubleHyphenDemerits;
      if (Math.abs(fitness - a.fitness) > 1) demerits += options.fitnessDemerits;
      const slot = Math.min(a.line + 1, 2) * 4 + fitness;
      const seen = best[slot];
      if (!seen) used.push(slot);
      if (!seen || a.demerits + demerits < seen.demerits)
        best[slot] = {
          index: b,
          from: startOf(b),
          width: widths(a.line + 1),
          line: a.line + 1,
          fitness,
          demerits: a.demerits + demerits,
          ratio,
          room,
          previous: a,
          flagged,
        };
    }
    active.length = kept;
    for (const slot of used) {
      active.push(best[slot] as Node);
      best[slot] = undefined;
    }
    used.length = 0;
    if (active.length === 0) return undefined;
  }
  const last = active.filter((node) => node.index === n).sort((x, y) => x.demerits - y.demerits)[0];
  if (!last) return undefined;
  const breaks: Break[] = [];
  for (let node: Node | undefined = last; node && node.index >= 0; node = node.previous)
    breaks.unshift({ at: node.index, ratio: node.ratio, room: node.room });
  return breaks;
}
