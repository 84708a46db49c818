/**
 * An edition's parsed Markdown -> its HTML body, with images resolved per format. Raw HTML
 * was sanitised and balanced when the Markdown was parsed (document.ts); everything else is
 * written by markdown-it and the rules in parser.ts, which escape what they interpolate.
 */
import type { Env } from 'markdown-it';
import type { ParsedDocument } from './document.js';
import { markdownFor } from './parser.js';

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
  // Void elements as XHTML (`<br />`) for the EPUB, as HTML (`<br>`) for the other editions.
  const xhtmlOut = env.format !== 'html' && env.format !== 'pdf';
  return md.renderer.render(doc.tokens, { ...md.options, xhtmlOut }, { ...env });
}
