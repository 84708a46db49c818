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
}

export function renderBody(doc: ParsedDocument, env: BodyEnv): string {
  const md = markdownFor(doc.lang);
  return sanitize(md.renderer.render(doc.tokens, md.options, { ...env }));
}
