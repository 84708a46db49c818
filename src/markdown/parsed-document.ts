/**
 * What parsing an edition's Markdown gives (document.ts makes it): the tokens, and what the
 * checks, the templates and the preview read off them, each with where it is written.
 */
import type { Token } from 'markdown-it';
import type { CalloutRef } from './callouts.js';
import type { BibliographyEntry } from './cite-format.js';
import type { CitationRef, CrossrefRef } from './cite-refs.js';
import type { CodeProblem, CodeRef } from './code.js';
import type { LabelRef } from './crossrefs.js';
import type { MathProblem, MathRef } from './math.js';
import type { RemovedHtml } from './sanitize.js';

export interface ImageRef {
  src: string;
  alt: string;
  caption: string | undefined;
  /** Line in the Markdown file (1-based). */
  line: number;
  /** Column of the image's "![" in that line (1-based). */
  column: number;
  figure: boolean;
  decorative: boolean;
}

export interface HeadingRef {
  level: number;
  text: string;
  id: string;
  line: number;
}

/** Raw HTML that was removed from an edition, where it was written. */
export interface RawHtmlRemoval extends RemovedHtml {
  line: number;
  column: number;
}

export interface ParsedDocument {
  lang: string;
  /** The file line the Markdown starts on (after the front matter). */
  firstLine?: number;
  tokens: Token[];
  images: ImageRef[];
  headings: HeadingRef[];
  footnotes: number;
  /** Line of each footnote's first reference, in order. */
  footnoteLines: number[];
  tables: number;
  /** Line of each table's header row, in order. */
  tableLines: number[];
  /** Lines where raw HTML appears (it is sanitised when parsed). */
  rawHtmlLines: number[];
  /** Raw HTML the sanitiser removed, with its position. */
  rawHtmlRemoved: RawHtmlRemoval[];
  /** Links whose URL was refused (javascript:, file:, data:…), kept as text. */
  refusedLinks: LinkRef[];
  /** Every link that kept its URL (as markdown-it normalised it), where it is written. */
  links: LinkRef[];
  /** Each formula, in order (set as MathML in its token when its TeX is good). */
  math: MathRef[];
  /** Formulas whose TeX could not be read. */
  mathProblems: MathProblem[];
  /** Each code block, fenced or indented, in order. */
  code: CodeRef[];
  /** Fences whose language is unknown (found when they are highlighted: code.ts). */
  codeProblems: CodeProblem[];
  /** Each callout (`> [!NOTE]`…), in order. */
  callouts: CalloutRef[];
  /** Quotes that open with a `[!WORD]` that names no kind of callout. */
  calloutProblems: CalloutRef[];
  /** Each citation (`[@a; @b]`, `@a`), in reading order. */
  citations: CitationRef[];
  /** Each `@fig:…`, `@tbl:…`, `@eq:…`, in reading order. */
  crossrefs: CrossrefRef[];
  /** The labelled figures, tables and equations, with their numbers and file lines. */
  labels: LabelRef[];
  /** The citation keys of the edition's bibliography file, once it is read. */
  bibliographyKeys?: string[];
  /** The works the edition cites, as its style writes them (src/article/citations.ts). */
  bibliography?: BibliographyEntry[];
  /** The CSL locale its citations were set in (American English where none is shipped). */
  citationLocale?: string;
}

export interface LinkRef {
  href: string;
  line: number;
  column: number;
}
