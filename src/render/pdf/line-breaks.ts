/**
 * Knuth–Plass line breaking for the printed page. Chromium breaks lines greedily, one at a
 * time, and on a justified measure that leaves some lines with word spaces stretched to
 * three times their width. This runs in the page before it is printed: it measures every
 * word, space, hyphenation point and inline box (a formula, an image) of each justified
 * paragraph as laid out, chooses the breaks that keep the whole paragraph evenly spaced
 * (knuth-plass.ts), and makes them the only places Chromium will break: the spaces inside
 * a line become no-break spaces and the soft hyphens not used go (what Chromium breaks at
 * regardless, beside an inline box or after a hyphen, the choice itself keeps clear of).
 * Chromium then sets each line as chosen, and justifies it as before; a line whose letters
 * take some of its slack gets their spacing in a span.
 *
 * `breakLines` is sent to the page whole (page.evaluate), so it uses nothing from outside.
 */
import type { Break, BreakOptions, chooseBreaks, Item } from './knuth-plass.js';

export interface LineBreakOptions extends Omit<BreakOptions, 'tracking' | 'tighten'> {
  /** Paragraphs to set: a CSS selector. */
  selector: string;
  /** The width of the page's text block (a CSS length): the page is laid out at it to measure. */
  blockWidth: string;
  /** The largest adjustment ratio a line may have (a looser second try follows, then Chromium's own breaks). */
  tolerance: number;
  /** How far a letter may be spaced, in ems, where the spaces alone would set a line looser than `loose`. */
  tracking: number;
  /** Languages set without hyphenation (lower-case tags): their paragraphs break only at spaces. */
  unhyphenated: string[];
  /** How far a letter of those languages may be spaced, in ems, in place of `tracking`. */
  unhyphenatedTracking: number;
  /** How far a letter may be tightened, in ems, where the spaces cannot shrink enough. */
  tighten: number;
}

export interface LineBreakReport {
  paragraphs: number;
  /** Paragraphs left as Chromium sets them: no feasible breaks, or content the pass cannot measure. */
  skipped: number;
}

/** Where an item is in the page: its text node and offsets, or the element it stands for. */
type Placed = Item & {
  node?: Text;
  offset: number;
  end: number;
  /** Further white space of one space (a run split over text nodes or lines): removed. */
  also?: { node: Text; at: number }[];
};

