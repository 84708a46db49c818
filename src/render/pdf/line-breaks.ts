/**
 * Knuth–Plass line breaking for the printed page. Chromium breaks lines greedily, one at a
 * time, and on a justified measure that leaves some lines with word spaces stretched to
 * three times their width. This runs in the page before it is printed: it measures every
 * word, space and hyphenation point of each justified paragraph as laid out, chooses the
 * breaks that keep the whole paragraph evenly spaced (Knuth & Plass, "Breaking paragraphs
 * into lines", 1981), and makes them the only places Chromium can break: the spaces inside
 * a line become no-break spaces and the soft hyphens not used go. Chromium then sets each
 * line as chosen, and justifies it as before.
 *
 * `breakLines` is sent to the page whole (page.evaluate), so it uses nothing from outside.
 */
export interface LineBreakOptions {
  /** Paragraphs to set: a CSS selector. */
  selector: string;
  /** The width of the page's text block (a CSS length): the page is laid out at it to measure. */
  blockWidth: string;
  /** How far a space may stretch, as a fraction of its width, at an adjustment ratio of 1. */
  stretch: number;
  /** How far a space may shrink, as a fraction of its width, at an adjustment ratio of -1. */
  shrink: number;
  /** The largest adjustment ratio a line may have (a looser second try follows, then Chromium's own breaks). */
  tolerance: number;
  hyphenPenalty: number;
  /** Demerits for two hyphenated lines in a row. */
  doubleHyphenDemerits: number;
  /** Demerits for a line much tighter or looser than the one before it. */
  fitnessDemerits: number;
}

export interface LineBreakReport {
  paragraphs: number;
  /** Paragraphs left as Chromium sets them: no feasible breaks, or content the pass cannot measure. */
  skipped: number;
}

