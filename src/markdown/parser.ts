/**
 * The markdown-it set-up: CommonMark plus tables, footnotes, heading anchors, figures,
 * `{.class #id lang=xx}` attributes, the typographic pass of src/typeset/typography.ts
 * (in place of markdown-it's smartquotes and replacements) and acronyms in small caps.
 * The rendered body is not sanitised again, so every rule here escapes what it writes
 * (markdown-it's own rules do too), `{...}` attributes are limited to id, class and lang,
 * and links keep their URL only if isAllowedLink says so.
 */
import markdownIt, {
  type MarkdownIt,
  type RendererRule,
  type StateCore,
  type Token,
} from 'markdown-it';
import anchor from 'markdown-it-anchor';
import attrs from 'markdown-it-attrs';
import footnote from 'markdown-it-footnote';
import imageFigures from 'markdown-it-image-figures';
import { splitAcronyms } from '../typeset/caps.js';
import { type Segment, typographSegments } from '../typeset/typography.js';
import { installCallouts } from './callouts.js';
import { installCitations } from './citations.js';
import { installCode } from './code.js';
import { installCrossrefs } from './crossrefs.js';
import { editionLinks } from './edition-links.js';
import { linearFootnoteTail } from './footnote-tail.js';
import { headingText, unreserved } from './ids.js';
import { installMath } from './math.js';
import { nestingGuard } from './nesting.js';
import { installNoteRules } from './note-markup.js';
import type { BodyEnv } from './render-body.js';
import { isAllowedLink, NON_TEXT_TAGS } from './sanitize.js';

/** "Perché l'IoT?" -> "perche-l-iot": readable, ASCII, stable across languages. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘]/g, '-')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const cache = new Map<string, MarkdownIt>();

/**
 * markdown-it-attrs tries each of its patterns on every token of the document, a quarter of
 * the parse of a long article; a source with no `{` has no attributes for it to find.
 */
function attrsWhereWritten(md: MarkdownIt): void {
  const curly = md.core.ruler.__rules__.find((rule) => rule.name === 'curly_attributes')?.fn;
  if (!curly) return;
  md.core.ruler.at('curly_attributes', (state: StateCore) => {
    if (state.src.includes('{')) curly(state);
  });
}

export function markdownFor(lang: string): MarkdownIt {
  let md = cache.get(lang);
  if (!md) {
    md = markdownIt('commonmark', { html: true, linkify: false })
      .enable(['table', 'strikethrough'])
      .use(attrs, { allowedAttributes: ['id', 'class', 'lang'] })
      .use(imageFigures, { figcaption: 'title' })
      .use(footnote)
      .use(anchor, {
        slugify: (text: string) => unreserved(slugify(text)),
        getTokensText: headingText,
        tabIndex: false,
      })
      .use(installMath)
      .use(installCode)
      .use(installCallouts)
      .use(installCitations)
      .use(installCrossrefs)
      .use(nestingGuard)
      .use(linearFootnoteTail)
      .use(editionLinks)
      .use(attrsWhereWritten);
    // Every link and image is parsed, whatever its URL: markdown-it would leave one it
    // refuses (javascript:, file:, data:) as literal text, silently. Here the URL is
    // dropped and recorded instead (dropDisallowedHrefs), and checks report it.
    md.validateLink = () => true;
    md.core.ruler.push('link_schemes', (state) => {
      for (const token of state.tokens) dropDisallowedHrefs(token.children ?? []);
    });
    // Where smartquotes ran: after the `{...}` attributes are read and the figures' captions
    // made, before escaped characters (`\"`, which stays straight) join the text around them.
    md.core.ruler.before('text_join', 'typography', (state) => typesetBody(state, lang));
    installRules(md);
    cache.set(lang, md);
  }
  return md;
}

/**
 * A link to any scheme but LINK_SCHEMES (javascript:, file:, data:…), or to "//host", is kept
 * as a link without its URL, which is recorded in its meta for the checks.
 */
function dropDisallowedHrefs(inline: Token[]): void {
  for (const token of inline) {
    if (token.type !== 'link_open') continue;
    const href = token.attrGet('href');
    if (href !== null && !isAllowedLink(String(href))) {
      token.attrs = token.attrs?.filter(([name]) => name !== 'href') ?? null;
      if (String(href).trim() !== '') token.meta = { ...token.meta, refusedHref: String(href) };
    }
  }
}

/** Raw elements whose text is code, or not text: left as written, like a code span. */
const VERBATIM_TAGS = new Set(['code', 'kbd', 'samp', 'pre', 'var', 'tt', ...NON_TEXT_TAGS]);

