/**
 * Raw HTML in the Markdown is untrusted, and sanitize-html is the only thing that decides
 * what of it survives, in two layers:
 * 1. each raw HTML token is filtered at parse time against the raw allowlist below: a
 *    few inline (phrasing) elements and attributes, nothing that loads, runs or embeds;
 * 2. the whole rendered body is sanitised again against the HTML Markdown itself
 *    produces plus that allowlist, so a bug in one layer is caught by the other.
 */
import sanitizeHtml from 'sanitize-html';

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

const COMMON: sanitizeHtml.IOptions = {
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  enforceHtmlBoundary: false,
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

const RAW_OPTIONS: sanitizeHtml.IOptions = {
  ...COMMON,
  allowedTags: RAW_HTML_TAGS,
  allowedAttributes: RAW_HTML_ATTRIBUTES,
  selfClosing: ['br', 'wbr'],
};

/** The HTML that markdown-it and its plugins write, on top of the raw allowlist. */
const MARKDOWN_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'hr',
  'pre',
  'img',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'section',
];

const BODY_OPTIONS: sanitizeHtml.IOptions = {
  ...COMMON,
  allowedTags: [...RAW_HTML_TAGS, ...MARKDOWN_TAGS],
  allowedAttributes: {
    ...RAW_HTML_ATTRIBUTES,
    '*': [
      ...(RAW_HTML_ATTRIBUTES['*'] ?? []),
      'role',
      'aria-label',
      'aria-labelledby',
      'aria-describedby',
      'aria-hidden',
    ],
    a: ['href', 'hreflang', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'decoding'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['style', 'scope', 'colspan', 'rowspan'],
    td: ['style', 'colspan', 'rowspan'],
  },
  allowedStyles: { '*': { 'text-align': [/^(?:left|right|center)$/] } },
  // Images are the article's own files: inlined as data: URLs or packaged (relative).
  allowedSchemesByTag: { img: ['data'] },
  selfClosing: ['img', 'br', 'hr', 'wbr'],
};

/** The last layer before any edition: the rendered body of an edition. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, BODY_OPTIONS);
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
}

interface SeenTag {
  name: string;
  attribs: Record<string, string>;
}

/**
 * Filters one raw HTML token. markdown-it gives inline HTML one tag at a time ('tag'):
 * such a start tag is sanitised on its own and left open, since its end tag is another
 * token. A 'block' is sanitised whole, unless it is a single tag too.
 */
export function sanitizeRawHtml(fragment: string, kind: 'tag' | 'block'): RawHtmlResult {
  const trimmed = fragment.trim();
  const singleTag = kind === 'tag' || (/^<[^<]*>$/.test(trimmed) && !trimmed.startsWith('<!'));
  if (!singleTag) return filterFragment(fragment);
  if (/^<[!?]/.test(trimmed)) return { html: '', removed: [], tags: [] }; // comment, PI, doctype
  const end = /^<\/([a-z][a-z0-9-]*)/i.exec(trimmed)?.[1]?.toLowerCase();
  if (end !== undefined) {
    return { html: RAW_HTML_TAGS.includes(end) ? `</${end}>` : '', removed: [], tags: [] };
  }
  const result = filterFragment(trimmed);
  const name = result.tags[0];
  if (name && result.html.endsWith(`</${name}>`)) {
    result.html = result.html.slice(0, -`</${name}>`.length);
  }
  if (kind === 'block' && result.html !== '') result.html += '\n';
  return result;
}

function filterFragment(fragment: string): RawHtmlResult {
  const seen: SeenTag[] = [];
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
