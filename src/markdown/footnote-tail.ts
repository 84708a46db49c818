/**
 * markdown-it-footnote moves the notes to the end of the document by appending each one's
 * tokens with `state.tokens = state.tokens.concat(tokens)`: a copy of the whole document per
 * note, quadratic (40,000 notes took two minutes). Its rule is run here on a token array whose
 * concat() appends in place, which makes it linear without copying the plugin's code.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';

class AppendingTokens extends Array<Token> {
  override concat(...items: (Token | ConcatArray<Token>)[]): Token[] {
    for (const item of items) {
      if (Array.isArray(item)) for (const token of item as Token[]) this.push(token);
      else this.push(item as Token);
    }
    return this;
  }
}

export function linearFootnoteTail(md: MarkdownIt): void {
  const rule = md.core.ruler.__rules__.find((r) => r.name === 'footnote_tail');
  if (!rule) return;
  const tail = rule.fn;
  md.core.ruler.at('footnote_tail', (state: StateCore) => {
    state.tokens = AppendingTokens.from(state.tokens);
    try {
      return tail(state);
    } finally {
      // A plain array again for everything after, whose concat() must copy.
      state.tokens = Array.from(state.tokens);
    }
  });
}
