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
} from 'pdf-lib';
import { fontMaps } from './code-maps.js';
import { linkTarget } from './link-targets.js';
import { markedText, type Shown, sameLine } from './marked-text.js';
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
          linkText(tagged[index] ?? [], shown) || linkTarget(pdf, pages, annot, pageLabel);
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
