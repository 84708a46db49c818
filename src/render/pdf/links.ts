/**
 * PDF/UA-1 (ISO 14289-1, 7.18.5) asks every link annotation for an alternate description
 * in /Contents, which Chromium does not write. Chromium tags each link as a /Link structure
 * element whose /K holds the link's marked content and an /OBJR naming its annotation, and
 * sets the annotation's /StructParent, its key in the parent tree. So the description is
 * the link's text as the page shows it: the annotation's /Link element is looked up in the
 * parent tree, and the text shown inside its marked-content sequences is read from the
 * content streams of only the pages that hold them. A link with no tagged text is described
 * by its target instead: the URI, or the page a destination inside the document lies on.
 */
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { fillLabel } from '../labels.js';
import { type CodeMap, decodeShown, fontMaps } from './code-maps.js';
import { type Operand, operands } from './content.js';
import {
  type ContentReader,
  contentReader,
  linkAnnotations,
  type PageContent,
  resolve,
  textOf,
} from './syntax.js';

/** A piece of a link's text: marked content on a page, or an element's own /ActualText or /Alt. */
type Piece = { page: PDFRef; mcid: number } | { text: string };

/** What a marked-content sequence shows: its text, and the baseline where it starts and ends. */
interface Shown {
  text: string;
  first: number;
  last: number;
}

const name = (key: string) => PDFName.of(key);

/**
 * Sets /Contents on every /Link annotation that has none. `pageLabel` is the edition's label
 * for "Page {page}", which describes a link whose only known target is a page of the document;
 * `read` gives the pages' content, which the passes after this one may read again.
 */
export function describeLinks(
  pdf: PDFDocument,
  pageLabel: string,
  read: ContentReader = contentReader(pdf),
): void {
  planLinks(pdf, pageLabel)?.describe(read);
}

/**
 * The link pass in two steps, so that it can read each page's content as another pass goes
 * through the pages (finish.ts): `readPage` takes the text of the wanted marked content from a
 * page as it is read, and `describe` sets the descriptions, reading any wanted page not seen.
 */
export interface LinkPlan {
  readPage(page: PDFPage, content: PageContent): void;
  describe(read: ContentReader): void;
}

/** The links to describe and the marked content their text is in; undefined if none. */
export function planLinks(pdf: PDFDocument, pageLabel: string): LinkPlan | undefined {
  const pages = pdf.getPages();
  const links: { annot: PDFDict; page: PDFRef; key: number | undefined }[] = [];
  for (const { annot, page } of linkAnnotations(pdf)) {
    if (textOf(resolve(pdf, annot.get(name('Contents'))))?.trim()) continue;
    const key = annot.get(name('StructParent'));
    links.push({
      annot,
      page: page.ref,
      key: key instanceof PDFNumber ? key.asNumber() : undefined,
    });
  }
  if (links.length === 0) return undefined;
  const keys = new Set(links.flatMap(({ key }) => (key === undefined ? [] : [key])));
  const parents = parentTree(pdf, keys);
  const tagged = links.map(({ key, page }) => {
    const elem = key === undefined ? undefined : parents.get(key);
    return elem ? linkPieces(pdf, elem, page) : [];
  });
  const wanted = wantedSequences(tagged.flat());
  const shown = new Map<PDFRef, Map<number, Shown>>();
  const readPage = (page: PDFPage, content: PageContent) => {
    const mcids = wanted.get(page.ref);
    if (mcids && !shown.has(page.ref))
      shown.set(page.ref, markedText(content, mcids, fontMaps(pdf, page)));
  };
  return {
    readPage,
    describe(read) {
      for (const page of pages) {
        if (!wanted.has(page.ref) || shown.has(page.ref)) continue;
        const content = read(page);
        if (content !== undefined) readPage(page, content);
      }
      links.forEach(({ annot }, index) => {
        const description =
          linkText(tagged[index] ?? [], shown) || target(pdf, pages, annot, pageLabel);
        if (description) annot.set(name('Contents'), PDFHexString.fromText(description));
      });
    },
  };
}

/**
 * The structure elements the parent tree gives for the wanted keys: an annotation's
 * /StructParent names the element (the /Link) whose /OBJR refers to it.
 */
