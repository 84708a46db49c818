/**
 * How citations and the bibliography are written into an edition: each citation as its
 * style set it (cite-format.ts), with a link from every work it names to that work's entry;
 * the bibliography as a section at the end of the text, under the edition's heading for it
 * ("References", "Bibliografia"), which the contents, the EPUB's navigation and the PDF's
 * outline list like any section.
 */
import type { MarkdownIt } from 'markdown-it';
import type { CitationMeta } from './citations.js';
import type { BibliographyEntry } from './cite-format.js';
import type { BodyEnv } from './render-body.js';

/** The id of the bibliography's heading, the target of its entry in the contents. */
export const BIBLIOGRAPHY_ID = 'bibliography';

export function installCitationRules(md: MarkdownIt): void {
  const escapeHtml = md.utils.escapeHtml;
  md.renderer.rules.citation = (tokens, idx) => {
    const token = tokens[idx];
    const html = (token?.meta as CitationMeta | undefined)?.html;
    // A citation of unknown works only (an error the checks report) shows as written.
    return html === undefined
      ? escapeHtml(token?.content ?? '')
      : `<span class="citation">${html}</span>`;
  };
  md.renderer.rules.bibliography = (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as BodyEnv;
    const entries = (tokens[idx]?.meta as { entries?: BibliographyEntry[] } | null)?.entries ?? [];
    // Chromium's PDF tagger turns DPUB roles into untyped elements (see render-body.ts).
    const role = env.format === 'pdf' ? '' : ' role="doc-bibliography"';
    const heading = escapeHtml(env.referencesHeading ?? 'References');
    const items = entries
      .map((entry) => `<li id="${escapeHtml(referenceId(entry.key))}">${entry.html}</li>`)
      .join('\n');
    return `<section class="bibliography"${role} aria-labelledby="${BIBLIOGRAPHY_ID}">\n<h2 id="${BIBLIOGRAPHY_ID}">${heading}</h2>\n<ul class="references">\n${items}\n</ul>\n</section>\n`;
  };
}

/** The id of a work's entry in the bibliography; attribute-safe for any key. */
export function referenceId(key: string): string {
  return `ref-${key.replace(/[^\p{L}\p{N}_:.-]/gu, (c) => `_${c.codePointAt(0)?.toString(16)}`)}`;
}
