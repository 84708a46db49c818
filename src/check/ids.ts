/**
 * The ids an author gives ({#id}, raw HTML id="…") must be unique in the edition and must
 * not be one the page itself uses (see src/markdown/ids.ts), or the HTML and EPUB are
 * invalid and links jump to the wrong place. Pure.
 */
import type { Token } from 'markdown-it';
import type { EditionSource } from '../article/load.js';
import { isReservedId } from '../markdown/ids.js';
import { type Finding, finding } from './findings.js';

const RAW_ID = /\sid="([^"]*)"/g;

export function checkIds(edition: EditionSource): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  const offset = (edition.doc.firstLine ?? 1) - 1;
  let line = offset + 1;
  // A heading id made from its text is never reserved (parser.ts), so a reserved one was
  // written by the author.
  const visit = (id: string) => {
    const at = { file: edition.file, line };
    if (isReservedId(id)) {
      findings.push(
        finding(
          'id-reserved',
          at,
          `the id "${id}" is used by the page itself`,
          `choose another id, such as "${id}-section"; the page's own ids are the templates' (text, title, toc…) and the footnotes' (fn1, fnref1)`,
        ),
      );
    }
    const first = seen.get(id);
    if (first !== undefined) {
      findings.push(
        finding(
          'id-duplicate',
          at,
          `the id "${id}" is also used on line ${first}`,
          'give each element its own id; a heading without {#id} gets one from its text',
        ),
      );
    } else seen.set(id, line);
  };
  for (const token of edition.doc.tokens) {
    if (token.map) line = offset + token.map[0] + 1;
    for (const t of [token, ...(token.children ?? [])]) idsOf(t, visit);
  }
  return findings;
}

function idsOf(token: Token, visit: (id: string) => void): void {
  if (token.type === 'html_inline' || token.type === 'html_block') {
    for (const match of token.content.matchAll(RAW_ID)) visit(match[1] ?? '');
    return;
  }
  const id = token.attrGet('id');
  if (id !== null) visit(String(id));
}
