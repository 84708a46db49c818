/**
 * The markdown-it set-up: CommonMark plus tables, footnotes, heading anchors, figures,
 * `{.class #id lang=xx}` attributes, and typographic quotes and dashes per language.
 * The rendered body is not sanitised again, so every rule here escapes what it writes
 * (markdown-it's own rules do too), `{...}` attributes are limited to id, class and lang,
 * and links keep their URL only if isAllowedLink says so.
 */
import markdownIt, { type MarkdownIt, type RendererRule, type Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import attrs from 'markdown-it-attrs';
import footnote from 'markdown-it-footnote';
import imageFigures from 'markdown-it-image-figures';
import { linearFootnoteTail } from './footnote-tail.js';
import { headingText, unreserved } from './ids.js';
import { nestingGuard } from './nesting.js';
import type { BodyEnv } from './render-body.js';
import { isAllowedLink } from './sanitize.js';

/** Double open, double close, single open, single close (the last is also the apostrophe). */
const QUOTES: Record<string, string> = {
  en: '“”‘’',
  it: '«»‘’',
  de: '„“‚‘',
  es: '«»“”',
  pt: '«»“”',
};

export function quotesFor(lang: string): string | string[] {
  const primary = lang.split('-')[0]?.toLowerCase() ?? lang;
  if (primary === 'fr') return ['«\u00a0', '\u00a0»', '‘', '’'];
  return QUOTES[primary] ?? QUOTES.en ?? '“”‘’';
}

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

export function markdownFor(lang: string): MarkdownIt {
  let md = cache.get(lang);
  if (!md) {
    md = markdownIt('commonmark', {
      html: true,
      linkify: false,
      typographer: true,
      quotes: quotesFor(lang),
    })
      .enable(['table', 'strikethrough', 'replacements', 'smartquotes'])
      .use(attrs, { allowedAttributes: ['id', 'class', 'lang'] })
      .use(imageFigures, { figcaption: 'title' })
      .use(footnote)
      .use(anchor, {
        slugify: (text: string) => unreserved(slugify(text)),
        getTokensText: headingText,
        tabIndex: false,
      })
      .use(nestingGuard)
      .use(linearFootnoteTail);
    // Every link and image is parsed, whatever its URL: markdown-it would leave one it
    // refuses (javascript:, file:, data:) as literal text, silently. Here the URL is
    // dropped and recorded instead (dropDisallowedHrefs), and checks report it.
    md.validateLink = () => true;
    md.core.ruler.push('link_schemes', (state) => {
      for (const token of state.tokens) dropDisallowedHrefs(token.children ?? []);
    });
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

/**
 * Rules that read the render env (where each format finds images, localized labels) or the
 * render options (`xhtmlOut`: void elements written `<br />` for the EPUB, `<br>` for HTML).
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
  rules.footnote_block_open = (_tokens, _idx, _options, env) => {
    const role = dpub(env) ? ' role="doc-endnotes"' : '';
    const label = md.utils.escapeHtml((env as BodyEnv).labels.footnotes);
    return `<section class="footnotes"${role} aria-label="${label}">\n<ol class="footnotes-list">\n`;
  };
  rules.footnote_block_close = () => '</ol>\n</section>\n';
  rules.footnote_anchor = (tokens, idx, _options, env, self) => {
    const token = tokens[idx];
    if (!token) return '';
    const name = self.rules.footnote_anchor_name?.(tokens, idx, _options, env, self) ?? '';
    const subId = Number((token.meta as { subId?: number } | null)?.subId ?? 0);
    const sub = subId > 0 ? `:${subId}` : '';
    const label = md.utils.escapeHtml((env as BodyEnv).labels.backToText);
    const role = dpub(env) ? ' role="doc-backlink"' : '';
    // Words, not an arrow: a lone symbol is not text to assistive technology or to axe.
    return ` <a href="#fnref${name}${sub}" class="footnote-backref"${role}>${label}</a>`;
  };
}

/** DPUB-ARIA roles help screen readers, but Chromium's PDF tagger maps them to /NonStruct. */
function dpub(env: unknown): boolean {
  return (env as BodyEnv).format !== 'pdf';
}
