/**
 * GitHub's alerts as callouts: a quote whose first line is `[!NOTE]`, `[!TIP]`,
 * `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` becomes a note with a title in the edition's
 * language (labels `calloutNote`…). Written here rather than with markdown-it-github-alerts,
 * which closes an alert at the first quote nested in it (ill-formed HTML, an invalid EPUB)
 * and writes a title typed after the marker unescaped, past the sanitiser.
 *
 * A callout is `<div class="callout callout-note" role="note">`, its title a paragraph: a
 * screen reader announces a note, and the PDF's tags read as a division with its paragraphs
 * (Chromium tags an ARIA role as an untyped element, so the PDF's has none).
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { BodyEnv } from './render-body.js';

export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** A callout of an edition, or a `[!WORD]` that names no kind, where it is written. */
export interface CalloutRef {
  kind: string;
  line: number;
}

/** The label key of a kind's title: `calloutNote`. */
export function calloutLabel(kind: CalloutKind): string {
  return `callout${kind[0]?.toUpperCase()}${kind.slice(1)}`;
}

/** The marker, alone on the quote's first line, as GitHub reads it (any case). */
const MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\n|$)/;

export function installCallouts(md: MarkdownIt): void {
  md.core.ruler.after('block', 'callouts', findCallouts);
  md.renderer.rules.callout_open = (tokens, idx, _options, env) => {
    const kind = (tokens[idx]?.meta as { kind: CalloutKind } | null)?.kind ?? 'note';
    const body = env as BodyEnv | undefined;
    const title = body?.labels.callouts?.[kind] ?? kind.toUpperCase();
    const role = body?.format === 'pdf' ? '' : ' role="note"';
    return `<div class="callout callout-${kind}"${role}>\n<p class="callout-title">${md.utils.escapeHtml(title)}</p>\n`;
  };
  md.renderer.rules.callout_close = () => '</div>\n';
}

/**
 * Each quote that opens with a marker: a kind's becomes a callout (its matching close found
 * by depth, so quotes inside it stay quotes); an unknown word is left a quote and recorded
 * in the open token's meta, for the check.
 */
function findCallouts(state: StateCore): void {
  const tokens = state.tokens;
  tokens.forEach((open, i) => {
    if (open.type !== 'blockquote_open') return;
    const first = tokens[i + 1]?.type === 'paragraph_open' ? tokens[i + 2] : undefined;
    const match = first?.type === 'inline' ? MARKER.exec(first.content) : null;
    if (!first || !match) return;
    const kind = (match[1] ?? '').toLowerCase();
    if (!(CALLOUT_KINDS as readonly string[]).includes(kind)) {
      open.meta = { ...open.meta, unknownCallout: match[1] };
      return;
    }
    const close = matchingClose(tokens, i);
    if (!close) return;
    open.type = 'callout_open';
    open.meta = { ...open.meta, kind };
    close.type = 'callout_close';
    first.content = first.content.slice(match[0].length);
    if (first.content.trim() === '') hideParagraph(tokens, i + 1);
  });
}

function matchingClose(tokens: Token[], openIndex: number): Token | undefined {
  let depth = 0;
  for (let k = openIndex; k < tokens.length; k++) {
    const token = tokens[k];
    if (token?.type === 'blockquote_open') depth += 1;
    if (token?.type === 'blockquote_close') depth -= 1;
    if (depth === 0) return token;
  }
  return undefined;
}

/** A marker with a blank line after it leaves an empty paragraph: not written. */
function hideParagraph(tokens: Token[], at: number): void {
  for (const token of tokens.slice(at, at + 3)) token.hidden = true;
}
