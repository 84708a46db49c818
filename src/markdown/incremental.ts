/**
 * A save that changes a paragraph parses that paragraph again, not the whole file: the
 * preview's parse of a 100-page article takes a few milliseconds instead of hundreds. The
 * changed lines are widened to whole top-level blocks between blank lines, parsed on their
 * own and spliced into the previous parse, with the lines of everything after them moved.
 *
 * That is exact only for blocks that nothing elsewhere depends on, and that depend on
 * nothing elsewhere: plain paragraphs and figures, with text, emphasis, code, links and
 * images, and references to notes defined elsewhere as long as the same notes are referred
 * to in the same order (their numbers then stay as they were). Anything else numbered or
 * looked up across the document (a note added, moved or written inline, headings and their
 * ids, labels and cross-references, citations, reference links and their definitions,
 * formulas, raw HTML that may be balanced against another block, a `{…}` line that may
 * belong to the block before) makes reparseChange answer undefined: the caller parses the
 * whole file, as a build does. test/preview/incremental.test.ts compares the two.
 */
import type { Token } from 'markdown-it';
import { parseDocument, setTextCounts, textCountsOf } from './document.js';
import type { ParsedDocument } from './parsed-document.js';

/** Top-level tokens a spliced block may be made of. */
const BLOCK_TYPES = new Set([
  'paragraph_open',
  'paragraph_close',
  'inline',
  'figure_open',
  'figure_close',
]);

/** Inline tokens whose rendering depends on nothing outside their paragraph. */
const INLINE_TYPES = new Set([
  'text',
  'softbreak',
  'hardbreak',
  'code_inline',
  'em_open',
  'em_close',
  'strong_open',
  'strong_close',
  's_open',
  's_close',
  'link_open',
  'link_close',
  'image',
  'caps_open',
  'caps_close',
  'figcaption_open',
  'figcaption_close',
  'footnote_ref',
]);

/**
 * Markdown that may act on other blocks without leaving a token in its own, once references
 * to notes are set aside: inline notes and note definitions, reference definitions and
 * references (`[text]` not followed by a URL), labels, and a line of `{…}` attributes
 * (markdown-it-attrs gives it to a table before it).
 */