function parentTree(pdf: PDFDocument, keys: Set<number>): Map<number, PDFDict> {
  const found = new Map<number, PDFDict>();
  const root = resolve(pdf, pdf.catalog.get(name('StructTreeRoot')));
  if (!(root instanceof PDFDict) || keys.size === 0) return found;
  const visit = (node: PDFObject | undefined, depth: number): void => {
    if (!(node instanceof PDFDict) || depth > 32) return;
    const limits = resolve(pdf, node.get(name('Limits')));
    if (limits instanceof PDFArray) {
      const [low, high] = [limits.get(0), limits.get(1)];
      const inside = [...keys].some(
        (key) =>
          (!(low instanceof PDFNumber) || key >= low.asNumber()) &&
          (!(high instanceof PDFNumber) || key <= high.asNumber()),
      );
      if (!inside) return;
    }
    const nums = resolve(pdf, node.get(name('Nums')));
    if (nums instanceof PDFArray) {
      for (let i = 0; i + 1 < nums.size(); i += 2) {
        const key = nums.get(i);
        const value = resolve(pdf, nums.get(i + 1));
        if (key instanceof PDFNumber && keys.has(key.asNumber()) && value instanceof PDFDict)
          found.set(key.asNumber(), value);
      }
    }
    const kids = resolve(pdf, node.get(name('Kids')));
    if (kids instanceof PDFArray)
      for (const kid of kids.asArray()) visit(resolve(pdf, kid), depth + 1);
  };
  visit(resolve(pdf, root.get(name('ParentTree'))), 0);
  return found;
}

/**
 * A link element's text as pieces in reading order: its /Alt or /ActualText when it has
 * one, else its marked content, depth first, a descendant's /ActualText or /Alt standing
 * for that descendant's content. Marked content takes its page from the nearest /Pg, up
 * the tree, else from the page the annotation is on.
 */
function linkPieces(pdf: PDFDocument, link: PDFDict, annotPage: PDFRef): Piece[] {
  const replaced = textOf(link.get(name('Alt'))) ?? textOf(link.get(name('ActualText')));
  if (replaced !== undefined) return [{ text: replaced }];
  let page = annotPage;
  let up = resolve(pdf, link.get(name('P')));
  for (let depth = 0; up instanceof PDFDict && depth < 64; depth++) {
    const pg = up.get(name('Pg'));
    if (pg instanceof PDFRef) {
      page = pg;
      break;
    }
    up = resolve(pdf, up.get(name('P')));
  }
  const pieces: Piece[] = [];
  const collect = (elem: PDFDict, inherited: PDFRef, depth: number): void => {
    const own = elem.get(name('Pg'));
    const pg = own instanceof PDFRef ? own : inherited;
    const k = resolve(pdf, elem.get(name('K')));
    for (const item of k instanceof PDFArray ? k.asArray() : k ? [k] : []) {
      const kid = resolve(pdf, item);
      if (kid instanceof PDFNumber) pieces.push({ page: pg, mcid: kid.asNumber() });
      if (!(kid instanceof PDFDict)) continue;
      const mcid = kid.get(name('MCID'));
      if (mcid instanceof PDFNumber && kid.get(name('Type')) === name('MCR')) {
        const at = kid.get(name('Pg'));
        pieces.push({ page: at instanceof PDFRef ? at : pg, mcid: mcid.asNumber() });
      } else if (kid.has(name('S')) && depth < 64) {
        const text = textOf(kid.get(name('ActualText'))) ?? textOf(kid.get(name('Alt')));
        if (text !== undefined) pieces.push({ text });
        else collect(kid, pg, depth + 1);
      }
    }
  };
  collect(link, page, 0);
  return pieces;
}

