/**
 * How each edition writes its notes. The PDF, and a body rendered for no edition, keep the
 * endnote list that the PDF's foot-of-page placement reads (src/render/pdf/foot-notes.ts).
 * The EPUB writes each note as an `aside` marked as a footnote and each reference as a
 * noteref, which Apple Books, Kobo and Thorium open as a pop-up; the note's number, at its
 * start, leads back to the text. The HTML edition keeps the endnote list for narrow screens
 * and screen readers, and follows each first reference with a copy of its note for the
 * margin of a wide screen (sidenotes.ts).
 */
import type { MarkdownIt, RendererRule, Token } from 'markdown-it';
import type { BodyEnv } from './render-body.js';

/** What the note rules read from the render env besides BodyEnv; renderBody sets them. */
export interface NoteEnv extends BodyEnv {
  /** HTML edition: each note's margin copy, by note index. */
  sidenotes?: Map<number, string>;
  /** Set while a margin copy is rendered: its references carry no id and take no focus. */
  inCopy?: boolean;
  /** How many notes the renderer is inside: a reference there gets no margin copy. */
  noteDepth?: number;
  /**
   * Chinese and Japanese: a line may break between any two characters, so a reference is
   * joined to the character before it (U+2060 WORD JOINER), never left to start a line.
   */
  joinReferences?: boolean;
}

interface NoteMeta {
  id: number;
  subId?: number;
}

const meta = (token: Token | undefined): NoteMeta =>
  (token?.meta as NoteMeta | null) ?? { id: 0, subId: 0 };

/** "1", or "1:2" for a note's third reference. */
export function noteCaption(token: Token | undefined): string {
  const { id, subId = 0 } = meta(token);
  return subId > 0 ? `${id + 1}:${subId}` : String(id + 1);
}

/** The id suffix of a reference: "1", "1:2". */
const refSuffix = noteCaption;

export function installNoteRules(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  const escapeHtml = md.utils.escapeHtml;
  // Superior numbers, as a book marks its notes, without brackets.
  rules.footnote_caption = (tokens, idx) => noteCaption(tokens[idx]);
  rules.footnote_ref = (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as NoteEnv;
    const token = tokens[idx];
    const { id, subId = 0 } = meta(token);
    const caption = noteCaption(token);
    if (env.inCopy) {
      return `<sup class="footnote-ref"><a href="#fn${id + 1}" tabindex="-1">${caption}</a></sup>`;
    }
    const noteref = epub(env) ? ' epub:type="noteref" role="doc-noteref"' : '';
    const ref = `<sup class="footnote-ref"><a href="#fn${id + 1}" id="fnref${refSuffix(token)}"${noteref}>${caption}</a></sup>`;
    const copy = subId === 0 && !env.noteDepth ? env.sidenotes?.get(id) : undefined;
    const joined = env.joinReferences ? `\u2060${ref}` : ref;
    return copy ? joined + copy : joined;
  };
  rules.footnote_block_open = (_tokens, _idx, _options, env) => {
    const label = escapeHtml((env as NoteEnv).labels.footnotes);
    const heading = `<h2 id="footnotes-title">${label}</h2>\n`;
    // Notes under their own heading, as a book gathers them at the end of a chapter.
    if (epub(env))
      return `<section class="footnotes" aria-labelledby="footnotes-title">\n${heading}`;
    const role = dpub(env) ? ' role="doc-endnotes"' : '';
    return `<section class="footnotes"${role} aria-labelledby="footnotes-title">\n${heading}<ol class="footnotes-list">\n`;
  };
  rules.footnote_block_close = (_tokens, _idx, _options, env) =>
    epub(env) ? '</section>\n' : '</ol>\n</section>\n';
  rules.footnote_open = (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as NoteEnv;
    env.noteDepth = (env.noteDepth ?? 0) + 1;
    const id = meta(tokens[idx]).id + 1;
    return epub(env)
      ? `<aside id="fn${id}" class="footnote-item" epub:type="footnote" role="doc-footnote">`
      : `<li id="fn${id}" class="footnote-item">`;
  };
  rules.footnote_close = (_tokens, _idx, _options, rawEnv) => {
    const env = rawEnv as NoteEnv;
    env.noteDepth = Math.max(0, (env.noteDepth ?? 1) - 1);
    return epub(env) ? '</aside>\n' : '</li>\n';
  };
  rules.footnote_anchor = backlink(escapeHtml);
}

/**
 * The way back to a reference. In the EPUB it is the note's number, first in the note
 * (noteAnchorsFirst), so that a pop-up shows where it leads at once; elsewhere words after
 * the note: a lone symbol is not text to assistive technology or to axe.
 */
function backlink(escapeHtml: (s: string) => string): RendererRule {
  return (tokens, idx, _options, rawEnv) => {
    const env = rawEnv as NoteEnv;
    const token = tokens[idx];
    const href = `#fnref${refSuffix(token)}`;
    const label = escapeHtml(env.labels.backToText);
    if (epub(env)) {
      const caption = noteCaption(token);
      return `<a href="${href}" class="footnote-backref" role="doc-backlink" aria-label="${caption}, ${label}">${caption}</a> `;
    }
    const role = dpub(env) ? ' role="doc-backlink"' : '';
    return ` <a href="${href}" class="footnote-backref"${role}>${label}</a>`;
  };
}

function epub(env: unknown): boolean {
  return (env as NoteEnv).format === 'epub';
}

/** DPUB-ARIA roles help screen readers, but Chromium's PDF tagger maps them to /NonStruct. */
function dpub(env: unknown): boolean {
  return (env as NoteEnv).format !== 'pdf';
}

/**
 * The tokens with each note's ways back moved to its start: into its first paragraph, or
 * before its first block when it starts with something else. The document's tokens are
 * shared by every edition, so the ones that change are copies.
 */
export function noteAnchorsFirst(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    out.push(token);
    i += 1;
    if (token.type !== 'footnote_open') continue;
    let end = i;
    while (end < tokens.length && tokens[end]?.type !== 'footnote_close') end += 1;
    const inside = tokens.slice(i, end);
    const anchors = inside.filter((t) => t.type === 'footnote_anchor');
    const rest = inside.filter((t) => t.type !== 'footnote_anchor');
    const [open, inline] = rest;
    if (open?.type === 'paragraph_open' && inline?.type === 'inline') {
      const copy = Object.assign(Object.create(Object.getPrototypeOf(inline)), inline) as Token;
      copy.children = [...anchors, ...(inline.children ?? [])];
      out.push(open, copy, ...rest.slice(2));
    } else out.push(...anchors, ...rest);
    i = end;
  }
  return out;
}
