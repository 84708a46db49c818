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
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { CLASS, linkAnnotations, resolve, streamText, textOf, wordEnd } from './pdf-syntax.js';

/** A piece of a link's text: marked content on a page, or an element's own /ActualText or /Alt. */
type Piece = { page: PDFRef; mcid: number } | { text: string };

/** What a marked-content sequence shows: its text, and the baseline where it starts and ends. */
interface Shown {
  text: string;
  first: number;
  last: number;
}

/** A font's character codes: their width in bytes and their Unicode text (ToUnicode). */
interface CodeMap {
  bytes: 1 | 2;
  unicode: Map<number, string> | undefined;
}

const name = (key: string) => PDFName.of(key);

/**
 * Sets /Contents on every /Link annotation that has none. `pageLabel` is the edition's word
 * for "Page", which describes a link whose only known target is a page of the document.
 */
export function describeLinks(pdf: PDFDocument, pageLabel: string): void {
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
  if (links.length === 0) return;
  const keys = new Set(links.flatMap(({ key }) => (key === undefined ? [] : [key])));
  const parents = parentTree(pdf, keys);
  const tagged = links.map(({ key, page }) => {
    const elem = key === undefined ? undefined : parents.get(key);
    return elem ? linkPieces(pdf, elem, page) : [];
  });
  const shown = showText(pdf, pages, tagged.flat());
  links.forEach(({ annot }, index) => {
    const description =
      linkText(tagged[index] ?? [], shown) || target(pdf, pages, annot, pageLabel);
    if (description) annot.set(name('Contents'), PDFHexString.fromText(description));
  });
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

/** The text of the wanted marked-content sequences, read once per page that holds any. */
function showText(
  pdf: PDFDocument,
  pages: PDFPage[],
  pieces: Piece[],
): Map<PDFRef, Map<number, Shown>> {
  const wanted = new Map<PDFRef, Set<number>>();
  for (const piece of pieces) {
    if ('text' in piece) continue;
    const set = wanted.get(piece.page) ?? new Set<number>();
    set.add(piece.mcid);
    wanted.set(piece.page, set);
  }
  const result = new Map<PDFRef, Map<number, Shown>>();
  for (const page of pages) {
    const mcids = wanted.get(page.ref);
    if (!mcids) continue;
    const content = pageContent(pdf, page);
    if (content !== undefined) result.set(page.ref, markedText(pdf, page, content, mcids));
  }
  return result;
}

/** A page's content streams, joined (they may split anywhere), as latin1 text. */
function pageContent(pdf: PDFDocument, page: PDFPage): string | undefined {
  const contents = resolve(pdf, page.node.get(name('Contents')));
  const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const texts: string[] = [];
  for (const part of parts) {
    const stream = resolve(pdf, part);
    if (!(stream instanceof PDFRawStream)) return undefined;
    texts.push(streamText(stream));
  }
  return texts.join('\n');
}

type Operand = number | string | Uint8Array | Operand[];

/** Chromium writes `/Tag <</MCID n >>BDC` with the properties inline. */
const MARKED = /\/MCID\s+(\d+)\s*>>\s*BDC/g;
const FONT = /\/([^\s()<>[\]{}/%]+)\s+[-+\d.]+\s+Tf/g;

/** The text shown in each wanted marked-content sequence of a page's content. */
function markedText(
  pdf: PDFDocument,
  page: PDFPage,
  content: string,
  mcids: Set<number>,
): Map<number, Shown> {
  const shown = new Map<number, Shown>();
  const fonts = fontMaps(pdf, page);
  for (const match of content.matchAll(MARKED)) {
    const mcid = Number(match[1]);
    if (!mcids.has(mcid) || shown.has(mcid)) continue;
    // The font in effect where the sequence starts, should it show text before its own Tf.
    let font: CodeMap | undefined;
    for (const set of content.slice(Math.max(0, match.index - 2000), match.index).matchAll(FONT))
      font = fonts(set[1] ?? '');
    shown.set(mcid, sequenceText(content, match.index + match[0].length, font, fonts));
  }
  return shown;
}

/** The text shown from `from` to the EMC that closes the sequence opened just before it. */
function sequenceText(
  s: string,
  from: number,
  initial: CodeMap | undefined,
  fonts: (key: string) => CodeMap | undefined,
): Shown {
  let font = initial;
  let text = '';
  let y = Number.NaN;
  let first = Number.NaN;
  // Set when the text position moves to another line: the next string starts a new word.
  let newLine = false;
  let depth = 1;
  const stack: Operand[][] = [[]];
  const space = () => {
    if (text && !/\s$/.test(text)) text += ' ';
  };
  const show = (value: Operand | undefined) => {
    if (value instanceof Uint8Array) {
      if (newLine) space();
      newLine = false;
      if (Number.isNaN(first)) first = y;
      text += decodeShown(value, font);
    } else if (Array.isArray(value)) {
      for (const item of value) {
        // A gap of a quarter em or more between strings reads as a word space.
        if (typeof item === 'number') {
          if (item <= -250) space();
        } else show(item);
      }
    }
  };
  for (let i = from; i < s.length && depth > 0; ) {
    const c = s[i] as string;
    const operands = stack.at(-1) as Operand[];
    if (CLASS[s.charCodeAt(i)] === 1) i++;
    else if (c === '%') i = lineEnd(s, i);
    else if (c === '(') {
      const [bytes, end] = literal(s, i);
      operands.push(bytes);
      i = end;
    } else if (c === '<' && s[i + 1] !== '<') {
      const end = s.indexOf('>', i) + 1 || s.length;
      operands.push(hexBytes(s.slice(i + 1, end - 1)));
      i = end;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const array = stack.length > 1 ? (stack.pop() as Operand[]) : [];
      (stack.at(-1) as Operand[]).push(array);
      i++;
    } else if (c === '<' || c === '>' || c === '{' || c === '}' || c === ')') {
      i += s[i + 1] === c && (c === '<' || c === '>') ? 2 : 1;
    } else {
      const end = wordEnd(s, c === '/' ? i + 1 : i);
      const word = s.slice(i, end);
      i = end;
      if (c === '/') operands.push(word);
      else if (/^[-+.\d]/.test(word)) operands.push(Number(word));
      else {
        const args = stack.length > 1 ? [] : operands;
        if (word === 'BDC' || word === 'BMC') depth++;
        else if (word === 'EMC') depth--;
        else if (word === 'Tf' && typeof args[0] === 'string') font = fonts(args[0].slice(1));
        else if (word === 'Tm') {
          const to = Number(args[5]);
          if (!sameLine(to, y)) newLine = true;
          y = to;
        } else if (word === 'Td' || word === 'TD') {
          const by = Number(args[1]) || 0;
          if (by !== 0) newLine = true;
          y += by;
        } else if (word === 'T*') newLine = true;
        else if (word === 'Tj' || word === 'TJ') show(args[0]);
        else if (word === "'" || word === '"') {
          newLine = true;
          show(args.at(-1));
        }
        stack.length = 1;
        stack[0] = [];
      }
    }
  }
  return { text, first, last: y };
}

/** Baselines within a hundredth of a unit are one line; an unknown one is taken as the same. */
function sameLine(a: number, b: number): boolean {
  return Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) < 0.01;
}

function lineEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
  return i;
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };

/** A literal string's bytes (escapes and balanced parentheses) and the offset after it. */
function literal(s: string, open: number): [Uint8Array, number] {
  const bytes: number[] = [];
  let depth = 0;
  let i = open;
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const next = s[++i] ?? '';
      const octal = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
      if (octal) {
        bytes.push(Number.parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next === '\r' || next === '\n') {
        if (next === '\r' && s[i + 1] === '\n') i++;
      } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      continue;
    }
    if (c === '(' && depth++ === 0) continue;
    if (c === ')' && --depth === 0) return [Uint8Array.from(bytes), i + 1];
    bytes.push(c.charCodeAt(0));
  }
  return [Uint8Array.from(bytes), s.length];
}

function hexBytes(hex: string): Uint8Array {
  const digits = hex.replace(/[^0-9A-Fa-f]/g, '');
  const even = digits.length % 2 ? `${digits}0` : digits;
  return Uint8Array.from(Buffer.from(even, 'hex'));
}

/** A shown string as text: codes through the font's ToUnicode map (latin1 for a simple font without one). */
function decodeShown(bytes: Uint8Array, font: CodeMap | undefined): string {
  const width = font?.bytes ?? 1;
  let text = '';
  for (let i = 0; i + width <= bytes.length; i += width) {
    const code = width === 2 ? ((bytes[i] as number) << 8) | (bytes[i + 1] as number) : bytes[i];
    const mapped = font?.unicode?.get(code as number);
    if (mapped !== undefined) text += mapped;
    else if (width === 1) text += String.fromCharCode(code as number);
  }
  return text;
}

/** The code map of each font of the page's resources, by resource name, read when first used. */
function fontMaps(pdf: PDFDocument, page: PDFPage): (key: string) => CodeMap | undefined {
  const resources = resolve(pdf, page.node.Resources());
  const fonts =
    resources instanceof PDFDict ? resolve(pdf, resources.get(name('Font'))) : undefined;
  const cache = new Map<string, CodeMap | undefined>();
  return (key) => {
    if (cache.has(key)) return cache.get(key);
    const font = fonts instanceof PDFDict ? resolve(pdf, fonts.get(name(key))) : undefined;
    let map: CodeMap | undefined;
    if (font instanceof PDFDict) {
      const cmap = resolve(pdf, font.get(name('ToUnicode')));
      const composite = font.get(name('Subtype')) === name('Type0');
      map = {
        bytes: composite ? 2 : 1,
        unicode: cmap instanceof PDFRawStream ? toUnicode(cmap) : undefined,
      };
    }
    cache.set(key, map);
    return map;
  };
}

/** A ToUnicode CMap's bfchar and bfrange entries as code → text. */
function toUnicode(stream: PDFRawStream): Map<number, string> {
  const cmap = streamText(stream);
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4)
      units.push(Number.parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of (body ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set(Number.parseInt(code ?? '', 16), utf16(text ?? ''));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const entries = (body ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g,
    );
    for (const [, lo, hi, start, list] of entries) {
      const [from, to] = [Number.parseInt(lo ?? '', 16), Number.parseInt(hi ?? '', 16)];
      if (list !== undefined) {
        const texts = [...list.matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => utf16(m[1] ?? ''));
        texts.forEach((text, offset) => {
          if (from + offset <= to) map.set(from + offset, text);
        });
      } else if (start) {
        // The last UTF-16 unit counts up through the range.
        const head = utf16(start.slice(0, -4));
        const base = Number.parseInt(start.slice(-4), 16);
        for (let code = from; code <= to && code - from <= 0xffff; code++)
          map.set(code, head + String.fromCharCode(base + code - from));
      }
    }
  }
  return map;
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
  return index < 0 ? '' : `${pageLabel} ${index + 1}`;
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
