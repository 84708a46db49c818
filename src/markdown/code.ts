/**
 * Code blocks: each fence's language is recorded where it is written, and a fence whose
 * language is named is highlighted before the edition renders (highlight.ts, which loads
 * shiki: an article whose code blocks name no language, or that has none, never loads it).
 * What shiki did not set (no language, an unknown one) renders as markdown-it writes it,
 * plain and escaped.
 */
import type { MarkdownIt, Token } from 'markdown-it';
import type { ParsedDocument } from './parsed-document.js';
import type { BodyEnv } from './render-body.js';

/** A code block of an edition: its language as written, lower case ('' for none), and line. */
export interface CodeRef {
  lang: string;
  line: number;
}

/** A fence whose language shiki does not know, with the nearest names it does know. */
export interface CodeProblem extends CodeRef {
  suggestions: string[];
}

/** Set on a fence's token by highlight.ts. */
export interface HighlightedCode {
  /** Light colours inline, the dark ones as CSS variables that the screen's dark scheme picks. */
  dual: string;
  /** Light colours only: the PDF and the EPUB, which a reading system shows on its own page. */
  light: string;
}

/** Languages that are text, for shiki as for a reader: shown plain, never a problem. */
export const PLAIN_LANGUAGES = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

/** The language a fence names: the first word of its info string (`{…}` attributes are gone by then). */
export function fenceLanguage(token: Token): string {
  return (token.info.trim().split(/\s+/)[0] ?? '').toLowerCase();
}

/** The code blocks of an edition and their fences' tokens, in order. */
export function codeBlocks(doc: ParsedDocument): { ref: CodeRef; token: Token }[] {
  const firstLine = doc.firstLine ?? 1;
  return doc.tokens
    .filter((t) => t.type === 'fence' || t.type === 'code_block')
    .map((token) => ({
      token,
      ref: {
        lang: token.type === 'fence' ? fenceLanguage(token) : '',
        line: firstLine + (token.map?.[0] ?? 0),
      },
    }));
}

/** Highlights the edition's fences when one names a language: loads shiki only then. */
export async function highlightFences(doc: ParsedDocument): Promise<void> {
  if (doc.code.every((c) => PLAIN_LANGUAGES.has(c.lang))) return;
  const { highlightCode } = await import('./highlight.js');
  await highlightCode(doc);
}

export function installCode(md: MarkdownIt): void {
  const plain = md.renderer.rules.fence;
  if (!plain) throw new Error('markdown-it has no fence rule');
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const highlighted = (tokens[idx]?.meta as { highlighted?: HighlightedCode } | null)
      ?.highlighted;
    if (!highlighted) return plain(tokens, idx, options, env, self);
    const format = (env as BodyEnv | undefined)?.format;
    return `${format === 'html' ? highlighted.dual : highlighted.light}\n`;
  };
}
