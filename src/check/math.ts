/**
 * The editions of one article set the same formulas, in the same order: each edition is
 * compared with the first, like the figures and headings (structure.ts). Only the words a
 * formula carries in `\text{…}` (and `\mbox`, `\textrm`…) may differ, and its spacing: a
 * translator translates those and leaves the math as it is. Pure.
 */
import type { Article, EditionSource } from '../article/load.js';
import type { Finding } from './findings.js';
import { compare, type Item } from './structure.js';

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
