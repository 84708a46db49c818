/**
 * Raw HTML in the Markdown is untrusted, and sanitize-html decides what of it survives:
 * each raw HTML token is filtered at parse time against the raw allowlist below, a few
 * inline (phrasing) elements and attributes, nothing that loads, runs or embeds. The rest
 * of the body is HTML that markdown-it and our renderer rules write, which escape text
 * and attribute values and check links (see parser.ts), so the body is not parsed again.
 *
 * sanitize-html (htmlparser2 and entities) takes a while to load, so it is loaded with the
 * first raw HTML token: an article without raw HTML never loads it.
 */
import { createRequire } from 'node:module';
import type sanitizeHtml from 'sanitize-html';

let loaded: typeof sanitizeHtml | undefined;

function sanitizer(): typeof sanitizeHtml {
  loaded ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml;
  return loaded;
}

/** The raw HTML elements an article may use; everything else is removed, its text kept. */
export const RAW_HTML_TAGS = [
  'a',
  'abbr',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'del',
  'dfn',
  'em',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'var',
  'wbr',
];

/** The attributes they may carry; links only to http(s) and mailto URLs or in the page. */
export const RAW_HTML_ATTRIBUTES: Record<string, string[]> = {
  '*': ['id', 'class', 'lang', 'dir', 'title'],
  a: ['href', 'hreflang'],
  time: ['datetime'],
  del: ['datetime'],
  ins: ['datetime'],
};

/** Elements whose content is dropped with them (code, styles, embedded documents). */
export const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'iframe',
  'title',
  'svg',
  'math',
];

/** The URL schemes a link may use, in raw HTML and in Markdown; relative URLs are fine too. */
export const LINK_SCHEMES = ['https', 'http', 'mailto'];

const RAW_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: RAW_HTML_TAGS,
  allowedAttributes: RAW_HTML_ATTRIBUTES,
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  enforceHtmlBoundary: false,
  selfClosing: ['br', 'wbr'],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/**
 * Whether a Markdown link's URL may be written as it is, by the test sanitize-html applies
 * to raw links: spaces and control characters, which browsers skip, are ignored; the
 * scheme must be one of LINK_SCHEMES; "//host" URLs, which take the reader's scheme, are
 * refused, and so is an empty URL (`[text]()`), which sanitize-html drops as empty.
 */
export function isAllowedLink(href: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these in URLs
  const clean = href.replace(/[\u0000-\u0020]+/g, '');
  const scheme = /^([a-z][a-z0-9.+-]*):/i.exec(clean)?.[1];
  if (scheme === undefined) return clean !== '' && !/^[/\\]{2}/.test(clean);
  return LINK_SCHEMES.includes(scheme.toLowerCase());
}

/** Something the raw allowlist removed: an element, or an attribute of a kept element. */
export interface RemovedHtml {
  /** The element's name, lower case. */
  tag: string;
  attribute?: string;
  value?: string;
  /** Tags written inside an image's alt text, which is plain text. */
  inAltText?: boolean;
}

export interface RawHtmlResult {
  html: string;
  removed: (RemovedHtml & { index: number })[];
  /** Every start tag of the fragment in order; `index` points into it, to locate it. */
  tags: string[];
  /** A lone tag kept as written: an element left open, or the end tag of one elsewhere. */
  open?: string;
  close?: string;
}

interface SeenTag {
  name: string;
  attribs: Record<string, string>;
}

/**
 * Filters one raw HTML token. markdown-it gives inline HTML one tag at a time ('tag'):
 * such a start tag is sanitised on its own and left open, since its end tag is another
 * token (balance.ts pairs them up). A 'block' is sanitised whole, its elements closed,
 * unless it is a single tag too.
 */
export function sanitizeRawHtml(fragment: string, kind: 'tag' | 'block'): RawHtmlResult {
  const trimmed = fragment.trim();
  const singleTag = kind === 'tag' || (/^<[^<]*>$/.test(trimmed) && !trimmed.startsWith('<!'));
  if (!singleTag) return filterFragment(fragment);
  if (/^<[!?]/.test(trimmed)) return { html: '', removed: [], tags: [] }; // comment, PI, doctype
  const end = /^<\/([a-z][a-z0-9-]*)/i.exec(trimmed)?.[1]?.toLowerCase();
  if (end !== undefined) {
    if (!RAW_HTML_TAGS.includes(end)) return { html: '', removed: [], tags: [] };
    return { html: `</${end}>`, removed: [], tags: [], close: end };
  }
  const result = filterFragment(trimmed);
  const name = result.tags[0];
  if (name && result.html.endsWith(`</${name}>`)) {
    result.html = result.html.slice(0, -`</${name}>`.length);
    result.open = name;
  }
  if (kind === 'block' && result.html !== '') result.html += '\n';
  return result;
}

function filterFragment(fragment: string): RawHtmlResult {
  const seen: SeenTag[] = [];
  const sanitizeHtml = sanitizer();
  const html = sanitizeHtml(fragment, {
    ...RAW_OPTIONS,
    onOpenTag: (name, attribs) => seen.push({ name, attribs: { ...attribs } }),
  });
  const kept: SeenTag[] = [];
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    parser: RAW_OPTIONS.parser,
    onOpenTag: (name, attribs) => kept.push({ name, attribs: { ...attribs } }),
  });
  return { html, removed: diff(seen, kept), tags: seen.map((t) => t.name) };
}

/** What was removed: sanitize-html keeps allowed elements in order, so walk both lists. */
function diff(seen: SeenTag[], kept: SeenTag[]): RawHtmlResult['removed'] {
  const removed: RawHtmlResult['removed'] = [];
  let j = 0;
  seen.forEach((tag, index) => {
    const match = kept[j];
    if (match?.name !== tag.name) {
      removed.push({ tag: tag.name, index });
      return;
    }
    j += 1;
    for (const [attribute, value] of Object.entries(tag.attribs)) {
      if (!(attribute in match.attribs)) removed.push({ tag: tag.name, attribute, value, index });
    }
  });
  return removed;
}
