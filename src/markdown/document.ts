/**
 * Parse an edition's Markdown once and read off what the checks and templates need:
 * its images (with alt text, caption, line and column), headings, footnotes and tables.
 * Raw HTML is filtered here, token by token, against the raw-HTML allowlist, and what
 * was removed is recorded so that the checks can report it; lone start and end tags are
 * then paired up, so the tokens render to well-formed HTML as they are.
 */
import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import { balanceRawTags, type LoneTag } from './balance.js';
import { collectCitations } from './cite-refs.js';
import { codeBlocks } from './code.js';
import type { CrossrefEnv } from './crossrefs.js';
import { setFormula } from './math.js';
import type { HeadingRef, ParsedDocument } from './parsed-document.js';
import { markdownFor } from './parser.js';
import { NON_TEXT_TAGS, sanitizeRawHtml } from './sanitize.js';
import { type Cursor, type Position, SourceText } from './source-text.js';

interface Walk {
  doc: ParsedDocument;
  md: MarkdownIt;
  env: Record<string, unknown>;
  source: SourceText;
  /** Raw HTML tokens that are a lone start or end tag. */
  lone: Map<Token, LoneTag>;
}

/**
 * How many images, links and first note references each parse found before its notes (the `footnote_block_open`
 * that markdown-it-footnote moves to the end): incremental.ts splices a changed paragraph's
 * items in among those of the text, never among those of the notes, which come after.
 */
export type TextCounts = Pick<
  Record<keyof ParsedDocument, number>,
  'images' | 'links' | 'refusedLinks' | 'footnoteLines'
>;
const textCounts = new WeakMap<ParsedDocument, TextCounts>();

export function textCountsOf(doc: ParsedDocument): TextCounts | undefined {
  return textCounts.get(doc);
}

export function setTextCounts(doc: ParsedDocument, counts: TextCounts): void {
  textCounts.set(doc, counts);
}

const countsNow = (doc: ParsedDocument): TextCounts => ({
  images: doc.images.length,
  links: doc.links.length,
  refusedLinks: doc.refusedLinks.length,
  footnoteLines: doc.footnoteLines.length,
});

/** `lineOffset` is how many file lines precede `markdown` (the front matter). */
export function parseDocument(
  markdown: string,
  lang: string,
  lineOffset = 0,
  options: { citations?: boolean } = {},
): ParsedDocument {
  const md = markdownFor(lang);
  const env: Record<string, unknown> = { citations: options.citations === true };
  const tokens = md.parse(markdown, env);
  const doc: ParsedDocument = {
    lang,
    firstLine: lineOffset + 1,
    tokens,
    images: [],
    headings: [],
    footnotes: 0,
    footnoteLines: [],
    tables: 0,
    tableLines: [],
    rawHtmlLines: [],
    rawHtmlRemoved: [],
    refusedLinks: [],
    links: [],
    math: [],
    mathProblems: [],
    code: [],
    codeProblems: [],
    callouts: [],
    calloutProblems: [],
    citations: [],
    crossrefs: [],
    labels: ((env as CrossrefEnv).labels ?? []).map((l) => ({
      ...l,
      line: lineOffset + l.line + 1,
    })),
  };
  const walk: Walk = {
    doc,
    md,
    env,
    source: new SourceText(markdown, lineOffset),
    lone: new Map(),
  };
  let map: [number, number] = [0, 1];
  let inFigure = false;
  tokens.forEach((token: Token, index: number) => {
    if (token.map) map = token.map;
    const line = lineOffset + map[0] + 1;
    switch (token.type) {
      case 'footnote_block_open':
        textCounts.set(doc, countsNow(doc));
        break;
      case 'figure_open':
      case 'figure_close':
        inFigure = token.type === 'figure_open';
        break;
      case 'table_open':
        doc.tables += 1;
        doc.tableLines.push(line);
        break;
      case 'footnote_open':
        doc.footnotes += 1;
        break;
      case 'html_block':
        doc.rawHtmlLines.push(line);
        filterRawHtml(token, 'block', walk.source.cursor(map), walk);
        break;
      case 'callout_open':
        doc.callouts.push({ kind: String((token.meta as { kind?: string } | null)?.kind), line });
        break;
      case 'blockquote_open': {
        const unknown = (token.meta as { unknownCallout?: string } | null)?.unknownCallout;
        if (unknown !== undefined) doc.calloutProblems.push({ kind: unknown, line });
        break;
      }
      case 'math_block':
        setFormula(token, { line }, doc);
        break;
      case 'inline': {
        const formulas = walk.source.cursor(map);
        for (const child of token.children ?? []) {
          if (child.type === 'math_inline') setFormula(child, formulas, doc);
        }
        collectInline(token, inFigure, walk.source.cursor(map), walk);
        collectCitations(token, walk.source.cursor(map), doc);
        // After the inline is filtered, so that a heading's text holds no removed HTML.
        const open = tokens[index - 1];
        if (open?.type === 'heading_open') doc.headings.push(heading(open, token, line, walk));
        break;
      }
    }
  });
  if (!textCounts.has(doc)) textCounts.set(doc, countsNow(doc));
  if (walk.lone.size > 0) balance(walk);
  doc.code = codeBlocks(doc).map(({ ref }) => ref);
  return doc;
}

