/**
 * TeX math between `$…$` (inline) and `$$…$$` (display), set at build time as MathML, which
 * Chromium, EPUB 3 reading systems and screen readers read natively: no script at reading time.
 * markdown-it-math finds the delimiters; temml turns the TeX into MathML. Each formula is set
 * once, when the edition is parsed, so that bad TeX is reported at its line before anything is
 * written, and the three formats render the same MathML.
 *
 * temml (half a megabyte of JavaScript) is loaded with the first formula: an article without
 * math never loads it.
 */
import { createRequire } from 'node:module';
import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import mathPlugin from 'markdown-it-math/no-default-renderer';
import type { BodyEnv } from './render-body.js';
import { Cursor } from './source-text.js';

/** A formula of an edition, where it is written. */
export interface MathRef {
  tex: string;
  display: boolean;
  line: number;
  column: number;
}

/** TeX that temml could not read, with its message. */
export interface MathProblem extends MathRef {
  message: string;
}

interface Temml {
  renderToString(tex: string, options: Record<string, unknown>): string;
}

let loaded: Temml | undefined;

function temml(): Temml {
  loaded ??= createRequire(import.meta.url)('temml') as Temml;
  return loaded;
}

/**
 * The formula as MathML: a `<math>` element in the MathML namespace (the EPUB is XHTML), with
 * its TeX kept as an annotation, which assistive technology and copy and paste can read.
 * Throws temml's ParseError on bad TeX.
 */
export function texToMathml(tex: string, display: boolean): string {
  return temml().renderToString(tex, {
    displayMode: display,
    throwOnError: true,
    xml: true,
    annotate: true,
    // \href, \class, \style… stay out: what the TeX writes is ours to trust.
    trust: false,
  });
}

interface MathMeta {
  mathml?: string;
}

/**
 * The math rules. Dollars as currency stay text, by pandoc's rule: the opening `$` is
 * followed by a non-space, the closing one preceded by a non-space and not followed by a
 * digit, so "$5 and $10" and "$5,000 or US$3" are prose.
 */
export function installMath(md: MarkdownIt): void {
  md.use(mathPlugin, {
    // `$$…$$` inside a paragraph is display math too, as in pandoc.
    inlineDelimiters: [['$$', '$$'], '$'],
    blockDelimiters: '$$',
  });
  // Rules of our own rather than the plugin's renderers, which are not given the render env.
  const format = (env: unknown) => (env as BodyEnv | undefined)?.format;
  md.renderer.rules.math_inline = (tokens, idx, _options, env) =>
    formula(tokens[idx], format(env), md);
  md.renderer.rules.math_block = (tokens, idx, _options, env) =>
    `${formula(tokens[idx], format(env), md)}\n`;
  closedBlocksOnly(md);
  const ruler = md.inline.ruler;
  const inline = ruler.__rules__[ruler.__find__('math_inline')]?.fn;
  if (!inline) throw new Error('markdown-it-math did not add its inline rule');
  ruler.at('math_inline', (state: StateInline, silent: boolean) => {
    const start = state.pos;
    if (!inline(state, true)) return false;
    const end = state.pos;
    state.pos = start;
    const after = state.src.charCodeAt(end);
    if (after >= 0x30 && after <= 0x39) return false;
    if (escapedClose(state.src, start, end)) return false;
    return inline(state, silent);
  });
}

/**
 * markdown-it-math closes a `$$` block left open at the end of the document (or of its list
 * item, quote or note): a line that starts with "$$" but opens no formula would turn all the
 * text after it into one. Here a block is math only when its closing `$$` is written.
 */
function closedBlocksOnly(md: MarkdownIt): void {
  const ruler = md.block.ruler;
  const block = ruler.__rules__[ruler.__find__('math_block')]?.fn;
  if (!block) throw new Error('markdown-it-math did not add its block rule');
  ruler.at(
    'math_block',
    (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
      const tokens = state.tokens.length;
      if (!block(state, startLine, endLine, false)) return false;
      const last = state.line - 1;
      const text = (line: number) => state.src.slice(state.bMarks[line], state.eMarks[line]).trim();
      const closed =
        text(last).endsWith('$$') &&
        (last > startLine || text(startLine).slice(2).trim().endsWith('$$'));
      if (closed && !silent) return true;
      state.tokens.length = tokens;
      state.line = startLine;
      return closed;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
}

/**
 * Whether the dollar that would close a formula is written `\$` (a dollar sign, for the
 * writer): "$4.50 \$" is then prose, not the formula "4.50 \".
 */
function escapedClose(src: string, start: number, end: number): boolean {
  let close = end;
  while (close > start + 1 && src[close - 1] === '$') close -= 1;
  let backslashes = 0;
  while (src[close - 1 - backslashes] === '\\') backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * The formula's MathML. Chromium tags MathML in a PDF as untyped /NonStruct elements, with no
 * alternative text; there each formula is wrapped as an image whose label is its TeX, which
 * Chromium writes as a /Figure with /Alt. HTML and EPUB readers read the MathML itself.
 */
function formula(token: Token | undefined, format: BodyEnv['format'], md: MarkdownIt): string {
  if (!token) return '';
  const meta = token.meta as MathMeta | null;
  const mathml = meta?.mathml ?? texToMathml(token.content, isDisplay(token));
  if (format !== 'pdf') return mathml;
  const label = md.utils.escapeHtml(token.content.replace(/\s+/g, ' ').trim());
  const display = isDisplay(token) ? ' class="math-display"' : '';
  return `<span role="img"${display} aria-label="${label}">${mathml}</span>`;
}

function isDisplay(token: Token): boolean {
  return token.type === 'math_block' || token.markup === '$$';
}

/**
 * Sets a formula (a `math_block` token, or a `math_inline` one found with `cursor` in its
 * block) as MathML into its token's meta; records it, or what is wrong with its TeX.
 */
export function setFormula(
  token: Token,
  where: { line: number } | Cursor,
  found: { math: MathRef[]; mathProblems: MathProblem[] },
): void {
  const display = isDisplay(token);
  const at =
    where instanceof Cursor ? formulaPosition(token, where) : { line: where.line, column: 1 };
  const ref: MathRef = { tex: token.content, display, ...at };
  found.math.push(ref);
  try {
    token.meta = { ...token.meta, mathml: texToMathml(token.content, display) };
  } catch (error) {
    // The build stops at the problem (src/article/math-problems.ts); a page that is shown
    // anyway (the preview) shows the TeX as it is written.
    const written = `${token.markup}${token.content}${token.markup}`;
    token.meta = { ...token.meta, mathml: `<code>${escapeHtml(written)}</code>` };
    const message = error instanceof Error ? error.message : String(error);
    found.mathProblems.push({ ...ref, message: temmlMessage(message) });
  }
}

/** temml's message without its name and the copy of the TeX it underlines with combining marks. */
function temmlMessage(message: string): string {
  const text = message.replace(/^\s*ParseError:\s*/, '').trim();
  return /^([\s\S]*?(?:at position \d+|at end of input))(?::[\s\S]*)?$/.exec(text)?.[1] ?? text;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Where an inline formula is written: its delimiter and first word, else its delimiter. */
function formulaPosition(token: Token, cursor: Cursor) {
  const firstWord = token.content.split(/\s/)[0] ?? '';
  return cursor.find(`${token.markup}${firstWord}`) ?? cursor.next(token.markup);
}
