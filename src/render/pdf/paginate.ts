/**
 * The pages of the printed page, counted from its measured blocks and lines (foot-notes.ts
 * measures them in the page): each page takes as many as fit with the notes they refer to,
 * then its break is moved back for widows, orphans, a heading kept with what follows, and a
 * hyphen at the foot of a page. A pure function, sent to the page with placeFootnotes
 * (page.evaluate), so it uses nothing from outside.
 */

/** A block kept whole, or one line of a paragraph, as measured in the page (CSS pixels). */
export interface PageUnit {
  /** The block the unit is, or whose line it is: two lines of one paragraph share it. */
  el: unknown;
  /** Top and bottom on the laid-out page; a line's reach halfway to its neighbours. */
  top: number;
  bottom: number;
  /** The margin below, as the next unit meets it. */
  marginBottom: number;
  /** The notes it refers to, by id. */
  refs: string[];
  keepWithNext: boolean;
  /** For a line: its index in its paragraph and the paragraph's line count. */
  line?: { index: number; count: number };
}

export interface PaginateOptions {
  /** The height a page's text and notes may fill. */
  height: number;
  widows: number;
  orphans: number;
  noteHeight: (id: string) => number;
  /** The rule and space above a page's notes. */
  overhead: number;
}

export interface CountedPage {
  /** Units from `start` up to, not including, `end`. */
  start: number;
  end: number;
  notes: string[];
  /** Height the units take, and the notes below them. */
  used: number;
  notesHeight: number;
}

export function paginate(
  units: PageUnit[],
  options: PaginateOptions,
  endsWithHyphen: (unit: number) => boolean,
): CountedPage[] {
  // A page starts where the one before it ended (what lies between, margins of the blocks
  // on both sides, is counted on the new page); the first at the top of the document.
  const measure = (start: number, end: number) => {
    const top = start === 0 ? 0 : (units[start - 1] as PageUnit).bottom;
    const ids = units.slice(start, end).flatMap((u) => u.refs);
    const height = ids.reduce((sum, id) => sum + options.noteHeight(id), 0);
    const last = units[end - 1] as PageUnit;
    return {
      used: last.bottom + last.marginBottom - top,
      notes: ids,
      notesHeight: ids.length > 0 ? height + options.overhead : 0,
    };
  };
  const adjustBreak = (from: number, end: number): number => {
    if (end >= units.length) return end;
    let e = end;
    const after = units[e] as PageUnit;
    const before = units[e - 1] as PageUnit;
    if (after.line && before.line && after.el === before.el) {
      let first = e - 1;
      while (first > from && (units[first - 1] as PageUnit).el === after.el) first -= 1;
      let here = e - first;
      const rest = after.line.count - after.line.index;
      if (rest < options.widows) here -= options.widows - rest;
      if (here < options.orphans)
        here = (units[first] as PageUnit).line?.index === 0 && first > from ? 0 : here;
      // No hyphen at the foot of a page: one line fewer, if the orphans allow it.
      if (here > 0 && endsWithHyphen(first + here - 1) && here - 1 >= options.orphans) here -= 1;
      e = first + Math.max(here, first > from ? 0 : 1);
    }
    while (e - 1 > from && (units[e - 1] as PageUnit).keepWithNext) e -= 1;
    return Math.max(e, from + 1);
  };
  const pages: CountedPage[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start + 1;
    while (end < units.length) {
      const next = measure(start, end + 1);
      if (next.used + next.notesHeight > options.height) break;
      end += 1;
    }
    end = adjustBreak(start, end);
    pages.push({ start, end, ...measure(start, end) });
    start = end;
  }
  return pages;
}
