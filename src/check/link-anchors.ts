/**
 * A link to a place in the article must reach it: `#id` in the same edition, `it.md` or
 * `it.md#id` in another language's. A reader who follows a link to a missing anchor lands
 * at the top of the page (or nowhere, in an EPUB reader) with no hint why. Pure.
 */
import path from 'node:path';
import type { Token } from 'markdown-it';
import { shorten } from '../article/input-error.js';
import type { EditionSource } from '../article/load.js';
import { editDistance } from '../edit-distance.js';
import { BIBLIOGRAPHY_ID, referenceId } from '../markdown/cite-render.js';
import { EDITION_LINK as MARKDOWN_FILE } from '../markdown/edition-links.js';
import { TEMPLATE_IDS } from '../markdown/ids.js';
import type { LinkRef, ParsedDocument } from '../markdown/parsed-document.js';
import { wantsContents } from '../render/model.js';
import { type Finding, finding } from './findings.js';

const RAW_ID = /\sid="([^"]*)"/g;

export function checkLinkAnchors(editions: EditionSource[]): Finding[] {
  const anchors = new Map<EditionSource, Set<string>>();
  const anchorsIn = (edition: EditionSource) => {
    let ids = anchors.get(edition);
    if (!ids) {
      ids = anchorsOf(edition.doc, pageIds(edition));
      anchors.set(edition, ids);
    }
    return ids;
  };
  const guesses = { left: 50 };
  const byFile = new Map(editions.map((e) => [path.basename(e.file).toLowerCase(), e]));
  return editions.flatMap((edition) =>
    edition.doc.links.flatMap((link) => {
      const at = { file: edition.file, line: link.line, column: link.column };
      if (link.href.startsWith('#')) {
        const id = fragment(link.href.slice(1));
        if (id === '' || anchorsIn(edition).has(id)) return [];
        return [missingAnchor(link, id, edition, at, anchorsIn(edition), guesses)];
      }
      const other = MARKDOWN_FILE.exec(link.href);
      if (!other) return [];
      const target = byFile.get(fragment(other[1] ?? '').toLowerCase());
      if (!target) {
        return [
          finding(
            'link-edition-missing',
            at,
            `link to "${shorten(link.href, 60)}": the article has no language file ${fragment(other[1] ?? '')}`,
            `link to one of the article's editions (${[...byFile.keys()].join(', ')}), or to a full https: address`,
          ),
        ];
      }
      const id = fragment(other[2] ?? '');
      if (id === '' || anchorsIn(target).has(id)) return [];
      return [missingAnchor(link, id, target, at, anchorsIn(target), guesses)];
    }),
  );
}

function missingAnchor(
  link: LinkRef,
  id: string,
  target: EditionSource,
  at: { file: string; line: number; column: number },
  ids: Set<string>,
  guesses: { left: number },
): Finding {
  const headings = target.doc.headings.map((h) => h.id).filter(Boolean);
  // A guess costs a comparison with every id: made among a few hundred ids, for the first links only.
  const near = guesses.left-- > 0 && ids.size <= 500 ? closest(id, [...ids]) : undefined;
  const inWhich = link.href.startsWith('#') ? 'this edition' : path.basename(target.file);
  return finding(
    'link-anchor-missing',
    at,
    `link to "${shorten(link.href, 60)}": ${inWhich} has no heading or element with the id "${shorten(id, 40)}"`,
    near
      ? `did you mean "#${near}"? A heading's id is made from its text, or given with {#id}`
      : headings.length > 0
        ? `link to a heading's id (${headings
            .slice(0, 3)
            .map((h) => `#${h}`)
            .join(', ')}…), or give the target an id with {#${shorten(id, 40)}}`
        : `give the target an id with {#${shorten(id, 40)}}, or remove the link`,
  );
}

/**
 * The ids the page itself gives this edition: the title block's always, the contents list's
 * and the notes' headings only where the page has them (the EPUB's navigation ids are in
 * another document, out of a link's reach).
 */
export function pageIds(edition: EditionSource): string[] {
  const { meta, doc } = edition;
  return [
    'text',
    'title',
    ...(meta.subtitle ? ['subtitle'] : []),
    ...(wantsContents(meta.toc, doc.headings) ? ['toc', 'toc-title'] : []),
    ...(meta.notes.length > 0 ? ['edition-notes-title'] : []),
    ...(doc.footnotes > 0 ? ['footnotes-title'] : []),
  ];
}

/** Every id a link can reach in the edition: what the Markdown makes, and the page's own. */
export function anchorsOf(doc: ParsedDocument, page: Iterable<string> = TEMPLATE_IDS): Set<string> {
  const ids = new Set<string>(page);
  const visit = (token: Token) => {
    if (token.type === 'html_inline' || token.type === 'html_block') {
      // Raw HTML is already sanitised: an id it still has is on the page.
      for (const match of token.content.matchAll(RAW_ID)) ids.add(match[1] ?? '');
      return;
    }
    if (token.type === 'bibliography') {
      // The bibliography placed at the end of the text (src/article/citations.ts).
      ids.add(BIBLIOGRAPHY_ID);
      const entries = (token.meta as { entries?: { key: string }[] } | null)?.entries ?? [];
      for (const entry of entries) ids.add(referenceId(entry.key));
      return;
    }
    const meta = token.meta as { id?: number; subId?: number } | null;
    if (token.type === 'footnote_open' && meta?.id !== undefined) ids.add(`fn${meta.id + 1}`);
    if (token.type === 'footnote_ref' && meta?.id !== undefined) {
      ids.add(`fnref${meta.id + 1}${meta.subId ? `:${meta.subId}` : ''}`);
    }
    const id = token.attrGet('id');
    if (id !== null) ids.add(String(id));
  };
  for (const token of doc.tokens) {
    visit(token);
    for (const child of token.children ?? []) visit(child);
  }
  return ids;
}

/** A fragment as the page's ids are written: percent-decoded ("%C3%BCber" -> "über"). */
function fragment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The id within two edits of `id` (a typo, a changed letter case), if one is that near. */
function closest(id: string, ids: string[]): string | undefined {
  if (id.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of ids) {
    if (Math.abs(candidate.length - id.length) >= bestDistance) continue;
    const d = editDistance(id.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
