/**
 * Raw HTML that the sanitiser removed from an edition (see src/markdown/sanitize.ts),
 * reported where it was written so the writer knows the published text differs. Pure.
 */
import type { EditionSource } from '../article/load.js';
import type { RawHtmlRemoval } from '../markdown/parsed-document.js';
import { RAW_HTML_TAGS } from '../markdown/sanitize.js';
import { type Finding, finding } from './findings.js';

const ALLOWED = RAW_HTML_TAGS.map((t) => `<${t}>`).join(', ');

const ELEMENT_HINTS: [RegExp, string][] = [
  [/^(?:script|noscript)$/, 'scripts never reach an edition: the editions are static documents'],
  [/^style$/, 'styles belong in a stylesheet of your --templates folder, not in the article'],
  [
    /^(?:img|picture|source|svg)$/,
    'write images in Markdown, ![alt text](images/x.png), so that the alt text is checked and the file is included',
  ],
  [
    /^(?:iframe|object|embed|video|audio|track|canvas|frame|frameset|applet|math)$/,
    'embedded content cannot be published; link to it instead: [what it is](https://…)',
  ],
  [
    /^h[1-6]$/,
    'write headings in Markdown (## Title) so that every edition keeps the same structure',
  ],
  [/^(?:table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col)$/, 'write tables in Markdown'],
  [
    /^(?:form|input|button|select|option|textarea|label|fieldset)$/,
    'forms cannot be published in a static edition',
  ],
];

export function checkRawHtml(edition: EditionSource): Finding[] {
  return edition.doc.rawHtmlRemoved.map((removed) =>
    finding(
      'raw-html-removed',
      { file: edition.file, line: removed.line, column: removed.column },
      message(removed),
      hint(removed),
    ),
  );
}

function message(r: RawHtmlRemoval): string {
  if (r.inAltText) return `HTML <${r.tag}> in alt text was removed: alt text is plain text`;
  if (r.attribute === undefined) return `raw HTML <${r.tag}> was removed`;
  const value = (r.value ?? '').length > 40 ? `${r.value?.slice(0, 39)}…` : (r.value ?? '');
  return `attribute ${r.attribute}="${value}" of raw HTML <${r.tag}> was removed`;
}

function hint(r: RawHtmlRemoval): string {
  if (r.inAltText) return 'write the alt text without markup';
  if (r.attribute !== undefined) {
    if (r.attribute.startsWith('on'))
      return 'event handlers never reach an edition: the editions run no scripts';
    if (r.attribute === 'style') return 'styles belong in a stylesheet of your --templates folder';
    if (r.attribute === 'href')
      return 'links may point to http(s) and mailto URLs or into the page (#id)';
    return 'raw HTML may carry only id, class, lang, dir and title (plus href and hreflang on <a>, datetime on <time>, <del> and <ins>)';
  }
  const specific = ELEMENT_HINTS.find(([pattern]) => pattern.test(r.tag));
  return specific?.[1] ?? `raw HTML may use only ${ALLOWED}; write the rest in Markdown`;
}
