/**
 * Notes at the foot of the page that refers to them. Chromium has no `float: footnote`, so
 * the page is paginated here, in the page before it is printed, from the layout itself:
 * the body is laid out at the text block's width; its blocks and the lines of its
 * paragraphs are measured; pages are filled line by line, each line bringing the notes it
 * refers to, with widows, orphans, headings kept with what follows, unbreakable figures
 * and no hyphen at the foot of a page; then each page's notes are put after its last
 * line, pushed to the foot by a spacer and followed by a forced page break, and a
 * paragraph that runs over a page is split at the line where the page ends. The printed
 * PDF must then have exactly the pages counted here; print.ts checks it and falls back
 * to the notes at the end when it does not.
 *
 * `placeFootnotes` is sent to the page whole (page.evaluate), so it uses nothing from outside
 * but the pagination it is given (paginate.ts).
 */
import type { CountedPage, paginate as countPages, PageUnit } from './paginate.js';

export interface FootnoteOptions {
  /** Width of the text block (a CSS length): the page is laid out at it to measure. */
  blockWidth: string;
  /** Height of the page's content area, in CSS pixels. */
  pageHeight: number;
  widows: number;
  orphans: number;
  /** Ids of elements whose page is wanted (a contents list's headings). */
  targets: string[];
}

export interface FootnoteReport {
  /** Pages the placement counted, or 0 when the page has no notes (nothing was changed). */
  pages: number;
  /** The page (from 1) each target starts on; a target in no counted block is left out. */
  targets: Record<string, number>;
}