function balance({ doc, lone }: Walk): void {
  const endTag = (type: string, end: string) => (name: string) =>
    Object.assign(new markdownIt.Token(type, '', 0), { content: `</${name}>${end}` });
  for (const token of doc.tokens) {
    if (token.type === 'inline' && token.children?.some((child) => lone.has(child))) {
      token.children = balanceRawTags(token.children, lone, endTag('html_inline', ''));
    }
  }
  doc.tokens = balanceRawTags(doc.tokens, lone, endTag('html_block', '\n'));
}

/**
 * A heading's plain text (for the table of contents and the PDF outline): tags left out, a
 * formula as its TeX.
 */
function heading(token: Token, inline: Token, line: number, walk: Walk): HeadingRef {
  const words = (inline.children ?? [])
    .filter((c) => c.type !== 'html_inline')
    .map((c) =>
      c.type === 'math_inline'
        ? Object.assign(new markdownIt.Token('text', '', 0), { content: c.content })
        : c,
    );
  return {
    level: Number(token.tag.slice(1)),
    text: walk.md.renderer.renderInlineAsText(words, walk.md.options, walk.env),
    id: String(token.attrGet('id') ?? ''),
    line,
  };
}

function collectInline(inline: Token, inFigure: boolean, cursor: Cursor, walk: Walk): void {
  const { doc, md, env } = walk;
  const children = inline.children ?? [];
  const links: LinkCursor = { cursor: cursor.copy(), missing: new Set() };
  // Inside a removed <script> or <style>, the content up to its end tag goes too; the
  // Markdown around it (a link, an emphasis that opened before it) still closes.
  let hiddenUntil: string | undefined;
  children.forEach((child, i) => {
    if (hiddenUntil !== undefined && child.nesting === 0) {
      if (child.type === 'html_inline' && endTagOf(child.content) === hiddenUntil) {
        hiddenUntil = undefined;
      }
      Object.assign(child, { type: 'text', content: '', children: null });
      return;
    }
    if (child.type === 'html_inline') {
      const start = startTagOf(child.content);
      const at = filterRawHtml(child, 'tag', cursor, walk);
      doc.rawHtmlLines.push(at.line);
      if (start && NON_TEXT_TAGS.includes(start) && !/\/\s*>$/.test(child.content)) {
        hiddenUntil = start;
      }
      return;
    }
    if (child.type === 'footnote_ref') {
      const meta = child.meta as { subId?: number; label?: string } | null;
      // [^label] for a note defined below, ^[text] for an inline one.
      const at = cursor.next(meta?.label === undefined ? '^[' : `[^${meta.label}]`);
      if (!meta?.subId) doc.footnoteLines.push(at.line);
      return;
    }
    const refused = (child.meta as { refusedHref?: string } | null)?.refusedHref;
    if (child.type === 'link_open' && refused !== undefined) {
      // Where its URL is written (the link text may hold images, still to be found).
      doc.refusedLinks.push({ href: refused, ...linkPosition(refused, links) });
      return;
    }
    const href = child.type === 'link_open' ? child.attrGet('href') : null;
    if (href !== null) {
      doc.links.push({ href: String(href), ...linkPosition(String(href), links) });
      return;
    }
    if (child.type !== 'image') return;
    const at = cursor.next('![');
    dropAltHtml(child, at, doc);
    const captionText = children[i + 1]?.type === 'figcaption_open' ? children[i + 2] : undefined;
    doc.images.push({
      src: String(child.attrGet('src') ?? ''),
      alt: md.renderer.renderInlineAsText(child.children ?? [], md.options, env).trim(),
      caption: inFigure
        ? captionText?.content.trim() || undefined
        : String(child.attrGet('title') ?? '') || undefined,
      ...at,
      figure: inFigure,
      decorative: String(child.attrGet('class') ?? '')
        .split(/\s+/)
        .includes('decorative'),
    });
  });
}