export function breakLines(options: LineBreakOptions): LineBreakReport {
  const NBSP = '\u00a0';
  const SHY = '\u00ad';
  type Item =
    | { kind: 'box'; width: number; node: Text; offset: number; end: number }
    | { kind: 'glue'; width: number; node: Text; offset: number }
    | { kind: 'penalty'; width: number; node: Text; offset: number; flagged: boolean };

  // A fragment's width depends only on its text and its element's font: each distinct pair
  // is measured once (a paragraph's "the" and "of" many times over otherwise).
  const fontKeys = new Map<Element, string>();
  const widths = new Map<string, number>();
  const fontKey = (element: Element): string => {
    let key = fontKeys.get(element);
    if (key === undefined) {
      const style = getComputedStyle(element);
      // Longhands: the `font` shorthand reads "" when variants cannot be written in it.
      key = [
        style.fontFamily,
        style.fontSize,
        style.fontStyle,
        style.fontWeight,
        style.fontStretch,
        style.fontVariant,
        style.fontFeatureSettings,
        style.fontVariationSettings,
        style.fontKerning,
        style.letterSpacing,
        style.wordSpacing,
        style.textTransform,
      ].join('|');
      fontKeys.set(element, key);
    }
    return key;
  };
  const measure = (node: Text, start: number, end: number): number => {
    const key = `${fontKey(node.parentElement as Element)}\u0000${node.data.slice(start, end)}`;
    const known = widths.get(key);
    if (known !== undefined) return known;
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const width = range.getBoundingClientRect().width;
    widths.set(key, width);
    return width;
  };

  /** The paragraph's words, spaces and hyphenation points, measured as set flush left. */
  const itemsOf = (block: Element): Item[] | undefined => {
    const items: Item[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let hyphenWidth = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        const style = getComputedStyle(node);
        // Line breaks, pictures and blocks inside the paragraph: left to Chromium.
        if (node.tagName === 'BR' || node.tagName === 'IMG' || style.display !== 'inline')
          if (style.display !== 'none') return undefined;
        continue;
      }
      const text = node as Text;
      const parent = text.parentElement;
      if (!parent || parent.getClientRects().length === 0) continue;
      const data = text.data;
      let start = 0;
      for (let i = 0; i <= data.length; i++) {
        const c = data[i];
        if (i < data.length && c !== ' ' && c !== '\n' && c !== '\t' && c !== SHY) continue;
        if (i > start)
          items.push({
            kind: 'box',
            width: measure(text, start, i),
            node: text,
            offset: start,
            end: i,
          });
        if (i === data.length) break;
        if (c === SHY) {
          if (!hyphenWidth) hyphenWidth = hyphenOf(parent);
          items.push({ kind: 'penalty', width: hyphenWidth, node: text, offset: i, flagged: true });
        } else {
          const last = items[items.length - 1];
          if (last?.kind === 'glue') {
            start = i + 1;
            continue;
          }
          items.push({ kind: 'glue', width: measure(text, i, i + 1), node: text, offset: i });
        }
        start = i + 1;
      }
    }
    while (items[items.length - 1]?.kind === 'glue') items.pop();
    return items;
  };

  const hyphenOf = (parent: Element): number => {
    const probe = document.createElement('span');
    probe.textContent = '-';
    parent.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };

  interface Node {
    index: number;
    line: number;
    fitness: number;
    demerits: number;
    /** The adjustment ratio of the line that ends here: below 0 when its spaces shrink. */
    ratio: number;
    previous: Node | undefined;
    flagged: boolean;
  }

  /** The breaks with the fewest total demerits, the paragraph's end last, and each line's ratio. */
  const chooseBreaks = (
    items: Item[],
    widths: (line: number) => number,
    tolerance: number,
  ): { at: number; ratio: number }[] | undefined => {
    // Running totals of natural width and stretch up to each item.
    const sumWidth: number[] = [0];
    const sumStretch: number[] = [0];
    const sumShrink: number[] = [0];
    for (const item of items) {
      sumShrink.push(
        (sumShrink[sumShrink.length - 1] as number) +
          (item.kind === 'glue' ? item.width * options.shrink : 0),
      );
      const w = item.kind === 'penalty' ? 0 : item.width;
      sumWidth.push((sumWidth[sumWidth.length - 1] as number) + w);
      sumStretch.push(
        (sumStretch[sumStretch.length - 1] as number) +
          (item.kind === 'glue' ? item.width * options.stretch : 0),
      );
    }
    let active: Node[] = [
      {
        index: -1,
        line: 0,
        fitness: 1,
        demerits: 0,
        ratio: 0,
        previous: undefined,
        flagged: false,
      },
    ];
    const end = items.length;
    for (let b = 0; b <= end; b++) {
      const item = items[b];
      const isLast = b === end;
      const legal =
        isLast ||
        item?.kind === 'penalty' ||
        (item?.kind === 'glue' && items[b - 1]?.kind === 'box');
      if (!legal) continue;
      const candidates: Node[] = [];
      const keep: Node[] = [];
      for (const a of active) {
        // A line from after break `a` to break `b`: glue at its start is dropped.
        const from = a.index + 1 + (items[a.index + 1]?.kind === 'glue' ? 1 : 0);
        const natural =
          (sumWidth[b] as number) -
          (sumWidth[from] as number) +
          (item?.kind === 'penalty' ? item.width : 0);
        const stretch = (sumStretch[b] as number) - (sumStretch[from] as number);
        const shrink = (sumShrink[b] as number) - (sumShrink[from] as number);
        const room = widths(a.line) - natural;
        // Too long even with every space shrunk, and it only gets longer: drop `a`.
        if (room < -shrink - 0.01) continue;
        keep.push(a);
        let ratio =
          room < 0 ? room / shrink : stretch > 0 ? room / stretch : room > 0.5 ? Infinity : 0;
        if (isLast && ratio > 0) ratio = 0;
        if (ratio > tolerance) continue;
        const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
        const badness = 100 * Math.abs(ratio) ** 3;
        const penalty = item?.kind === 'penalty' ? options.hyphenPenalty : 0;
        const flagged = item?.kind === 'penalty';
        let demerits = (10 + badness) ** 2 + penalty ** 2;
        if (flagged && a.flagged) demerits += options.doubleHyphenDemerits;
        if (Math.abs(fitness - a.fitness) > 1) demerits += options.fitnessDemerits;
        candidates.push({
          index: b,
          line: a.line + 1,
          fitness,
          demerits: a.demerits + demerits,
          ratio,
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
    const breaks: { at: number; ratio: number }[] = [];
    for (let n: Node | undefined = last; n && n.index >= 0; n = n.previous)
      breaks.unshift({ at: n.index, ratio: n.ratio });
    return breaks;
  };

  /**
   * Makes the chosen breaks the only ones: the other spaces become no-break spaces and the
   * other soft hyphens go (the PDF pass reads those spaces as spaces again). A line set
   * tighter than its natural width gets, node by node, a span with a negative
   * word-spacing for its share: Chromium's justification only widens.
   */
  const apply = (items: Item[], breaks: { at: number; ratio: number }[]): void => {
    type Op =
      | { node: Text; at: number; kind: 'char'; with: string }
      | { node: Text; at: number; kind: 'wrap'; end: number; narrow: number };
    const ops: Op[] = [];
    let from = 0;
    for (const { at, ratio } of breaks) {
      const line = items.slice(from, Math.min(at, items.length));
      for (const item of line) {
        if (item.kind === 'glue')
          ops.push({ node: item.node, at: item.offset, kind: 'char', with: NBSP });
        if (item.kind === 'penalty')
          ops.push({ node: item.node, at: item.offset, kind: 'char', with: '' });
      }
      if (ratio < 0) {
        const glue = line.filter((item) => item.kind === 'glue');
        const space = glue.reduce((sum, g) => sum + g.width, 0) / Math.max(1, glue.length);
        const narrow = ratio * space * options.shrink;
        const byNode = new Map<Text, { at: number; end: number }>();
        for (const item of line) {
          const end = item.kind === 'box' ? item.end : item.offset + 1;
          const seen = byNode.get(item.node);
          if (seen) seen.end = end;
          else byNode.set(item.node, { at: item.offset, end });
        }
        for (const [node, range] of byNode) ops.push({ node, ...range, kind: 'wrap', narrow });
      }
      from = at + 1;
    }
    // Node by node: its text rewritten once, then the wraps from the end, so that each split
    // leaves the offsets before it valid, moved back by the characters removed before them.
    const byNode = new Map<Text, Op[]>();
    for (const op of ops) {
      const list = byNode.get(op.node);
      if (list) list.push(op);
      else byNode.set(op.node, [op]);
    }
    for (const [node, list] of byNode) {
      const chars = list.filter((op) => op.kind === 'char').sort((a, b) => a.at - b.at);
      const removed: number[] = [];
      let text = '';
      let last = 0;
      for (const op of chars) {
        text += node.data.slice(last, op.at) + op.with;
        last = op.at + 1;
        if (op.with === '') removed.push(op.at);
      }
      if (chars.length > 0) node.data = text + node.data.slice(last);
      const before = (at: number) => removed.filter((r) => r < at).length;
      const wraps = list.filter((op) => op.kind === 'wrap').sort((a, b) => b.at - a.at);
      for (const op of wraps) {
        const start = op.at - before(op.at);
        const end = op.end - before(op.end);
        const inner = node.splitText(start);
        inner.splitText(end - start);
        const span = document.createElement('span');
        span.style.wordSpacing = `${op.narrow.toFixed(3)}px`;
        inner.replaceWith(span);
        span.append(inner);
      }
    }
  };

  const blocks = [...document.querySelectorAll(options.selector)].filter(
    (block) => getComputedStyle(block).textAlign === 'justify',
  );
  // Measured on one unbroken line, so that every space has its natural width and no word
  // is split between two lines.
  const flush = document.createElement('style');
  flush.textContent = `html { width: ${options.blockWidth} !important; } ${options.selector} { text-align: left !important; white-space: nowrap !important; }`;
  document.head.append(flush);
  const plans: { items: Item[]; breaks: { at: number; ratio: number }[] }[] = [];
  let skipped = 0;
  for (const block of blocks) {
    const items = itemsOf(block);
    const style = getComputedStyle(block);
    const width =
      block.clientWidth -
      Number.parseFloat(style.paddingLeft) -
      Number.parseFloat(style.paddingRight);
    const indent = Number.parseFloat(style.textIndent) || 0;
    // A hair narrower than the measure, so that rounding never pushes a word over.
    const widths = (line: number) => width - 0.5 - (line === 0 ? indent : 0);
    const breaks =
      items && items.length > 0
        ? (chooseBreaks(items, widths, options.tolerance) ?? chooseBreaks(items, widths, 10))
        : undefined;
    if (items && breaks) plans.push({ items, breaks });
    else skipped += 1;
  }
  flush.remove();
  for (const plan of plans) apply(plan.items, plan.breaks);
  return { paragraphs: blocks.length, skipped };
}