export function placeFootnotes(
  options: FootnoteOptions,
  paginate: typeof countPages,
): FootnoteReport {
  /** Pixels a page is kept short of its height, for rounding in Chromium's own layout. */
  const SAFETY = 4;
  const H = options.pageHeight;
  const px = (value: string) => Number.parseFloat(value) || 0;
  const section = document.querySelector('section.footnotes');
  if (!section) return { pages: 0, targets: {} };
  const sizing = document.createElement('style');
  sizing.textContent = `html { width: ${options.blockWidth} !important; }`;
  document.head.append(sizing);

  // 1. The notes, as they will be printed at a page's foot, and the height of each.
  const items = [...section.querySelectorAll<HTMLLIElement>('li.footnote-item')];
  const notes = new Map<string, HTMLLIElement>();
  const probe = document.createElement('aside');
  probe.className = 'page-notes';
  // In the flow of the text block, so that the notes take its width; gone before anything
  // else is measured.
  probe.style.visibility = 'hidden';
  const probeList = document.createElement('ol');
  probe.append(probeList);
  items.forEach((li, index) => {
    const note = li.cloneNode(true) as HTMLLIElement;
    for (const back of note.querySelectorAll('.footnote-backref')) back.remove();
    note.value = index + 1;
    notes.set(li.id, note);
    probeList.append(note);
  });
  section.remove();
  document.querySelector('main')?.append(probe);
  const noteHeight = new Map<string, number>();
  for (const [id, note] of notes)
    noteHeight.set(
      id,
      note.getBoundingClientRect().height + px(getComputedStyle(note).marginBottom),
    );
  // The rule and space above a page's notes: all but the notes themselves.
  let total = 0;
  for (const height of noteHeight.values()) total += height;
  const overhead = probe.getBoundingClientRect().height - total + 1;
  probe.remove();

  // 2. What a page is filled with, in order: unbreakable blocks and the lines of paragraphs.
  interface Unit extends PageUnit {
    el: Element;
    marginTop: number;
    /** For a line: its index in its paragraph, the paragraph's line count, a point inside it. */
    line?: { index: number; count: number; x: number; y: number; right: number };
  }
  const units: Unit[] = [];
  const scroll = () => window.scrollY;
  /**
   * The margin below a block as the next block meets it: its own margin-bottom, collapsed
   * with that of its last child when nothing (padding, a border, inline content) keeps them
   * apart, as the colophon's last paragraph's margin passes through the colophon.
   */
  const trailingMargin = (el: Element): number => {
    let margin = 0;
    let current: Element | undefined = el;
    while (current) {
      const style = getComputedStyle(current);
      margin = Math.max(margin, px(style.marginBottom));
      if (
        style.display !== 'block' ||
        style.overflow !== 'visible' ||
        px(style.paddingBottom) > 0 ||
        px(style.borderBottomWidth) > 0
      )
        break;
      let last: ChildNode | null = current.lastChild;
      while (last) {
        const hidden = last instanceof Element && getComputedStyle(last).display === 'none';
        const blank = last.nodeType === Node.TEXT_NODE && (last.textContent ?? '').trim() === '';
        const comment = last.nodeType === Node.COMMENT_NODE;
        if (!hidden && !blank && !comment) break;
        last = last.previousSibling;
      }
      current = last instanceof Element ? last : undefined;
    }
    return margin;
  };
  const refsOf = (el: Element, from = -Infinity, to = Infinity) =>
    [...el.querySelectorAll('.footnote-ref a')]
      .filter((a) => {
        const y = a.getBoundingClientRect().top + scroll();
        return y >= from - 1 && y < to;
      })
      .map((a) => (a.getAttribute('href') ?? '').slice(1));
  const ATOMIC = /^(FIGURE|TABLE|PRE|IMG|HR|H[1-6]|SVG|MATH)$/;
  const TEXT = /^(P|LI|DD|DT)$/;
  const BLOCK_CHILD = /^(P|DIV|UL|OL|DL|FIGURE|TABLE|BLOCKQUOTE|PRE|SECTION|ASIDE)$/;
  const visit = (el: Element): void => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.position === 'absolute' || style.position === 'fixed')
      return;
    const rect = el.getBoundingClientRect();
    const box = {
      el,
      top: rect.top + scroll(),
      bottom: rect.bottom + scroll(),
      marginTop: px(style.marginTop),
      marginBottom: trailingMargin(el),
    };
    // A block kept whole, unless it and the margin below it are taller than a page (a long
    // contents list): it is broken then like any other, so that no page overflows.
    const avoid =
      (style.breakInside === 'avoid' || style.breakInside === 'avoid-page') &&
      rect.height + box.marginBottom <= H - SAFETY;
    const textBlock =
      TEXT.test(el.tagName) && ![...el.children].some((c) => BLOCK_CHILD.test(c.tagName));
    if (ATOMIC.test(el.tagName) || avoid || (!textBlock && el.children.length === 0)) {
      units.push({
        ...box,
        refs: refsOf(el),
        keepWithNext: /^H[1-6]$/.test(el.tagName) || style.breakAfter === 'avoid',
      });
      return;
    }
    if (!textBlock) {
      for (const child of el.children) visit(child);
      return;
    }
    // The paragraph's lines: its text's boxes, merged where they overlap vertically.
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()]
      .filter((r) => r.height > 0 && r.width > 0)
      .map((r) => ({
        top: r.top + scroll(),
        bottom: r.bottom + scroll(),
        left: r.left,
        right: r.right,
      }))
      .sort((a, b) => a.top - b.top);
    const lines: { top: number; bottom: number; left: number; right: number }[] = [];
    for (const r of rects) {
      const last = lines[lines.length - 1];
      if (last && r.top < last.bottom - 1) {
        last.top = Math.min(last.top, r.top);
        last.bottom = Math.max(last.bottom, r.bottom);
        last.left = Math.min(last.left, r.left);
        last.right = Math.max(last.right, r.right);
      } else lines.push({ ...r });
    }
    lines.forEach((line, index) => {
      const previous = lines[index - 1];
      const next = lines[index + 1];
      const top = previous ? (previous.bottom + line.top) / 2 : box.top;
      const bottom = next ? (line.bottom + next.top) / 2 : box.bottom;
      units.push({
        el,
        top,
        bottom,
        marginTop: previous ? 0 : box.marginTop,
        marginBottom: next ? 0 : box.marginBottom,
        // A raised reference may stand above its line: the first line takes what is above it.
        refs: refsOf(el, previous ? top : -Infinity, next ? bottom : Infinity),
        keepWithNext: false,
        line: {
          index,
          count: lines.length,
          x: line.left + 2,
          y: (line.top + line.bottom) / 2,
          right: line.right,
        },
      });
    });
  };
  /**
   * Whether a line ends at a soft hyphen (it shows a hyphen there). Asked only of the last
   * line of a page; the caret is found from a point, which must be in the window.
   */
  const endsWithHyphen = (unit: Unit): boolean => {
    if (!unit.line) return false;
    window.scrollTo(0, unit.line.y - 200);
    const caret = document.caretRangeFromPoint(unit.line.right - 1, unit.line.y - scroll());
    window.scrollTo(0, 0);
    if (!caret || !unit.el.contains(caret.startContainer)) return false;
    const text = caret.startContainer.textContent ?? '';
    return text.slice(caret.startOffset - 1, caret.startOffset + 2).includes('\u00ad');
  };
  const root = document.querySelector('main');
  const colophon = document.querySelector('footer.colophon');
  if (root) visit(root);
  if (colophon) visit(colophon);

  // 3. Pages: as many units as fit with the notes they bring, then the break moved back
  // for widows, orphans, headings and hyphens (paginate.ts).
  const pages = paginate(
    units,
    {
      height: H - SAFETY,
      widows: options.widows,
      orphans: options.orphans,
      noteHeight: (id) => noteHeight.get(id) ?? 0,
      overhead,
    },
    (index) => endsWithHyphen(units[index] as Unit),
  );

  // The page of each target: that of the first unit it is or holds. The printed PDF must
  // have the pages counted here, which print.ts checks; then each starts on its page.
  const firstUnit = new Map<Element, number>();
  units.forEach((unit, index) => {
    for (let el: Element | null = unit.el; el && !firstUnit.has(el); el = el.parentElement)
      firstUnit.set(el, index);
  });
  const targets: Record<string, number> = {};
  for (const id of options.targets) {
    const element = document.getElementById(id);
    const unit = element ? firstUnit.get(element) : undefined;
    if (unit !== undefined) targets[id] = pages.findIndex((p) => unit < p.end) + 1;
  }

  // 4. Where each split paragraph breaks, read before anything changes.
  const splits = pages.slice(0, -1).map((page) => {
    const after = units[page.end] as Unit;
    const before = units[page.end - 1] as Unit;
    if (!(after.line && before.line && after.el === before.el)) return { page, at: before.el };
    window.scrollTo(0, after.line.y - 200);
    const caret = document.caretRangeFromPoint(after.line.x, after.line.y - scroll());
    // Past the middle of a narrow first letter (an "i"), the caret lands after it: it is
    // moved back while the character before it is on this line.
    while (caret && caret.startOffset > 0 && caret.startContainer.nodeType === Node.TEXT_NODE) {
      const previous = document.createRange();
      previous.setStart(caret.startContainer, caret.startOffset - 1);
      previous.setEnd(caret.startContainer, caret.startOffset);
      const box = previous.getBoundingClientRect();
      if (box.height === 0 || (box.top + box.bottom) / 2 + scroll() < after.top) break;
      caret.setStart(caret.startContainer, caret.startOffset - 1);
    }
    return { page, at: before.el, caret: caret ?? undefined };
  });
  window.scrollTo(0, 0);

  // 5. From the last page to the first: split the paragraph, put the page's notes after it.
  const notesBlock = (page: CountedPage, last: boolean): Element => {
    if (page.notes.length === 0) {
      // A page without notes only ends where it was counted to end.
      const end = document.createElement('div');
      end.className = 'page-end';
      end.style.breakAfter = 'page';
      return end;
    }
    const aside = document.createElement('aside');
    aside.className = 'page-notes';
    if (page.notes.length > 0) {
      const list = document.createElement('ol');
      for (const id of page.notes) {
        const note = notes.get(id);
        if (note) list.append(note);
      }
      aside.append(list);
    }
    aside.style.paddingTop = `${Math.max(0, H - SAFETY - page.used - page.notesHeight)}px`;
    if (!last) aside.style.breakAfter = 'page';
    return aside;
  };
  /**
   * Ends the flow after `node`: each ancestor up to the essay is split in two after it (a
   * list, a quotation), so that what follows on the next page is in a copy of it. Returns
   * the outermost part that ends with `node`, after which the page's notes go.
   */
  const FLOW = /^(MAIN|ARTICLE|BODY|FOOTER)$/;
  const splitAfter = (node: Element): Element => {
    let current = node;
    for (let parent = current.parentElement; parent; parent = current.parentElement) {
      if (FLOW.test(parent.tagName) || parent.classList.contains('essay')) break;
      if (current.nextSibling) {
        const copy = parent.cloneNode(false) as Element;
        copy.removeAttribute('id');
        if (copy instanceof HTMLOListElement) {
          // The next item's number; a continued item keeps the number of the one it continues.
          const before = [...parent.children].indexOf(current) + 1;
          const continues = (current.nextSibling as Element | null)?.classList?.contains(
            'continued',
          );
          copy.start = (parent as HTMLOListElement).start + before - (continues ? 1 : 0);
        }
        while (current.nextSibling) copy.append(current.nextSibling);
        // The two parts meet at the page break: no margin, padding or border between them.
        (parent as HTMLElement).style.cssText +=
          ';margin-bottom:0;padding-bottom:0;border-bottom:0';
        (copy as HTMLElement).style.cssText += ';margin-top:0;padding-top:0;border-top:0';
        parent.after(copy);
      }
      current = parent;
    }
    return current;
  };
  for (let i = splits.length - 1; i >= 0; i--) {
    const split = splits[i];
    if (!split) continue;
    if (split.caret) {
      const rest = document.createRange();
      rest.setStart(split.caret.startContainer, split.caret.startOffset);
      rest.setEnd(split.at, split.at.childNodes.length);
      const continued = split.at.cloneNode(false) as Element;
      continued.removeAttribute('id');
      continued.classList.add('continued');
      continued.append(rest.extractContents());
      split.at.classList.add('runs-over');
      split.at.after(continued);
    }
    splitAfter(split.at).after(notesBlock(split.page, false));
  }
  const lastPage = pages[pages.length - 1];
  if (lastPage && lastPage.notes.length > 0)
    splitAfter((units[lastPage.end - 1] as Unit).el).after(notesBlock(lastPage, true));
  sizing.remove();
  return { pages: pages.length, targets };
}
