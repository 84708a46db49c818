/**
 * Hyphenation at build time: Liang's patterns (the `hyphen` package, TeX's patterns for
 * about 80 languages) mark where a word may break with a soft hyphen. The PDF edition needs
 * them because Chromium without its online dictionaries does no `hyphens: auto`; the PDF
 * finishing pass keeps them out of the text layer (src/render/pdf/hyphens.ts).
 */
import { createRequire } from 'node:module';

export const SOFT_HYPHEN = '\u00ad';

type Patterns = unknown;
type Hyphenate = (text: string, options: { hyphenChar: string; minWordLength: number }) => string;

/**
 * The shortest fragment left before and after a break, per language: TeX's own
 * lefthyphenmin/righthyphenmin, raised to 2/3 where a short tail reads badly in a book.
 */
export const MIN_FRAGMENTS: Record<string, [number, number]> = {
  en: [2, 3],
  fr: [2, 3],
  pt: [2, 3],
  cs: [2, 3],
  sk: [2, 3],
  it: [2, 2],
  de: [2, 2],
  es: [2, 2],
  nl: [2, 2],
  ru: [2, 2],
  uk: [2, 2],
  pl: [2, 2],
  el: [2, 2],
  tr: [2, 2],
};
const DEFAULT_FRAGMENTS: [number, number] = [2, 3];
/** A break between the letters of a ligature. */
const LIGATURE_BREAK = /f\u00ad(?=[fijl])/g;
/** Words shorter than this are never broken. */
const MIN_WORD = 6;

/** The `hyphen` pattern file for a language tag: the tag itself, else a usual variant of its language. */
const VARIANTS: Record<string, string> = {
  en: 'en-us',
  de: 'de-1996',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  sh: 'sh-latn',
};

const require = createRequire(import.meta.url);
const loaded = new Map<string, ((word: string) => string) | undefined>();

/** The pattern file's name for a language tag, or undefined when there are no patterns. */
export function patternsName(lang: string): string | undefined {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  for (const name of [tag, VARIANTS[tag], primary, VARIANTS[primary]]) {
    if (!name) continue;
    try {
      require.resolve(`hyphen/patterns/${name}.js`);
      return name;
    } catch {}
  }
  return undefined;
}

/**
 * A function that puts soft hyphens into one word of the language, or undefined when the
 * language has no patterns. Patterns load on first use, once per run.
 */
export function wordHyphenator(lang: string): ((word: string) => string) | undefined {
  const key = lang.toLowerCase();
  if (loaded.has(key)) return loaded.get(key);
  const name = patternsName(key);
  let fn: ((word: string) => string) | undefined;
  if (name) {
    const create = require('hyphen/hyphen.js') as (p: Patterns) => Hyphenate;
    const hyphenate = create(require(`hyphen/patterns/${name}.js`) as Patterns);
    const [left, right] = MIN_FRAGMENTS[key.split('-')[0] ?? key] ?? DEFAULT_FRAGMENTS;
    fn = (word) => {
      if (word.length < MIN_WORD) return word;
      const marked = hyphenate(word, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD });
      // Never inside a ligature (fi, fl, ff…): Chromium shapes the ligature across the soft
      // hyphen and, breaking there, gives the glyph the text of its first letter only.
      return keepFragments(marked, left, right).replace(LIGATURE_BREAK, 'f');
    };
  }
  loaded.set(key, fn);
  return fn;
}

/** Drops the soft hyphens that would leave fewer than `left` letters before or `right` after. */
function keepFragments(marked: string, left: number, right: number): string {
  const parts = marked.split(SOFT_HYPHEN);
  const total = parts.reduce((n, p) => n + [...p].length, 0);
  let out = '';
  let before = 0;
  parts.forEach((part, i) => {
    if (i > 0 && before >= left && total - before >= right) out += SOFT_HYPHEN;
    out += part;
    before += [...part].length;
  });
  return out;
}