const REACHES_OUT = /\[\^|\^\[|\](?!\()|#(?:fig|tbl|eq):|^[ \t]*\{/m;
const NOTE_REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

const isBlank = (line: string | undefined) => line !== undefined && /^[ \t]*$/.test(line);

/** The lists of a parse that hold file lines, each item's own or the item itself. */
const LINED = [
  'images',
  'headings',
  'rawHtmlRemoved',
  'refusedLinks',
  'links',
  'math',
  'mathProblems',
  'code',
  'codeProblems',
  'callouts',
  'calloutProblems',
  'citations',
  'crossrefs',
  'labels',
] as const;
const LINE_NUMBERS = ['tableLines', 'rawHtmlLines'] as const;
/** The lists a spliced paragraph or figure can add to. */
const SPLICED = ['images', 'links', 'refusedLinks', 'footnoteLines'] as const;
type Spliced = (typeof SPLICED)[number];

/**
 * The parse of `newBody` made from `previous`, the parse of `oldBody` (both the Markdown
 * after the same front matter, `lineOffset` lines into the file), or undefined when only
 * a parse of the whole body is sure to be right.
 */
export function reparseChange(
  previous: ParsedDocument,
  oldBody: string,
  newBody: string,
  lineOffset: number,
): ParsedDocument | undefined {
  const counts = textCountsOf(previous);
  if (!counts) return undefined;
  const before = oldBody.split('\n');
  const after = newBody.split('\n');
  const region = changedRegion(previous.tokens, before, after);
  if (!region) return undefined;
  const { r0, r1, i, j } = region;
  const delta = after.length - before.length;
  const oldText = before.slice(r0, r1).join('\n');
  const newText = after.slice(r0, r1 + delta).join('\n');
  const notes = noteReferences(previous.tokens.slice(i, j));
  const labels = [...newText.matchAll(NOTE_REFERENCE)].map((m) => m[1]);
  if (labels.join('\n') !== notes.map((n) => n.label).join('\n')) return undefined;
  const outward = (text: string) => REACHES_OUT.test(text.replace(NOTE_REFERENCE, ''));
  if (outward(oldText) || outward(newText)) return undefined;
  // After a blank line, an indented line may continue a list item above the region.
  if (/^[ \t]/.test(after.slice(r0, r1 + delta).find((l) => !isBlank(l)) ?? '')) return undefined;
  if (!previous.tokens.slice(i, j).every(isSplicable)) return undefined;
  const part = parsePart(newText, previous.lang, lineOffset + r0, notes);
  if (!part) return undefined;
  for (const token of part.tokens) moveToken(token, r0);
  const tokens = [
    ...previous.tokens.slice(0, i),
    ...part.tokens,
    ...previous.tokens.slice(j).map((t) => (t.map && t.map[0] >= r1 ? moved(t, delta) : t)),
  ];
  return splice(previous, part, tokens, counts, {
    start: lineOffset + r0 + 1,
    end: lineOffset + r1 + 1,
    delta,
  });
}

interface NoteMeta {
  id: number;
  subId: number;
  label: string;
}

function noteReferences(tokens: Token[]): NoteMeta[] {
  return tokens.flatMap((t) =>
    (t.children ?? []).flatMap((c) =>
      c.type === 'footnote_ref' ? [c.meta as unknown as NoteMeta] : [],
    ),
  );
}

/**
 * The region parsed on its own. Its references to notes are given their notes (each
 * defined after it, where what the definitions become is dropped) and then the numbers
 * they had in the whole document, `notes`, in order; the first references to a note are
 * then the lines `footnoteLines` holds.
 */
function parsePart(
  text: string,
  lang: string,
  lineOffset: number,
  notes: NoteMeta[],
): ParsedDocument | undefined {
  const labels = [...new Set(notes.map((n) => n.label))];
  const definitions = labels.map((label) => `\n\n[^${label}]: -`).join('');
  let part: ParsedDocument;
  try {
    part = parseDocument(text + definitions, lang, lineOffset);
  } catch {
    return undefined;
  }
  const end = part.tokens.findIndex((t) => t.type === 'footnote_block_open');
  part.tokens = end < 0 ? part.tokens : part.tokens.slice(0, end);
  if (!part.tokens.every(isSplicable)) return undefined;
  const references = part.tokens.flatMap((t) =>
    (t.children ?? []).filter((c) => c.type === 'footnote_ref'),
  );
  if (references.length !== notes.length) return undefined;
  const firsts: number[] = [];
  let found = 0;
  references.forEach((reference, k) => {
    const note = notes[k] as NoteMeta;
    if ((reference.meta as unknown as NoteMeta).label !== note.label) found = -Infinity;
    if ((reference.meta as unknown as NoteMeta).subId === 0) {
      const line = part.footnoteLines[found++];
      if (note.subId === 0 && line !== undefined) firsts.push(line);
    }
    reference.meta = { ...note };
  });
  if (found !== part.footnoteLines.length) return undefined;
  return { ...part, footnotes: 0, footnoteLines: firsts };
}

interface Region {
  /** Body lines [r0, r1) of the old text, blank line (or an end) on either side. */
  r0: number;
  r1: number;
  /** Tokens [i, j) of the previous parse are those lines' blocks. */
  i: number;
  j: number;
}

function changedRegion(tokens: Token[], before: string[], after: string[]): Region | undefined {
  const shorter = Math.min(before.length, after.length);
  let a = 0;
  while (a < shorter && before[a] === after[a]) a++;
  let b = 0;
  while (b < shorter - a && before[before.length - 1 - b] === after[after.length - 1 - b]) b++;
  const mapped = tokens.filter((t): t is Token & { map: [number, number] } => t.map !== null);
  let r0 = a;
  let r1 = before.length - b;
  for (let changed = true; changed; ) {
    changed = false;
    while (r0 > 0 && !isBlank(before[r0 - 1])) r0--;
    while (r1 < before.length && !isBlank(before[r1])) r1++;
    for (const { map } of mapped) {
      if (map[0] < r0 && r0 < map[1]) [r0, changed] = [map[0], true];
      if (map[0] < r1 && r1 < map[1]) [r1, changed] = [map[1], true];
    }
  }
  // The notes markdown-it-footnote moved to the end; the region must end before them.
  const notes = tokens.findIndex((t) => t.type === 'footnote_block_open');
  const end = notes < 0 ? tokens.length : notes;
  const top = (k: number) => tokens[k]?.level === 0 && tokens[k]?.map != null;
  let i = 0;
  while (i < end && !(top(i) && (tokens[i]?.map?.[0] ?? 0) >= r0)) i++;
  let j = i;
  while (j < end && !(top(j) && (tokens[j]?.map?.[0] ?? 0) >= r1)) j++;
  // A note written inline takes the line of the last block before the notes: keep it.
  if (j === end && end < tokens.length) return undefined;
  // Every block on those lines is one of tokens [i, j), none of the notes'.
  for (let k = 0; k < tokens.length; k++) {
    const map = tokens[k]?.map;
    if (map && map[0] < r1 && map[1] > r0 && (k < i || k >= j)) return undefined;
  }
  return { r0, r1, i, j };
}

function isSplicable(token: Token): boolean {
  if (!BLOCK_TYPES.has(token.type) || token.level !== (token.type === 'inline' ? 1 : 0)) {
    return false;
  }
  return (token.children ?? []).every(inlineSplicable);
}

function inlineSplicable(token: Token): boolean {
  return INLINE_TYPES.has(token.type) && (token.children ?? []).every(inlineSplicable);
}

function moveToken(token: Token, by: number): void {
  if (token.map) token.map = [token.map[0] + by, token.map[1] + by];
  for (const child of token.children ?? []) moveToken(child, by);
}

/** A copy of a token of the previous parse with its lines moved: that parse stays as it was. */
function moved(token: Token, by: number): Token {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token)), token) as Token;
  copy.map = token.map && [token.map[0] + by, token.map[1] + by];
  return copy;
}

