/**
 * Labelled figures, tables and equations, numbered in their edition and referred to by
 * label: `![…](map.png "Caption"){#fig:map}`, a table followed by `{#tbl:data}`, a display
 * formula closed by `$$ {#eq:energy}`; `@fig:map` then reads "Figure 2" ("Figura 2" in
 * Italian, from the labels files), linked to the figure, whose caption starts with its
 * number. Only labelled items are numbered, each kind on its own, in reading order.
 */
import type { MarkdownIt, RendererRule, StateBlock, StateCore, Token } from 'markdown-it';
import type { CrossrefMeta, LabelKind } from './citations.js';
import type { BodyEnv } from './render-body.js';

/** A label of an edition, where it is set (0-based line of the Markdown body). */
export interface LabelRef {
  label: string;
  kind: LabelKind;
  number: number;
  line: number;
}

export interface CrossrefEnv {
  labels?: LabelRef[];
}

interface Numbered {
  crossref?: { kind: LabelKind; number: number };
  eqLabel?: string;
}

const LABELLED_CLOSE = /\$\$[ \t]*\{#(eq:[^\s{}]+)\}[ \t]*$/;

export function installCrossrefs(md: MarkdownIt): void {
  labelledEquations(md);
  md.core.ruler.push('crossref_numbers', numberLabels);
  const rules = md.renderer.rules;
  rules.crossref = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    const meta = token?.meta as CrossrefMeta | undefined;
    if (!token || !meta) return '';
    const escapeHtml = md.utils.escapeHtml;
    if (meta.number === undefined) return escapeHtml(token.content);
    const text = labelText(meta.kind, meta.number, env as BodyEnv);
    return `<a class="xref" href="#${escapeHtml(meta.label)}">${escapeHtml(text)}</a>`;
  };
  rules.figcaption_open = (tokens, idx, _options, env) => {
    const numbered = (tokens[idx]?.meta as Numbered | null)?.crossref;
    if (!numbered) return '<figcaption>';
    const text = md.utils.escapeHtml(labelText(numbered.kind, numbered.number, env as BodyEnv));
    // A figure with a label and no caption is captioned with its number alone.
    if (tokens[idx + 1]?.type === 'figcaption_close') return `<figcaption>${text}`;
    return `<figcaption><span class="label">${text}:</span> `;
  };
  const table = rules.table_open ?? defaultRule;
  rules.table_open = (tokens, idx, options, env, self) => {
    const html = table(tokens, idx, options, env, self);
    const numbered = (tokens[idx]?.meta as Numbered | null)?.crossref;
    if (!numbered) return html;
    const text = labelText(numbered.kind, numbered.number, env as BodyEnv);
    return `${html}<caption>${md.utils.escapeHtml(text)}</caption>\n`;
  };
  const math = rules.math_block;
  if (!math) throw new Error('the math rules must be installed before the cross-references');
  rules.math_block = (tokens, idx, options, env, self) => {
    const html = math(tokens, idx, options, env, self);
    const token = tokens[idx];
    const meta = token?.meta as Numbered | null;
    if (!meta?.crossref || !meta.eqLabel) return html;
    const id = md.utils.escapeHtml(meta.eqLabel);
    const number = `<span class="equation-number">(${meta.crossref.number})</span>`;
    return `<div class="equation" id="${id}">${html.trimEnd()}${number}</div>\n`;
  };
}

const defaultRule: RendererRule = (tokens, idx, options, _env, self) =>
  self.renderToken(tokens, idx, options);

/** "Figure 2", from the edition's labels ("Figure {n}"), English when it has none. */
function labelText(kind: LabelKind, number: number, env: BodyEnv | undefined): string {
  const english = { fig: 'Figure {n}', tbl: 'Table {n}', eq: 'Equation {n}' }[kind];
  const label = env?.crossrefLabels?.[kind] ?? english;
  // "Table" is never left at the end of a line without its number.
  return label.replace(/ \{n\}/, '\u00a0{n}').replace('{n}', String(number));
}

/**
 * A display formula's label is written after its closing `$$`. The math rule is shown the
 * line without it (its end moved back for the call), and the label kept in the token.
 */