/**
 * Replaces a raw HTML token's content with what the allowlist keeps and records the rest
 * where it was written: a lone tag where the token is, each tag of a block in turn.
 */
function filterRawHtml(token: Token, kind: 'tag' | 'block', cursor: Cursor, walk: Walk) {
  const { doc } = walk;
  const original = token.content;
  const { html, removed, tags, open, close } = sanitizeRawHtml(original, kind);
  token.content = html;
  if (open !== undefined) walk.lone.set(token, { open });
  if (close !== undefined) walk.lone.set(token, { close });
  const start = kind === 'tag' ? cursor.next(original.split('\n')[0] ?? '') : undefined;
  const positions = tags.map((name) => start ?? cursor.next(`<${name}`));
  for (const { index, ...item } of removed) {
    const at = positions[index] ?? start ?? cursor.next('');
    doc.rawHtmlRemoved.push({ ...item, ...at });
  }
  return start ?? positions[0] ?? cursor.next('');
}

/**
 * Where a link's URL is written: as markdown-it normalised it, else as the writer typed it
 * before it was percent-encoded ("#über" for "#%C3%BCber"). Links come in source order, so
 * their own cursor moves forward; a URL not in the block (a reference link's, written in
 * its definition) is remembered as missing, so that many of them cost one search each.
 */
function linkPosition(href: string, links: LinkCursor): Position {
  for (const written of [href, decodedUri(href)]) {
    if (written === undefined || links.missing.has(written)) continue;
    const at = links.cursor.find(written);
    if (at) return at;
    links.missing.add(written);
  }
  return links.cursor.next('');
}

interface LinkCursor {
  cursor: Cursor;
  missing: Set<string>;
}

function decodedUri(href: string): string | undefined {
  try {
    const decoded = decodeURI(href);
    return decoded === href ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function startTagOf(html: string): string | undefined {
  return /^<([a-z][a-z0-9-]*)/i.exec(html)?.[1]?.toLowerCase();
}

function endTagOf(html: string): string | undefined {
  return /^<\/([a-z][a-z0-9-]*)\s*>$/i.exec(html)?.[1]?.toLowerCase();
}

/** Alt text is plain text: tags written inside it are dropped (and reported), not rendered. */
function dropAltHtml(image: Token, at: Position, doc: ParsedDocument): void {
  for (const child of image.children ?? []) {
    if (child.type !== 'html_inline') continue;
    const tag = startTagOf(child.content);
    if (tag) {
      doc.rawHtmlRemoved.push({ tag, inAltText: true, ...at });
    }
    child.content = '';
  }
}