interface Lines {
  /** File lines [start, end) were the region; lines from `end` move by `delta`. */
  start: number;
  end: number;
  delta: number;
}

function splice(
  previous: ParsedDocument,
  part: ParsedDocument,
  tokens: Token[],
  counts: Record<Spliced, number>,
  lines: Lines,
): ParsedDocument | undefined {
  const inRegion = (line: number) => line >= lines.start && line < lines.end;
  const shift = (line: number) => (line >= lines.end ? line + lines.delta : line);
  const shiftItem = <T extends { line: number }>(item: T): T =>
    item.line >= lines.end ? { ...item, line: item.line + lines.delta } : item;
  if (part.footnotes > 0 || part.tables > 0) return undefined;
  const doc: ParsedDocument = { ...previous, tokens };
  for (const name of LINE_NUMBERS) {
    if (previous[name].some(inRegion) || part[name].length > 0) return undefined;
    doc[name] = previous[name].map(shift);
  }
  for (const name of LINED) {
    const list = previous[name] as { line: number }[];
    if (SPLICED.includes(name as Spliced)) continue;
    if ((part[name] as unknown[]).length > 0 || list.some((item) => inRegion(item.line))) {
      return undefined;
    }
    (doc[name] as { line: number }[]) = list.map(shiftItem);
  }
  const next = { ...counts };
  for (const name of SPLICED) {
    const lineOf = (item: number | { line: number } | undefined) =>
      typeof item === 'number' ? item : (item?.line ?? -1);
    const list = previous[name] as (number | { line: number })[];
    const text = counts[name];
    // The region's items are a run within the text's, before the notes'.
    const first = list.findIndex((item, k) => k >= text || lineOf(item) >= lines.start);
    const at = first < 0 ? list.length : first;
    let past = at;
    while (past < text && inRegion(lineOf(list[past]))) past++;
    if (list.slice(past).some((item) => inRegion(lineOf(item)))) return undefined;
    const added = part[name] as (number | { line: number })[];
    const rest = list
      .slice(past)
      .map((item) => (typeof item === 'number' ? shift(item) : shiftItem(item)));
    (doc[name] as unknown[]) = [...list.slice(0, at), ...added, ...rest];
    next[name] = text - (past - at) + added.length;
  }
  setTextCounts(doc, next);
  return doc;
}
