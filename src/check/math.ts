/**
 * Formulas: each one's TeX can be set (math-tex), and the editions of one article set the
 * same formulas, in the same order (structure-math): each edition is
 * compared with the first, like the figures and headings (structure.ts). Only the words a
 * formula carries in `\text{…}` (and `\mbox`, `\textrm`…) may differ, and its spacing: a
 * translator translates those and leaves the math as it is. Pure.
 */
import type { Article, EditionSource } from '../article/load.js';
import { type Finding, finding } from './findings.js';
import { compare, type Item } from './structure.js';

/**
 * TeX that temml cannot read, at the formula's line, with temml's message. (A page shown
 * anyway, by the preview or with the rule turned down, has the TeX as written, as code.)
 */
export function checkMathTex(edition: EditionSource): Finding[] {
  return edition.doc.mathProblems.map(({ tex, line, column, message }) =>
    finding(
      'math-tex',
      { file: edition.file, line, column },
      `the TeX ${quote(tex)} cannot be set: ${message}`,
      'correct the TeX between the dollar signs; a dollar sign meant as money is written \\$, or with a space or a figure after the closing one',
    ),
  );
}

function quote(tex: string): string {
  const short = tex.length > 60 ? `${tex.slice(0, 57)}…` : tex;
  return `"${short.replace(/\s+/g, ' ')}"`;
}

export function checkMath(article: Article): Finding[] {
  const [first, ...others] = article.editions;
  if (!first) return [];
  return others.flatMap((edition) =>
    compare(
      formulas(first),
      formulas(edition),
      [first.file, edition.file, edition.doc.firstLine ?? 1],
      {
        rule: 'structure-math',
        noun: 'formula',
        hint: 'every edition has the same formulas in the same order, inline ($…$) or displayed ($$…$$) alike; translate the words in \\text{…}, keep the math',
      },
    ),
  );
}

function formulas(edition: EditionSource): Item[] {
  return edition.doc.math.map((m) => ({
    key: `${m.display ? '$$' : '$'}${mathOnly(m.tex)}`,
    label: m.display ? `$$${m.tex}$$` : `$${m.tex}$`,
    at: { file: edition.file, line: m.line, column: m.column },
  }));
}

/** The TeX without its spacing and without the words of its text boxes (no nested braces). */
function mathOnly(tex: string): string {
  return tex.replace(/\\(?:text\w*|mbox|mathrm)\s*\{[^{}]*\}/g, '\\text{}').replace(/\s+/g, '');
}
