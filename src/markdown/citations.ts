/**
 * Citations and cross-references as the writer types them, in pandoc's syntax:
 * `[@smith2020]`, `[@smith2020, p. 12]`, `[@a; @b]`, `[-@smith2020]` (the year without the
 * author), `[see @a; also @b, p. 3]` (words before a work, inside the parentheses),
 * `[@a p. 3, and passim]` (a locator, with or without its comma, then words after it) and
 * `@smith2020 says` or `@smith2020 [p. 3] says` (the author in the sentence);
 * `@fig:map`, `[@tbl:data]` and `@eq:energy` refer to a labelled figure, table or equation
 * instead. The parser only reads them into tokens: what a citation says is set later by the
 * CSL style (cite-format.ts), once the article's bibliography is read, and a cross-reference
 * gets its number from the labels of its edition (crossrefs.ts).
 *
 * `@key` alone in a sentence, or after words in brackets ("[write to @someone]"), is a
 * citation only in an edition with a `bibliography:`, so that an article without one keeps
 * "@someone" as text; `[@key]` always is.
 */
import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { installCitationRules } from './cite-render.js';

/** One work cited, as written between the brackets. */
export interface CiteItem {
  key: string;
  /** The words written before the key: "see", "e.g.,". */
  prefix?: string;
  /** The place in the work, as written after the key: "p. 12", "chap. 3", "33-35". */
  locator?: string;
  /**
   * Words after the locator (or after the key), with the comma or space written before them:
   * ", and passim", " with a suffix".
   */
  suffix?: string;
  /** `-@key`: the author is named in the sentence already. */
  suppressAuthor?: boolean;
}

export interface CitationMeta {
  [field: string]: unknown;
  items: CiteItem[];
  /** `@key says`: the author as part of the sentence, the year after it. */
  inText: boolean;
  /** Set by cite-format.ts: the citation as the style writes it, as HTML. */
  html?: string;
}

export type LabelKind = 'fig' | 'tbl' | 'eq';

export interface CrossrefMeta {
  [field: string]: unknown;
  kind: LabelKind;
  label: string;
  /** Set by crossrefs.ts when the label exists in the edition. */
  number?: number;
}

/** Citation keys as BibTeX writes them; inner punctuation only when a letter or digit follows. */
const KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*/u;
const XREF = /^(fig|tbl|eq):/;
/** Words before the key, the key's `-`, and all that follows its `@`. */
const ITEM = /^(?:([^@]*?\S)\s+)?(-?)@([\s\S]+)$/;

/**
 * The abbreviations a locator may start with, and the CSL locator each names
 * (cite-format.ts); a locator that names none is a page.
 */
export const LOCATOR_LABELS: Readonly<Record<string, string>> = {
  'p.': 'page',
  'pp.': 'page',
  'chap.': 'chapter',
  'ch.': 'chapter',
  'sec.': 'section',
  '§': 'section',
  'para.': 'paragraph',
  'vol.': 'volume',
  'fig.': 'figure',
  'n.': 'note',
};
/** A locator's label at its start, with the space after it. */
export const LOCATOR_LABEL = new RegExp(
  `^(?:${Object.keys(LOCATOR_LABELS)
    .map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})\\s*`,
  'i',
);
/** One number of a locator: a page, maybe with a letter ("33f"), or a Roman numeral; maybe a range. */
const NUMBER = String.raw`(?:\d+\p{L}{0,2}|(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))`;
const PART = `${NUMBER}(?:\\s*[-\u2013]\\s*${NUMBER})?(?![\\p{L}\\p{N}])`;
/** A locator's value: numbers and ranges, joined by commas, "&" or "and" ("33, 35-37"). */
const VALUE = new RegExp(`^${PART}(?:\\s*(?:,|&|and)\\s*${PART})*`, 'iu');

export interface CitationEnv {
  /** Whether the edition names a bibliography: `@key` in a sentence is then a citation. */
  citations?: boolean;
}

export function installCitations(md: MarkdownIt): void {
  installCitationRules(md);
  md.inline.ruler.before('link', 'citation_bracket', bracketRule);
  md.inline.ruler.before('text', 'citation_text', textRule);
  // `@` must stop markdown-it's text rule, which otherwise swallows it with the word before.
  const text = md.inline.ruler.__rules__[md.inline.ruler.__find__('text')]?.fn;
  if (!text) throw new Error('markdown-it has no text rule');
  // The next `@` of each inline source is remembered, so a long paragraph is searched once.
  const nextAt = new WeakMap<StateInline, number>();
  md.inline.ruler.at('text', (state: StateInline, silent: boolean) => {
    let at = nextAt.get(state);
    if (at === undefined || (at >= 0 && at < state.pos)) {
      at = state.src.indexOf('@', state.pos);
      nextAt.set(state, at);
    }
    if (at === state.pos) return false;
    if (at < 0) return text(state, silent);
    const max = state.posMax;
    state.posMax = at;
    const found = text(state, silent);
    state.posMax = max;
    return found;
  });
}

/**
 * `[@a, p. 3; -@b]`, `[see @a]` or `[@fig:map]`: every item a key, maybe after words, and no
 * link after the bracket.
 */
function bracketRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b || state.linkLevel > 0) return false;
  const end = src.indexOf(']', start);
  if (end < 0) return false;
  const inside = src.slice(start + 1, end);
  if (!inside.includes('@') || inside.includes('[')) return false;
  if (src[end + 1] === '(' || src[end + 1] === '[') return false;
  const items = parseItems(inside);
  if (!items) return false;
  // Words before a key make a citation only where there is a bibliography to cite from.
  if (items.some((item) => item.prefix) && !(state.env as CitationEnv).citations) return false;
  const [first] = items;
  const single =
    items.length === 1 &&
    first &&
    !first.locator &&
    !first.suffix &&
    !first.suppressAuthor &&
    !first.prefix;
  const xref = single ? crossref(first.key) : undefined;
  // A label among citations, with a page or after words, is neither: it stays as written.
  if (!xref && items.some((item) => XREF.test(item.key))) return false;
  if (!silent) {
    const meta: CitationMeta = { items, inText: false };
    push(state, xref ? 'crossref' : 'citation', xref ?? meta, start, end + 1);
  }
  state.pos = end + 1;
  return true;
}

function parseItems(inside: string): CiteItem[] | undefined {
  const items: CiteItem[] = [];
  for (const part of inside.split(';')) {
    const match = ITEM.exec(part.trim());
    const written = match?.[3] ?? '';
    const key = KEY.exec(written)?.[0];
    if (!match || !key) return undefined;
    // After the key: nothing, or a comma or space and what follows ("@a's" is no key).
    const rest = written.slice(key.length);
    if (rest !== '' && !/^[\s,]/.test(rest)) return undefined;
    const item: CiteItem = { key };
    if (match[1]) item.prefix = match[1];
    Object.assign(item, afterKey(rest));
    if (match[2]) item.suppressAuthor = true;
    items.push(item);
  }
  return items;
}

/**
 * What is written after a key, as pandoc reads it: a locator (a label and numbers, numbers
 * alone, or anything in braces), then a suffix; without a locator, all of it is the suffix.
 */
export function afterKey(rest: string): Pick<CiteItem, 'locator' | 'suffix'> {
  const comma = /^\s*,/.test(rest);
  const text = rest
    .replace(/^\s*,?\s*/, '')
    .replace(/\s+/g, ' ')
    .trimEnd();
  if (text === '') return {};
  const suffixOf = (after: string) => {
    const words = after.trim();
    if (words === '' || words === ',') return {};
    return { suffix: /^,/.test(words) ? words : ` ${words}` };
  };
  if (text.startsWith('{')) {
    const close = text.indexOf('}');
    if (close > 1) {
      return { locator: text.slice(1, close).trim(), ...suffixOf(text.slice(close + 1)) };
    }
  }
  const label = LOCATOR_LABEL.exec(text)?.[0] ?? '';
  // Without a label a locator starts with a figure: "[@a, I think]" has none.
  const value = label || /^\d/.test(text) ? VALUE.exec(text.slice(label.length))?.[0] : undefined;
  if (value) {
    const end = label.length + value.length;
    return { locator: text.slice(0, end).trim(), ...suffixOf(text.slice(end)) };
  }
  if (label) {
    // A label with no number after it ("sec. Methods"): the locator runs to the next comma.
    const end = text.indexOf(',', label.length);
    const locator = (end < 0 ? text : text.slice(0, end)).trim();
    return { locator, ...suffixOf(end < 0 ? '' : text.slice(end)) };
  }
  return { suffix: comma ? `, ${text}` : ` ${text}` };
}

/** `@key` in a sentence, not inside a word ("jane@example.org" is an address). */
function textRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  // Inside a link's text a citation would be a link in a link.
  if (src.charCodeAt(start) !== 0x40 || state.linkLevel > 0) return false;
  const before = src[start - 1];
  if (before !== undefined && /[\p{L}\p{N}_@.\\-]/u.test(before)) return false;
  const key = KEY.exec(src.slice(start + 1))?.[0];
  if (!key) return false;
  const xref = crossref(key);
  const env = state.env as CitationEnv;
  if (!xref && !env.citations) return false;
  let end = start + 1 + key.length;
  const item: CiteItem = { key };
  // `@key [p. 3]`: a locator, or words, for the year's parentheses ("Doe (2005, 3)").
  const bracket = xref ? null : IN_TEXT_LOCATOR.exec(src.slice(end, state.posMax));
  // A bracket that names a link reference (`[the report]` with `[the report]: url` below) is
  // that link.
  const references = (state.env as { references?: Record<string, unknown> }).references;
  const isLink =
    bracket?.[1] !== undefined &&
    references?.[state.md.utils.normalizeReference(bracket[1])] !== undefined;
  if (bracket?.[1]?.trim() && !isLink) {
    Object.assign(item, afterKey(` ${bracket[1]}`));
    end += bracket[0].length;
  }
  if (!silent) {
    const meta: CitationMeta = { items: [item], inText: true };
    push(state, xref ? 'crossref' : 'citation', xref ?? meta, start, end);
  }
  state.pos = end;
  return true;
}

/**
 * `[…]` right after an author's `@key`: no key, note or bracket inside, and no link after
 * it ("@doe [site](url)" is a link).
 */
const IN_TEXT_LOCATOR = /^ \[([^\][@^]*)\](?![([])/;

function crossref(key: string): CrossrefMeta | undefined {
  const kind = XREF.exec(key)?.[1] as LabelKind | undefined;
  return kind ? { kind, label: key } : undefined;
}

function push(
  state: StateInline,
  type: string,
  meta: CitationMeta | CrossrefMeta,
  start: number,
  end: number,
): void {
  const token = state.push(type, '', 0);
  token.meta = meta;
  token.content = state.src.slice(start, end);
}

/** The source text of a citation or cross-reference token, for finding it in its block. */
export function writtenAs(token: Token): string {
  const meta = token.meta as CitationMeta | CrossrefMeta;
  if ('label' in meta) return `@${meta.label}`;
  return `@${meta.items[0]?.key ?? ''}`;
}
