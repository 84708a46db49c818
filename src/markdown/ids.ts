/**
 * Ids the page itself uses: the templates' (`<main id="text">`, `<h1 id="title">`, the
 * EPUB's navigation) and the footnotes' (fn1, fnref1:2). An author's id must never be one
 * of them, or the page has two elements with one id and is invalid.
 */

/** The ids written by the shipped templates and the preview; a test keeps this in step. */
export const TEMPLATE_IDS: ReadonlySet<string> = new Set([
  'text',
  'title',
  'subtitle',
  'toc',
  'toc-title',
  'landmarks',
  'nav',
  'nav-title',
  'edition-notes-title',
  'build-article-preview',
]);

const FOOTNOTE_ID = /^fn(?:ref)?\d+(?::\d+)?$/;

export function isReservedId(id: string): boolean {
  return TEMPLATE_IDS.has(id) || FOOTNOTE_ID.test(id) || /^nav-\d+$/.test(id);
}

/** A heading's generated id that would be reserved gets a suffix: "text" -> "text-section". */
export function unreserved(slug: string): string {
  return isReservedId(slug) ? `${slug}-section` : slug;
}