export function breakLines(
  options: LineBreakOptions,
  choose: typeof chooseBreaks,
): LineBreakReport {
  const NBSP = '\u00a0';
  const SHY = '\u00ad';
  // Scripts whose letters join: spacing them apart would break the word.
  const CURSIVE = /^(ar|fa|ur|ps|sd|ug|ckb|syr|mn|nqo)(-|$)/i;
  // Elements laid out as one unbreakable box inside the line.
  const REPLACED = new Set(['IMG', 'SVG', 'VIDEO', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'INPUT']);
  // After a hyphen or dash between letters or figures Chromium may break, whatever else.
  const HARD = /[-\u2010\u2013\u2014](?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?=\u2014)/gu;
  const HARD_CHAR = /[-\u2010\u2013\u2014]/;

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

  /**
   * The paragraph's words, spaces, hyphenation points and unbreakable boxes (images,
   * formulas), measured as set flush left on one line; undefined if it holds a line break
   * or a block.
   */
  const itemsOf = (block: Element): Placed[] | undefined => {
    const items: Placed[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let hyphenWidth = 0;
    /** Past an element's contents: the walker goes on after its last descendant. */
    const skip = (element: Element) => {
      let last: Node = element;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        if (node.tagName === 'BR') return undefined;
        const style = getComputedStyle(node);
        const display = style.display;
        if (display === 'none') {
          skip(node);
          continue;
        }
        const inline = display === 'inline' || display === 'contents';
        if (inline && !REPLACED.has(node.tagName.toUpperCase())) continue;
        if (!inline && !display.startsWith('inline-') && display !== 'math') return undefined;
        // An image, a formula, an inline block: one box, and Chromium may break before and
        // after it, even beside a no-break space.
        const margins =
          Number.parseFloat(style.marginLeft) + Number.parseFloat(style.marginRight) || 0;
        const width = node.getBoundingClientRect().width + margins;
        items.push({ kind: 'wrap', choosable: false, flagged: false, offset: 0, end: 0 });
        items.push({ kind: 'box', width, chars: 0, offset: 0, end: 0 });
        items.push({ kind: 'wrap', choosable: false, flagged: false, offset: 0, end: 0 });
        skip(node);
        continue;
      }
      const text = node as Text;
      const parent = text.parentElement;
      if (!parent || parent.getClientRects().length === 0) continue;
      const data = text.data;
      // After a hyphen or dash inside a word: Chromium's own break, which a line may take.
      const cuts = HARD_CHAR.test(data)
        ? [...data.matchAll(HARD)].map((m) => m.index + m[0].length)
        : [];
      const word = (start: number, end: number) => {
        let from = start;
        for (let k = 0; k < cuts.length; k++) {
          const cut = cuts[k] as number;
          if (cut <= from || cut >= end) continue;
          items.push({
            kind: 'box',
            width: measure(text, from, cut),
            chars: cut - from,
            node: text,
            offset: from,
            end: cut,
          });
          items.push({
            kind: 'wrap',
            choosable: true,
            flagged: data[cut - 1] === '-' || data[cut - 1] === '\u2010',
            offset: cut,
            end: cut,
          });
          from = cut;
        }
        items.push({
          kind: 'box',
          width: measure(text, from, end),
          chars: end - from,
          node: text,
          offset: from,
          end,
        });
      };
      let start = 0;
      for (let i = 0; i <= data.length; i++) {
        const c = data[i];
        if (i < data.length && c !== ' ' && c !== '\n' && c !== '\t' && c !== SHY) continue;
        if (i > start && cuts.length > 0) word(start, i);
        else if (i > start)
          items.push({
            kind: 'box',
            width: measure(text, start, i),
            chars: i - start,
            node: text,
            offset: start,
            end: i,
          });
        if (i === data.length) break;
        const last = items[items.length - 1];
        if (c === SHY) {
          if (!hyphenWidth) hyphenWidth = hyphenOf(parent);
          items.push({
            kind: 'penalty',
            width: hyphenWidth,
            flagged: true,
            node: text,
            offset: i,
            end: i + 1,
          });
        } else if (last?.kind === 'glue') {
          // One space, however much white space: the rest would stay a place to break.
          last.also ??= [];
          last.also.push({ node: text, at: i });
        } else {
          items.push({
            kind: 'glue',
            width: measure(text, i, i + 1),
            node: text,
            offset: i,
            end: i + 1,
          });
        }
        start = i + 1;
      }
    }
    while (items[items.length - 1]?.kind === 'glue') items.pop();
    return items;
  };

  /**
   * The width of the hyphen a break at a soft hyphen adds, measured once per font: the
   * probe changes the page, and the next measurement then lays out the whole document
   * again (a second per hundred pages if it were done per paragraph). An inline block, so
   * that its width is the hyphen's own, not kerned against the text it follows.
   */
  const hyphens = new Map<string, number>();
  const hyphenOf = (parent: Element): number => {
    const key = fontKey(parent);
    const known = hyphens.get(key);
    if (known !== undefined) return known;
    const probe = document.createElement('span');
    probe.textContent = '-';
    probe.style.display = 'inline-block';
    parent.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    hyphens.set(key, width);
    return width;
  };

  /**
   * Makes the chosen breaks the only ones: the other spaces become no-break spaces and the
   * other soft hyphens go (the PDF pass reads those spaces as spaces again). A line set
   * tighter than its natural width, or one whose letters take some of its slack, gets,
   * node by node, a span with a negative word-spacing for its share and the letter-spacing
   * it needs: Chromium's justification only widens, and only the spaces.
   */
  const apply = (items: Placed[], breaks: Break[], tracking: number, tighten: number): void => {
    type Op =
      | { node: Text; at: number; kind: 'char'; with: string }
      | { node: Text; at: number; kind: 'wrap'; end: number; narrow: number; track: number };
    const ops: Op[] = [];
    let from = 0;
    for (const { at, ratio, room } of breaks) {
      const line = items.slice(from, Math.min(at, items.length));
      let glue = 0;
      let spaces = 0;
      let chars = 0;
      for (const item of line) {
        if (item.kind === 'box') chars += item.chars;
        if (item.kind === 'glue' && item.node) {
          ops.push({ node: item.node, at: item.offset, kind: 'char', with: NBSP });
          for (const extra of item.also ?? []) ops.push({ ...extra, kind: 'char', with: '' });
          glue += item.width;
          spaces += 1;
          chars -= 1;
        }
        if (item.kind === 'penalty' && item.node)
          ops.push({ node: item.node, at: item.offset, kind: 'char', with: '' });
      }
      const stretch = glue * options.stretch;
      const narrow =
        ratio < 0 ? Math.max(ratio, -1) * (glue / Math.max(1, spaces)) * options.shrink : 0;
      // Letters take what the spaces cannot: past `loose`, or past the spaces' shrink.
      const over =
        ratio > options.loose
          ? room - options.loose * stretch
          : ratio < -1
            ? room + glue * options.shrink
            : 0;
      const track = chars > 0 ? Math.max(-tighten, Math.min(tracking, over / chars)) : 0;
      // The letter-spacing of a space and of the letter before it is taken off the space:
      // the letters take the slack, not the spaces.
      const words = narrow - 2 * track;
      if (words !== 0 || track !== 0) {
        const byNode = new Map<Text, { at: number; end: number }>();
        for (const item of line) {
          if (!item.node) continue;
          const seen = byNode.get(item.node);
          if (seen) seen.end = item.end;
          else byNode.set(item.node, { at: item.offset, end: item.end });
        }
        for (const [node, range] of byNode)
          ops.push({ node, ...range, kind: 'wrap', narrow: words, track });
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
        if (op.narrow !== 0) span.style.wordSpacing = `${op.narrow.toFixed(3)}px`;
        if (op.track !== 0) span.style.letterSpacing = `${op.track.toFixed(3)}px`;
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
  const plans: { items: Placed[]; breaks: Break[]; tracking: number; tighten: number }[] = [];
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
    const lang = (block.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase();
    // Letters that join are never spaced apart. A paragraph that cannot be hyphenated
    // breaks only at its spaces, and has fewer sets of breaks to choose from: its letters
    // take a little more.
    const em = CURSIVE.test(lang) ? 0 : Number.parseFloat(style.fontSize);
    const bare = options.unhyphenated.some((tag) => lang === tag || lang.startsWith(`${tag}-`));
    const tracking = (bare ? options.unhyphenatedTracking : options.tracking) * em;
    const tighten = options.tighten * em;
    let breaks: Break[] | undefined;
    if (items && items.length > 0) {
      // The spaces alone first, as that is quicker (letters keep more breaks in play); the
      // letters only for a paragraph the spaces cannot set within `loose`.
      const plain = choose(items, widths, options.tolerance, {
        ...options,
        tracking: 0,
        tighten: 0,
      });
      const settings = { ...options, tracking, tighten };
      const letters = tracking > 0 || tighten > 0;
      breaks =
        plain && (!letters || plain.every((b) => b.ratio <= options.loose))
          ? plain
          : ((letters ? choose(items, widths, options.tolerance, settings) : undefined) ??
            plain ??
            choose(items, widths, 10, settings));
    }
    if (items && breaks) plans.push({ items, breaks, tracking, tighten });
    else skipped += 1;
  }
  flush.remove();
  for (const plan of plans) apply(plan.items, plan.breaks, plan.tracking, plan.tighten);
  return { paragraphs: blocks.length, skipped };
}