function labelledEquations(md: MarkdownIt): void {
  const ruler = md.block.ruler;
  const block = ruler.__rules__[ruler.__find__('math_block')]?.fn;
  if (!block) throw new Error('the math rules must be installed before the cross-references');
  ruler.at(
    'math_block',
    (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
      const start = state.bMarks[startLine] ?? 0;
      if (state.src.slice(start + (state.tShift[startLine] ?? 0), start + 2) !== '$$') {
        return block(state, startLine, endLine, silent);
      }
      const close = labelledClose(state, startLine, endLine);
      if (!close) return block(state, startLine, endLine, silent);
      const end = state.eMarks[close.line] ?? 0;
      state.eMarks[close.line] = close.end;
      const tokens = state.tokens.length;
      let found: boolean;
      try {
        found = block(state, startLine, endLine, silent);
      } finally {
        state.eMarks[close.line] = end;
      }
      const token = state.tokens[tokens];
      if (found && !silent && token?.type === 'math_block' && state.line === close.line + 1) {
        token.meta = { ...token.meta, eqLabel: close.label } satisfies Numbered;
      }
      return found;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
}

/** The line that closes the formula starting at `startLine`, when it carries a label. */
function labelledClose(state: StateBlock, startLine: number, endLine: number) {
  for (let line = startLine; line < endLine; line++) {
    const from = (state.bMarks[line] ?? 0) + (line === startLine ? 2 : 0);
    const text = state.src.slice(from, state.eMarks[line]);
    const match = LABELLED_CLOSE.exec(text);
    if (match?.[1]) {
      return { line, label: match[1], end: from + (match.index ?? 0) + 2 };
    }
    if (text.trimEnd().endsWith('$$')) return undefined;
  }
  return undefined;
}

/** Numbers each kind of labelled item in reading order and gives each reference its number. */
function numberLabels(state: StateCore): void {
  const labels: LabelRef[] = [];
  const counts: Record<LabelKind, number> = { fig: 0, tbl: 0, eq: 0 };
  const add = (token: Token, kind: LabelKind, label: string, line: number) => {
    counts[kind] += 1;
    const crossref = { kind, number: counts[kind] };
    token.meta = { ...token.meta, crossref };
    labels.push({ label, kind, number: counts[kind], line });
    return crossref;
  };
  let line = 0;
  state.tokens.forEach((token, i) => {
    if (token.map) line = token.map[0];
    if (token.type === 'table_open') {
      const id = String(token.attrGet('id') ?? '');
      if (id.startsWith('tbl:')) add(token, 'tbl', id, line);
    } else if (token.type === 'math_block') {
      const label = (token.meta as Numbered | null)?.eqLabel;
      // The id is written by the math_block rule below; as an attribute the checks see it.
      if (label) token.attrSet('id', label);
      if (label) add(token, 'eq', label, line);
    } else if (token.type === 'figure_open') {
      numberFigure(token, state.tokens[i + 1], (label) => add(token, 'fig', label, line), state);
    }
  });
  const byLabel = new Map(labels.map((l) => [l.label, l]));
  for (const token of state.tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== 'crossref') continue;
      const meta = child.meta as CrossrefMeta;
      const target = byLabel.get(meta.label);
      if (target && target.kind === meta.kind) meta.number = target.number;
    }
  }
  (state.env as CrossrefEnv).labels = labels;
}

/**
 * markdown-it-attrs puts a figure's `{#fig:…}` on its image: the id moves to the figure,
 * and its caption (one made for it, when the image has no title) starts with the number.
 */
function numberFigure(
  figure: Token,
  inline: Token | undefined,
  add: (label: string) => Numbered['crossref'],
  state: StateCore,
): void {
  const children = inline?.children ?? [];
  const image = children.find((child) => child.type === 'image');
  const id = String(image?.attrGet('id') ?? '');
  if (!image || !id.startsWith('fig:')) return;
  image.attrs = image.attrs?.filter(([name]) => name !== 'id') ?? null;
  figure.attrSet('id', id);
  const crossref = add(id);
  let caption = children.find((child) => child.type === 'figcaption_open');
  if (!caption) {
    caption = new state.Token('figcaption_open', 'figcaption', 1);
    children.push(caption, new state.Token('figcaption_close', 'figcaption', -1));
  }
  caption.meta = { ...caption.meta, crossref };
}
