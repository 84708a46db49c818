/**
 * Raw HTML in the Markdown is untrusted. What is allowed is the HTML that Markdown itself
 * produces plus a few phrasing elements (abbr, sub, sup, kbd, mark, small, span, br…);
 * everything else, scripts, event handlers, frames, objects and non-http(s)/mailto/
 * fragment links included, is removed by sanitize-html before any edition sees it.
 */
import sanitizeHtml from 'sanitize-html';

export const ALLOWED_RAW_HTML = [
  'abbr',
  'sub',
  'sup',
  'kbd',
  'mark',
  'small',
  'span',
  'br',
  'cite',
  'q',
  'dfn',
  'time',
];

const GLOBAL_ATTRIBUTES = [
  'id',
  'class',
  'lang',
  'dir',
  'title',
  'role',
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'aria-hidden',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...ALLOWED_RAW_HTML,
    'p',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'h1',
    'blockquote',
    'ul',
    'ol',
    'li',
    'hr',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'a',
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
  ],
  allowedAttributes: {
    '*': GLOBAL_ATTRIBUTES,
    a: ['href', 'hreflang', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'decoding'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['style', 'scope', 'colspan', 'rowspan'],
    td: ['style', 'colspan', 'rowspan'],
    time: ['datetime'],
  },
  allowedStyles: { '*': { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  selfClosing: ['img', 'br', 'hr'],
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
