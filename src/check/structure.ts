/**
 * The editions of one article have the same skeleton: the same image files in the same
 * order, the same heading levels in the same order, as many footnotes and tables. Each
 * edition is compared with the source edition (source.ts), else the first in file-name
 * order; the first difference of each
 * kind is reported, naming both files and lines. Pure.
 */
import type { Article, EditionSource } from '../article/load.js';
import { type Finding, finding, type Place, where } from './findings.js';
import type { RuleId } from './rules.js';

export interface Item {
  /** What must be equal between editions. */
  key: string;
  /** How to show it in a message. */
  label: string;
  at: Place;
}

export interface Sequence {
  rule: RuleId;
  /** "figure", "heading" */
  noun: string;
  hint: string;
}

const LIST_LIMIT = 8;

export function checkStructure(article: Article): Finding[] {
  const [first, ...others] = article.editions;
  if (!first) return [];
  const images = (e: EditionSource): Item[] =>
    e.doc.images.map((i) => {
      const key = article.imagePaths.get(i.src) ?? i.src;
      return { key, label: key, at: { file: e.file, line: i.line, column: i.column } };
    });
  const headings = (e: EditionSource): Item[] =>
    e.doc.headings.map((h) => ({
      key: String(h.level),
      label: `${'#'.repeat(h.level)} ${h.text}`,
      at: { file: e.file, line: h.line },
    }));
  return others.flatMap((edition) => [
    ...compare(
      images(first),
      images(edition),
      [first.file, edition.file, edition.doc.firstLine ?? 1],
      {
        rule: 'structure-figures',
        noun: 'figure',
        hint: 'every edition shows the same image files in the same order; translate the alt text and caption, not the figure',
      },
    ),
    ...compare(
      headings(first),
      headings(edition),
      [first.file, edition.file, edition.doc.firstLine ?? 1],
      {
        rule: 'structure-headings',
        noun: 'heading',
        hint: 'every edition has the same heading levels in the same order (## and ### alike); translate the words, keep the structure',
      },
    ),
    ...count(first, edition, 'footnote', (e) => e.doc.footnoteLines),
    ...count(first, edition, 'table', (e) => e.doc.tableLines),
  ]);
}

/** The first place where two sequences differ, as one finding. */
export function compare(
  ref: Item[],
  items: Item[],
  [refFile, file, firstLine]: [string, string, number],
  seq: Sequence,
): Finding[] {
  const k = firstDifference(ref, items);
  if (k === undefined) return [];
  const mine = items[k];
  const theirs = ref[k];
  const hint = `${seq.hint}. ${refFile} has ${list(ref)}; ${file} has ${list(items)}`;
  const nth = `${seq.noun} ${k + 1}`;
  if (mine && theirs) {
    return [
      finding(
        seq.rule,
        mine.at,
        `${nth} is ${quote(mine.label)} here but ${quote(theirs.label)} at ${where(theirs.at)}`,
        hint,
      ),
    ];
  }
  if (theirs) {
    const last = items[items.length - 1];
    return [
      finding(
        seq.rule,
        last?.at ?? { file, line: firstLine },
        `${nth} of ${ref.length}, ${quote(theirs.label)} at ${where(theirs.at)}, is missing here (${file} has ${plural(items.length, seq.noun)})`,
        hint,
      ),
    ];
  }
  const extra = mine as Item;
  return [
    finding(
      seq.rule,
      extra.at,
      `${nth}, ${quote(extra.label)}, is not in ${refFile}, which has ${plural(ref.length, seq.noun)}`,
      hint,
    ),
  ];
}

function firstDifference(a: Item[], b: Item[]): number | undefined {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i]?.key !== b[i]?.key) return i;
  return undefined;
}

/** Footnotes and tables: the same number in each edition, with the lines of each listed. */
function count(
  first: EditionSource,
  edition: EditionSource,
  noun: 'footnote' | 'table',
  lines: (e: EditionSource) => number[],
): Finding[] {
  const a = lines(first);
  const b = lines(edition);
  if (a.length === b.length) return [];
  const line = b[Math.min(a.length, b.length)] ?? b[b.length - 1] ?? edition.doc.firstLine ?? 1;
  return [
    finding(
      noun === 'footnote' ? 'structure-footnotes' : 'structure-tables',
      { file: edition.file, line },
      `this edition has ${plural(b.length, noun)}${at(b)} but ${first.file} has ${plural(a.length, noun)}${at(a)}`,
      `every edition has the same ${noun}s; translate each ${noun} rather than adding or leaving one out`,
    ),
  ];
}

function at(lines: number[]): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, LIST_LIMIT).join(', ');
  return ` (line${lines.length > 1 ? 's' : ''} ${shown}${lines.length > LIST_LIMIT ? ', …' : ''})`;
}

function list(items: Item[]): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, LIST_LIMIT).map((i) => quote(i.label));
  return `${shown.join(', ')}${items.length > LIST_LIMIT ? `, … (${items.length} in all)` : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return `"${short}"`;
}
