/**
 * Ids the page itself uses: the templates' (`<main id="text">`, `<h1 id="title">`, the
 * EPUB's navigation) and the footnotes' (fn1, fnref1:2). An author's id must never be one
 * of them, or the page has two elements with one id and is invalid.
 */
import type { Token } from 'markdown-it';
import { BIBLIOGRAPHY_ID } from './cite-render.js';
import { NON_TEXT_TAGS } from './sanitize.js';

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
  // The notes' heading (parser.ts).
  'footnotes-title',
  'build-article-preview',
]);

const FOOTNOTE_ID = /^fn(?:ref)?\d+(?::\d+)?$/;

export function isReservedId(id: string): boolean {
  return (
    TEMPLATE_IDS.has(id) || FOOTNOTE_ID.test(id) || /^nav-\d+$/.test(id) || id === BIBLIOGRAPHY_ID
  );
}

/** A heading's generated id that would be reserved gets a suffix: "text" -> "text-section". */
export function unreserved(slug: string): string {
  return isReservedId(slug) ? `${slug}-section` : slug;
}

/**
 * A heading's text for its generated id, as markdown-it-anchor reads it (text and code),
 * but without what a <script>, <style>… written in the heading holds: the sanitiser
 * removes that text from the page, so it must not end up in the id either.
 */
export function headingText(tokens: Token[]): string {
  let hidden: string | undefined;
  let text = '';
  for (const token of tokens) {
    if (token.type === 'html_inline') {
      const start = /^<([a-z][a-z0-9-]*)/i.exec(token.content)?.[1]?.toLowerCase();
      const end = /^<\/([a-z][a-z0-9-]*)\s*>$/i.exec(token.content)?.[1]?.toLowerCase();
      const selfClosing = /\/\s*>$/.test(token.content);
      if (hidden === undefined && start && NON_TEXT_TAGS.includes(start) && !selfClosing) {
        hidden = start;
      } else if (end !== undefined && end === hidden) hidden = undefined;
    } else if (hidden === undefined && /^(?:text|code_inline|math_inline)$/.test(token.type)) {
      text += token.content;
    }
  }
  return text;
}
