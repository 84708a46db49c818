/**
 * The HTML edition's margin notes: a copy of each note, written after its first reference,
 * that a wide screen floats into the margin beside it (templates/styles/notes.css) and a
 * narrow one hides. The endnote list stays the notes' one real place: the copy is hidden
 * from assistive technology (so no text is read twice), carries no id (so none is doubled)
 * and takes no focus (keyboard users reach the same links in the list). A note's blocks
 * become lines of the copy, as a `span` is all a paragraph may hold.
 */
import type { MarkdownIt, MarkdownItOptions, Token } from 'markdown-it';
import type { NoteEnv } from './note-markup.js';

/** Each note's margin copy, by note index. */
export function sidenoteCopies(
  md: MarkdownIt,
  tokens: Token[],
  options: Required<MarkdownItOptions>,
  env: NoteEnv,
): Map<number, string> {
  const copies = new Map<number, string>();
  const copyEnv: NoteEnv = { ...env, inCopy: true };
  let id = -1;
  let lines: string[] = [];
  for (const token of tokens) {
    if (token.type === 'footnote_open') {
      id = (token.meta as { id: number }).id;
      lines = [];
    } else if (token.type === 'footnote_close') {
      const number = `<span class="sidenote-number">${id + 1}</span> `;
      const body = (lines.length > 0 ? lines : ['']).map(
        (line, k) => `<span class="sidenote-line">${k === 0 ? number : ''}${line}</span>`,
      );
      copies.set(id, `<span class="sidenote" aria-hidden="true">${body.join('')}</span>`);
      id = -1;
    } else if (id >= 0 && token.type === 'inline') {
      const children = (token.children ?? []).filter((t) => t.type !== 'footnote_anchor');
      lines.push(md.renderer.renderInline(children.map(inert), options, copyEnv));
    } else if (id >= 0 && (token.type === 'fence' || token.type === 'code_block')) {
      lines.push(`<code>${md.utils.escapeHtml(token.content.replace(/\n$/, ''))}</code>`);
    }
  }
  return copies;
}

/**
 * A token as the copy writes it: without an id, a link out of the tab order. Raw HTML was
 * sanitised into `name="value"` attributes (sanitize.ts), whose values hold no `"`.
 */
function inert(token: Token): Token {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token)), token) as Token;
  if (token.attrs) copy.attrs = token.attrs.filter(([name]) => name !== 'id');
  if (token.type === 'link_open') copy.attrs = [...(copy.attrs ?? []), ['tabindex', '-1']];
  if (token.type === 'html_inline') {
    copy.content = token.content
      .replace(/\sid="[^"]*"/g, '')
      .replace(/^<a(?=[\s>])/i, '<a tabindex="-1"');
  }
  if (token.children) copy.children = token.children.map(inert);
  return copy;
}