/** The link's text, a space where it wraps onto another line; '' when nothing is known. */
function linkText(pieces: Piece[], shown: Map<PDFRef, Map<number, Shown>>): string {
  let text = '';
  let previous: { page: PDFRef; last: number } | undefined;
  for (const piece of pieces) {
    if ('text' in piece) {
      text += piece.text;
      previous = undefined;
      continue;
    }
    const seen = shown.get(piece.page)?.get(piece.mcid);
    if (!seen) continue;
    const wrapped =
      previous && (previous.page !== piece.page || !sameLine(previous.last, seen.first));
    if (wrapped && !/\s$/.test(text) && !/^\s/.test(seen.text)) text += ' ';
    text += seen.text;
    previous = { page: piece.page, last: seen.last };
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The marked-content sequences whose text is wanted, page by page. */
function wantedSequences(pieces: Piece[]): Map<PDFRef, Set<number>> {
  const wanted = new Map<PDFRef, Set<number>>();
  for (const piece of pieces) {
    if ('text' in piece) continue;
    const set = wanted.get(piece.page) ?? new Set<number>();
    set.add(piece.mcid);
    wanted.set(piece.page, set);
  }
  return wanted;
}

/** A wanted marked-content sequence being read: what it has shown so far, and where. */
interface Reading {
  /** The text so far, the baseline of its first string, and the current baseline as `last`. */
  shown: Shown;
  /** Set when the text position moves to another line: the next string starts a new word. */
  newLine: boolean;
}

/** The operators that show text or move the text position, which a reading follows. */
const TEXT_OPERATORS = new Set(['Tm', 'Td', 'TD', 'T*', 'Tj', 'TJ', "'", '"']);

/**
 * The text shown in each wanted marked-content sequence of a page's content, read in one
 * walk through the page's operators: the font in effect is the one the last `Tf` set (`q`
 * and `Q` save and restore it), and a sequence runs from its `BDC`, whose properties name
 * its /MCID, to the `EMC` that closes it, the text of sequences nested in it included.
 * Only the first sequence with a given /MCID is read; a baseline is unknown until the
 * sequence sets one with `Tm`.
 */
function markedText(
  { text, operators }: PageContent,
  mcids: Set<number>,
  fonts: (key: string) => CodeMap | undefined,
): Map<number, Shown> {
  const shown = new Map<number, Shown>();
  // One entry per open marked-content sequence: its reading when it is a wanted one.
  const marks: (Reading | undefined)[] = [];
  let reading = 0;
  const saved: (CodeMap | undefined)[] = [];
  let font: CodeMap | undefined;
  for (const op of operators) {
    const name = op.name;
    if (name === 'BDC' || name === 'BMC') {
      const mcid = name === 'BDC' ? markedId(operands(text, op)) : undefined;
      const wanted = mcid !== undefined && mcids.has(mcid) && !shown.has(mcid);
      const mark = wanted ? newReading() : undefined;
      if (mark) {
        shown.set(mcid as number, mark.shown);
        reading += 1;
      }
      marks.push(mark);
    } else if (name === 'EMC') {
      if (marks.pop()) reading -= 1;
    } else if (name === 'q') saved.push(font);
    else if (name === 'Q') font = saved.length > 0 ? saved.pop() : font;
    else if (name === 'Tf') {
      const [key] = operands(text, op);
      if (typeof key === 'string') font = fonts(key);
    } else if (reading > 0 && TEXT_OPERATORS.has(name)) {
      const args = operands(text, op);
      for (const mark of marks) if (mark) follow(mark, name, args, font);
    }
  }
  return shown;
}

/**
 * The /MCID in the properties of a `BDC`, if any. Chromium writes them inline
 * (`/Tag <</MCID n >>BDC`); a property list named from the page's resources is not looked up.
 */
function markedId(args: Operand[]): number | undefined {
  const properties = args[1];
  const mcid = properties instanceof Map ? properties.get('MCID') : undefined;
  return typeof mcid === 'number' && Number.isInteger(mcid) && mcid >= 0 ? mcid : undefined;
}

/** A sequence not read yet: no text, and no baseline known. */
function newReading(): Reading {
  return { shown: { text: '', first: Number.NaN, last: Number.NaN }, newLine: false };
}

/** A text operator inside a wanted sequence: the text it shows, or the line it moves to. */
function follow(mark: Reading, name: string, args: Operand[], font: CodeMap | undefined): void {
  if (name === 'Tm') {
    const to = Number(args[5]);
    if (!sameLine(to, mark.shown.last)) mark.newLine = true;
    mark.shown.last = to;
  } else if (name === 'Td' || name === 'TD') {
    const by = Number(args[1]) || 0;
    if (by !== 0) mark.newLine = true;
    mark.shown.last += by;
  } else if (name === 'T*') mark.newLine = true;
  else if (name === 'Tj' || name === 'TJ') show(mark, args[0], font);
  else if (name === "'" || name === '"') {
    mark.newLine = true;
    show(mark, args.at(-1), font);
  }
}

/**
 * A string, or a `TJ` array of strings and adjustments, added to the reading's text. A
 * gap of a quarter em or more between strings reads as a word space.
 */
function show(mark: Reading, value: Operand | undefined, font: CodeMap | undefined): void {
  const shown = mark.shown;
  if (value instanceof Uint8Array) {
    if (mark.newLine) space(shown);
    mark.newLine = false;
    if (Number.isNaN(shown.first)) shown.first = shown.last;
    shown.text += decodeShown(value, font);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'number') show(mark, item, font);
      else if (item <= -250) space(shown);
    }
  }
}