/**
 * Each paragraph, heading, table cell and caption is typeset as one run, so that quotes pair
 * across emphasis and links; code, autolinks and raw HTML tags are left as they are. Then,
 * outside headings, acronyms go in small caps: a heading is display type, set bold and
 * large, where full capitals keep the weight and size of the words around them.
 */
function typesetBody(state: StateCore, lang: string): void {
  state.tokens.forEach((token, i) => {
    if (token.type !== 'inline' || !token.children) return;
    const prose = typesetInline(token.children, lang);
    if (state.tokens[i - 1]?.type !== 'heading_open') {
      token.children = withSmallCaps(token.children, prose, state);
    }
  });
}

/** Typesets a list of inline tokens (an image's alt text on its own); returns the prose text tokens. */
function typesetInline(children: Token[], lang: string): Set<Token> {
  const segments: Segment[] = [];
  const owners: (Token | undefined)[] = [];
  let verbatimDepth = 0;
  let autolink = false;
  const push = (text: string, token?: Token) => {
    segments.push(token ? { text } : { text, verbatim: true });
    owners.push(token);
  };
  for (const child of children) {
    switch (child.type) {
      case 'text':
        if (verbatimDepth > 0 || autolink) push(child.content);
        else push(child.content, child);
        break;
      case 'code_inline':
      case 'text_special':
        push(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        push('\n');
        break;
      case 'html_inline': {
        const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(child.content);
        const name = tag?.[2]?.toLowerCase() ?? '';
        if (!VERBATIM_TAGS.has(name) || /\/\s*>$/.test(child.content)) break;
        verbatimDepth = Math.max(0, verbatimDepth + (tag?.[1] ? -1 : 1));
        break;
      }
      case 'link_open':
        autolink = child.markup === 'autolink';
        break;
      case 'link_close':
        autolink = false;
        break;
      case 'image':
        typesetInline(child.children ?? [], lang);
        break;
    }
  }
  const prose = new Set<Token>();
  typographSegments(segments, lang).forEach((text, k) => {
    const token = owners[k];
    if (!token) return;
    token.content = text;
    prose.add(token);
  });
  return prose;
}

/** The prose text tokens with their acronyms in `<span class="caps">`; a screen reader still reads the word. */
function withSmallCaps(children: Token[], prose: Set<Token>, state: StateCore): Token[] {
  // A figure's caption was parsed, and so set, on its own before it joined the paragraph.
  let inCaps = 0;
  return children.flatMap((child) => {
    if (child.type === 'caps_open' || child.type === 'caps_close') inCaps += child.nesting;
    if (!prose.has(child) || inCaps > 0) return [child];
    const pieces = splitAcronyms(child.content);
    if (pieces.length === 1 && !pieces[0]?.caps) return [child];
    return pieces.flatMap(({ text, caps }) => {
      const token = Object.assign(new state.Token('text', '', 0), { content: text });
      if (!caps) return [token];
      const open = new state.Token('caps_open', 'span', 1);
      open.attrSet('class', 'caps');
      return [open, token, new state.Token('caps_close', 'span', -1)];
    });
  });
}

/**
 * Rules that read the render env (where each format finds images, localized labels, how it
 * writes notes: note-markup.ts) or the render options (`xhtmlOut`: void elements written `<br />` for the EPUB, `<br>` for HTML).
 */
function installRules(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  rules.image = (tokens, idx, options, rawEnv, self) => {
    const env = rawEnv as BodyEnv;
    const token = tokens[idx];
    if (!token) return '';
    const attr = (name: string) => String(token.attrGet(name) ?? '');
    const src = attr('src');
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const image = env.resolveImage(src);
    const decorative = attr('class').split(/\s+/).includes('decorative');
    const attrs: [string, string][] = [
      ['src', image.url],
      ['alt', decorative ? '' : alt],
      ['width', String(image.width)],
      ['height', String(image.height)],
    ];
    const title = attr('title');
    if (title) attrs.push(['title', title]);
    const cls = attr('class');
    if (cls) attrs.push(['class', cls]);
    const escapeHtml = md.utils.escapeHtml;
    const end = options.xhtmlOut ? ' />' : '>';
    return `<img ${attrs.map(([k, v]) => `${k}="${escapeHtml(v)}"`).join(' ')}${end}`;
  };
  // Raw HTML was sanitised when parsed, its void elements written `<br />`.
  const rawHtml: RendererRule = (tokens, idx, options) => {
    const html = tokens[idx]?.content ?? '';
    return options.xhtmlOut ? html : html.replace(/\s*\/>/g, '>');
  };
  rules.html_inline = rawHtml;
  rules.html_block = rawHtml;
  installNoteRules(md);
}
