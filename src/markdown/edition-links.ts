/**
 * A link to another language's file (`[in Italian](it.md#tram)`) becomes a link to that
 * language's edition in the same format, which the Markdown file name is not: the
 * editions are `<out>/<lang>/<slug>.<format>`. The render env says where each one is;
 * without one (or for a file that is not an edition) the link is written as it is.
 */
import type { MarkdownIt, RendererRule, Token } from 'markdown-it';

/** A relative link to a Markdown file, with or without a fragment: "it.md", "./pt-BR.md#x". */
export const EDITION_LINK = /^(?:\.\/)?([^/\\?#:]+\.md)(?:#(.*))?$/i;

export interface EditionLinkEnv {
  /**
   * The href of the edition written in `file` ("it.md"), at `fragment` ("" for its start);
   * "" for none in this format (the link keeps its text), undefined to leave it as written.
   */
  editionHref?: (file: string, fragment: string) => string | undefined;
}

export function editionLinks(md: MarkdownIt): void {
  const fallback: RendererRule = (tokens, idx, options, _env, self) =>
    self.renderToken(tokens, idx, options);
  const original = md.renderer.rules.link_open ?? fallback;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token?.attrGet('href');
    const resolve = (env as EditionLinkEnv).editionHref;
    const match = href && resolve ? EDITION_LINK.exec(String(href)) : null;
    const target = match && resolve?.(decode(match[1] ?? ''), match[2] ?? '');
    if (!token || target === undefined || target === null) {
      return original(tokens, idx, options, env, self);
    }
    // The tokens are rendered once per format: the href is changed on a copy.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(token)) as Token, token, {
      attrs: (token.attrs ?? []).flatMap(([name, value]) =>
        name !== 'href' ? [[name, value]] : target === '' ? [] : [[name, target]],
      ),
    });
    return original([copy], 0, options, env, self);
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
