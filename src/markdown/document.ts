/**
 * Parse an edition's Markdown once and read off what the checks and templates need:
 * its images (with alt text, caption and line), headings, footnotes and tables.
 */
import type { Token } from 'markdown-it';
import { markdownFor } from './parser.js';

export interface ImageRef {
  src: string;
  alt: string;
  caption: string | undefined;
  /** Line in the Markdown file (1-based). */
  line: number;
  figure: boolean;
  decorative: boolean;
}

export interface HeadingRef {
  level: number;
  text: string;
  id: string;
  line: number;
}

export interface ParsedDocument {
  lang: string;
  tokens: Token[];
  images: ImageRef[];
  headings: HeadingRef[];
  footnotes: number;
  tables: number;
  /** Lines where raw HTML appears (it is sanitised when rendered). */
  rawHtmlLines: number[];
}

/** `lineOffset` is how many file lines precede `markdown` (the front matter). */
export function parseDocument(markdown: string, lang: string, lineOffset = 0): ParsedDocument {
  const md = markdownFor(lang);
  const env: Record<string, unknown> = {};
  const tokens = md.parse(markdown, env);
  const doc: ParsedDocument = {
    lang,
    tokens,
    images: [],
    headings: [],
    footnotes: 0,
    tables: 0,
    rawHtmlLines: [],
  };
  let lastLine = lineOffset + 1;
  let inFigure = false;
  tokens.forEach((token: Token, index: number) => {
    if (token.map) lastLine = lineOffset + token.map[0] + 1;
    switch (token.type) {
      case 'figure_open':
        inFigure = true;
        break;
      case 'figure_close':
        inFigure = false;
        break;
      case 'heading_open': {
        const inline = tokens[index + 1];
        doc.headings.push({
          level: Number(token.tag.slice(1)),
          text: inline
            ? md.renderer.renderInlineAsText(inline.children ?? [], md.options, env)
            : '',
          id: String(token.attrGet('id') ?? ''),
          line: lastLine,
        });
        break;
      }
      case 'table_open':
        doc.tables += 1;
        break;
      case 'footnote_open':
        doc.footnotes += 1;
        break;
      case 'html_block':
        doc.rawHtmlLines.push(lastLine);
        break;
      case 'inline':
        collectInline(token, inFigure, lastLine, doc, md.renderer, md.options, env);
        break;
    }
  });
  return doc;
}

function collectInline(
  inline: Token,
  inFigure: boolean,
  line: number,
  doc: ParsedDocument,
  renderer: ReturnType<typeof markdownFor>['renderer'],
  options: ReturnType<typeof markdownFor>['options'],
  env: Record<string, unknown>,
): void {
  const children = inline.children ?? [];
  children.forEach((child, i) => {
    if (child.type === 'html_inline') doc.rawHtmlLines.push(line);
    if (child.type !== 'image') return;
    const captionText = children[i + 1]?.type === 'figcaption_open' ? children[i + 2] : undefined;
    doc.images.push({
      src: String(child.attrGet('src') ?? ''),
      alt: renderer.renderInlineAsText(child.children ?? [], options, env).trim(),
      caption: inFigure
        ? captionText?.content.trim() || undefined
        : String(child.attrGet('title') ?? '') || undefined,
      line,
      figure: inFigure,
      decorative: String(child.attrGet('class') ?? '')
        .split(/\s+/)
        .includes('decorative'),
    });
  });
}
