/**
 * An edition's parsed Markdown -> its HTML body, with images resolved per format. Raw HTML
 * was sanitised and balanced when the Markdown was parsed (document.ts); everything else is
 * written by markdown-it and the rules in parser.ts, which escape what they interpolate.
 */
import type { Env } from 'markdown-it';
import type { CalloutKind } from './callouts.js';
import { type NoteEnv, noteAnchorsFirst } from './note-markup.js';
import type { ParsedDocument } from './parsed-document.js';
import { markdownFor } from './parser.js';
import { sidenoteCopies } from './sidenotes.js';

export interface ResolvedImage {
  url: string;
  width: number;
  height: number;
}

export interface BodyEnv extends Env {
  /** Maps an image's Markdown src to where this format finds it. */
  resolveImage: (src: string) => ResolvedImage;
  labels: {
    footnotes: string;
    backToText: string;
    /** The callouts' titles, by kind (callouts.ts). */
    callouts?: Partial<Record<CalloutKind, string>>;
  };
  /** "Figure {n}", "Table {n}", "Equation {n}" in the edition's language (crossrefs.ts). */
  crossrefLabels?: Partial<Record<'fig' | 'tbl' | 'eq', string>>;
  /** The bibliography's heading in the edition's language (cite-render.ts). */
  referencesHeading?: string;
  /**
   * The edition the body is for. 'html' writes HTML void elements (`<img>`, not `<img />`)
   * and a margin copy of each note (sidenotes.ts); 'pdf' also leaves out the DPUB roles on
   * footnotes, which Chromium's PDF tagger turns into untyped /NonStruct elements (list
   * items and links lose their /LI and /Link); 'epub' writes the notes as footnote asides
   * (note-markup.ts). Without it the body is XHTML-compatible, with the notes as a list.
   */
  format?: 'html' | 'pdf' | 'epub';
}

export function renderBody(doc: ParsedDocument, env: BodyEnv): string {
  const md = markdownFor(doc.lang);
  // Void elements as XHTML (`<br />`) for the EPUB, as HTML (`<br>`) for the other editions.
  const xhtmlOut = env.format !== 'html' && env.format !== 'pdf';
  const options = { ...md.options, xhtmlOut };
  const noteEnv: NoteEnv = { ...env, joinReferences: /^(zh|ja)(-|$)/i.test(doc.lang) };
  if (env.format === 'html') noteEnv.sidenotes = sidenoteCopies(md, doc.tokens, options, env);
  const tokens = env.format === 'epub' ? noteAnchorsFirst(doc.tokens) : doc.tokens;
  return md.renderer.render(tokens, options, noteEnv);
}
