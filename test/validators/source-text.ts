/**
 * The essay's paragraphs as plain words, read from the parsed Markdown, to find in an
 * edition's extracted text: punctuation and typography aside, every word in its place.
 */
import type { Token } from 'markdown-it';
import type { ParsedDocument } from '../../src/markdown/parsed-document.js';

/**
 * Letters and digits only, one space between words: "It’s «smart»" -> "It s smart".
 * A hyphen inside a word joins its parts ("fastest-growing" -> "fastestgrowing"), because
 * pdftotext drops the hyphen of a compound word that ends a line.
 */
export function words(text: string): string {
  const joined = text
    .normalize('NFKC')
    .replace(/(?<=[\p{L}\p{N}])-(?:\s*\n\s*)?(?=[\p{L}\p{N}])/gu, '');
  return (joined.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/**
 * Each paragraph of running text (figures aside), as words, footnote references as their
 * number, joined to the word they follow; `notes` gives the footnotes' paragraphs instead.
 */
export function paragraphs(doc: ParsedDocument, { notes = false } = {}): string[] {
  let depth = 0;
  const inNote = doc.tokens.map((token) => {
    if (token.type === 'footnote_open') depth += 1;
    if (token.type === 'footnote_close') depth -= 1;
    return depth > 0;
  });
  return doc.tokens
    .filter(
      (token, i) =>
        token.type === 'inline' &&
        doc.tokens[i - 1]?.type === 'paragraph_open' &&
        inNote[i] === notes,
    )
    .filter((token) => !(token.children ?? []).some((c) => c.type === 'image'))
    .map((token) => words((token.children ?? []).map(plain).join('')))
    .filter((paragraph) => paragraph !== '');
}

function plain(token: Token): string {
  switch (token.type) {
    case 'text':
    case 'code_inline':
      return token.content;
    case 'softbreak':
    case 'hardbreak':
      return ' ';
    case 'footnote_ref':
      return String(Number((token.meta as { id: number }).id) + 1);
    default:
      return '';
  }
}