/** Elements whose text is never hyphenated: headings, captions, links, code, notes' marks. */
const SKIP = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figcaption',
  'caption',
  'a',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'sup',
  'sub',
  'script',
  'style',
  'svg',
  'math',
  'abbr',
  'cite',
  'th',
  'title',
]);
/** Elements that start or end a block: a paragraph's last word is the one before them. */
const BLOCKS = new Set([
  'p',
  'li',
  'dd',
  'dt',
  'td',
  'blockquote',
  'div',
  'section',
  'figure',
  'ul',
  'ol',
  'dl',
  'table',
  'tr',
  'br',
  'hr',
  'aside',
  'article',
  'header',
  'footer',
  'main',
]);
const VOID = new Set(['br', 'hr', 'img', 'wbr', 'input', 'meta', 'link', 'source', 'col']);

/**
 * Words: letters and combining marks. Entities are passed over whole, and so are addresses
 * written as text (jane@example.org, https://…, www.…) and names with dots in them
 * (example.org, index.html, e.g.): a hyphen there would read as part of the address.
 */
const WORD =
  /&#?\w+;|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?|ftp):\/\/[^\s<]+|www\.[^\s<]+|[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+|(\p{L}[\p{L}\p{M}]*)/gu;

interface Open {
  tag: string;
  lang: string;
  skip: boolean;
}

/**
 * An HTML fragment with soft hyphens in the words of its running text, in the language of
 * each element (`lang` attributes are followed; text in a language without patterns is
 * left whole), never in the elements of SKIP nor in the last word of a block.
 */
export function hyphenateHtml(html: string, lang: string): string {
  const pieces = html.split(/(<[^>]*>)/);
  const stack: Open[] = [{ tag: '', lang, skip: false }];
  // Where the last word of the current block is: its piece, and its offsets there.
  let last: { piece: number; start: number; end: number } | undefined;
  const unbreakLast = () => {
    if (!last) return;
    const text = pieces[last.piece] as string;
    const word = text.slice(last.start, last.end).replaceAll(SOFT_HYPHEN, '');
    pieces[last.piece] = text.slice(0, last.start) + word + text.slice(last.end);
    last = undefined;
  };
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (i % 2 === 1) {
      const m = /^<(\/?)([a-zA-Z][\w-]*)([^>]*)>$/.exec(piece);
      if (!m) continue;
      const [, closing, rawTag = '', attrs = ''] = m;
      const tag = rawTag.toLowerCase();
      if (BLOCKS.has(tag)) unbreakLast();
      if (closing) {
        const at = stack.findLastIndex((o) => o.tag === tag);
        if (at > 0) stack.length = at;
      } else if (!VOID.has(tag) && !attrs.endsWith('/')) {
        const top = stack[stack.length - 1] as Open;
        const langAttr = /\slang="([^"]*)"/.exec(attrs)?.[1];
        // A cross-reference ("Equation 1") is words of the language, not an address.
        const words = tag === 'a' && /\sclass="xref"/.test(attrs);
        stack.push({
          tag,
          lang: langAttr ?? top.lang,
          skip: top.skip || (SKIP.has(tag) && !words),
        });
      }
      continue;
    }
    const top = stack[stack.length - 1] as Open;
    if (piece.trim() === '') continue;
    if (top.skip) {
      // A link or a mark ends the paragraph: the word before it may break.
      last = undefined;
      continue;
    }
    const hyphenate = wordHyphenator(top.lang);
    if (!hyphenate) continue;
    let out = '';
    let at = 0;
    for (const match of piece.matchAll(WORD)) {
      const word = match[1];
      if (!word) continue;
      const index = match.index ?? 0;
      // Acronyms and other words in capitals stay whole.
      const marked = word === word.toUpperCase() ? word : hyphenate(word);
      out += piece.slice(at, index);
      last = { piece: i, start: out.length, end: out.length + marked.length };
      out += marked;
      at = index + word.length;
    }
    pieces[i] = out + piece.slice(at);
  }
  unbreakLast();
  return pieces.join('');
}
