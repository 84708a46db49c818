/** An edition's parsed Markdown -> its sanitised HTML body, with images resolved per format. */
import type { Env } from 'markdown-it';
import type { ParsedDocument } from './document.js';
import { markdownFor } from './parser.js';
import { sanitize } from './sanitize.js';

export interface ResolvedImage {
  url: string;
  width: number;
  height: number;
}

export interface BodyEnv extends Env {
  /** Maps an image's Markdown src to where this format finds it. */
  resolveImage: (src: string) => ResolvedImage;
  labels: { footnotes: string; backToText: string };
  /**
   * The edition the body is for. 'html' writes HTML void elements (`<img>`, not `<img />`);
   * 'pdf' also leaves out the DPUB roles on footnotes, which Chromium's PDF tagger turns
   * into untyped /NonStruct elements (list items and links lose their /LI and /Link).
   * Without it the body is XHTML-compatible and keeps every role, as the EPUB needs.
   */
  format?: 'html' | 'pdf' | 'epub';
}

export function renderBody(doc: ParsedDocument, env: BodyEnv): string {
  const md = markdownFor(doc.lang);
  const html = sanitize(md.renderer.render(doc.tokens, md.options, { ...env }));
  return env.format === 'html' || env.format === 'pdf' ? htmlVoidElements(html) : html;
}

/**
 * sanitize-html closes void elements XML-style; in HTML the slash means nothing and the
 * Nu HTML Checker reports it. Attribute values are escaped, so no `>` occurs inside a tag.
 */
function htmlVoidElements(html: string): string {
  return html.replace(/<(img|br|hr)(\s[^>]*?)?\s*\/>/g, '<$1$2>');
}
