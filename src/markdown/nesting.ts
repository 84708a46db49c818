/**
 * markdown-it stops parsing a block nested deeper than `maxNesting` and silently drops it
 * and everything after it in its container. This plugin raises the limit to one deep
 * enough for any real outline yet shallow enough for the parser's recursion, and turns
 * reaching it into an error at the line, so that no text is ever lost.
 */
import type { MarkdownIt, StateBlock } from 'markdown-it';

/** How deep lists may nest; quotes may nest twice as deep. */
export const LIST_LEVELS = 50;
/** The content of list level k is parsed at level 2k (list and item), of quote k at k. */
const MAX_NESTING = 2 * LIST_LEVELS + 1;

export class NestingError extends Error {
  /** 0-based line in the parsed Markdown where the too-deep block starts. */
  readonly line: number;

  constructor(line: number) {
    super(`blocks nested more than ${MAX_NESTING} levels deep`);
    this.name = 'NestingError';
    this.line = line;
  }
}

export function nestingGuard(md: MarkdownIt): void {
  md.set({ maxNesting: MAX_NESTING });
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    if (state.level >= MAX_NESTING) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && (state.sCount[line] ?? 0) >= state.blkIndent) {
        throw new NestingError(line);
      }
    }
    tokenize(state, startLine, endLine);
  };
}
