/**
 * Raw HTML tags that markdown-it hands over one at a time (`<span>` in one token, its
 * `</span>` in another) are paired up here, once per edition, so that every edition's body
 * is well-formed: the EPUB's XHTML must be, and the HTML checker reports stray end tags.
 * Pairing follows the HTML parser: an element still open when its Markdown parent (a
 * paragraph, an emphasis, a link, a list item) or the document ends is closed there, and an
 * end tag that matches no element open inside that parent is dropped.
 */
import type { Token } from 'markdown-it';

/** A raw tag kept as written: an element left open, or the end tag of one elsewhere. */
export type LoneTag = { open: string } | { close: string };

/**
 * Balances one token list: the block tokens of a document, or the inline tokens of one
 * paragraph or heading. `lone` says which raw HTML tokens are lone tags; `endTag` makes the
 * token that closes an element left open.
 */
export function balanceRawTags(
  tokens: Token[],
  lone: ReadonlyMap<Token, LoneTag>,
  endTag: (name: string) => Token,
): Token[] {
  const out: Token[] = [];
  // Open elements: a raw one by its name, a Markdown one as undefined.
  const open: (string | undefined)[] = [];
  // Where the Markdown ones are in `open`: raw elements above the last are inside it.
  const markdown: number[] = [];
  const closeUntil = (depth: number) => {
    while (open.length > depth) {
      const name = open.pop();
      if (name !== undefined) out.push(endTag(name));
    }
  };
  for (const token of tokens) {
    const tag = lone.get(token);
    const inside = (markdown.at(-1) ?? -1) + 1;
    if (tag && 'open' in tag) {
      open.push(tag.open);
    } else if (tag) {
      let at = open.length - 1;
      while (at >= inside && open[at] !== tag.close) at -= 1;
      if (at >= inside) {
        closeUntil(at + 1);
        open.pop();
      } else {
        token.content = '';
      }
    } else if (token.nesting === 1) {
      markdown.push(open.length);
      open.push(undefined);
    } else if (token.nesting === -1) {
      closeUntil(inside);
      open.pop();
      markdown.pop();
    }
    out.push(token);
  }
  closeUntil(0);
  return out;
}