/** A word space at the end of the text, unless it is empty or ends in a space already. */
function space(shown: Shown): void {
  if (shown.text && !/\s$/.test(shown.text)) shown.text += ' ';
}

/** Baselines within a hundredth of a unit are one line; an unknown one is taken as the same. */
function sameLine(a: number, b: number): boolean {
  return Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) < 0.01;
}

/** A link without tagged text, described by where it leads: its URI, or the target's page. */
function target(pdf: PDFDocument, pages: PDFPage[], annot: PDFDict, pageLabel: string): string {
  const action = resolve(pdf, annot.get(name('A')));
  let dest = resolve(pdf, annot.get(name('Dest')));
  if (action instanceof PDFDict) {
    const uri = textOf(resolve(pdf, action.get(name('URI'))));
    if (action.get(name('S')) === name('URI') && uri) return uri;
    if (action.get(name('S')) === name('GoTo')) dest = resolve(pdf, action.get(name('D')));
    // Another PDF (an edition in another language): its file name.
    const file = resolve(pdf, action.get(name('F')));
    const fileName = textOf(file instanceof PDFDict ? resolve(pdf, file.get(name('UF'))) : file);
    if (action.get(name('S')) === name('GoToR') && fileName) return fileName;
  }
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString)
    dest = namedDestination(pdf, dest);
  if (dest instanceof PDFDict) dest = resolve(pdf, dest.get(name('D')));
  const pageRef = dest instanceof PDFArray ? dest.get(0) : undefined;
  const index = pages.findIndex((page) => page.ref === pageRef);
  if (index < 0) return '';
  // "Page {page}", "{page} ページ"; a label of an older labels file without the placeholder
  // comes before the number.
  return pageLabel.includes('{page}')
    ? fillLabel(pageLabel, { page: index + 1 })
    : `${pageLabel} ${index + 1}`;
}

/** A named destination, in the catalog's /Dests (names) or its /Names /Dests tree (strings). */
function namedDestination(
  pdf: PDFDocument,
  key: PDFName | PDFString | PDFHexString,
): PDFObject | undefined {
  if (key instanceof PDFName) {
    const dests = resolve(pdf, pdf.catalog.get(name('Dests')));
    return dests instanceof PDFDict ? resolve(pdf, dests.get(key)) : undefined;
  }
  const wanted = key.decodeText();
  const names = resolve(pdf, pdf.catalog.get(name('Names')));
  const search = (node: PDFObject | undefined, depth: number): PDFObject | undefined => {
    if (!(node instanceof PDFDict) || depth > 32) return undefined;
    const pairs = resolve(pdf, node.get(name('Names')));
    if (pairs instanceof PDFArray) {
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        if (textOf(resolve(pdf, pairs.get(i))) === wanted) return resolve(pdf, pairs.get(i + 1));
      }
    }
    const kids = resolve(pdf, node.get(name('Kids')));
    if (!(kids instanceof PDFArray)) return undefined;
    for (const kid of kids.asArray()) {
      const found = search(resolve(pdf, kid), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return names instanceof PDFDict ? search(resolve(pdf, names.get(name('Dests'))), 0) : undefined;
}
