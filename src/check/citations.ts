/**
 * Citations and cross-references: every key cited is in the edition's bibliography
 * (cite-unknown), every `@fig:…` names a label of the edition (xref-missing), no label is
 * set twice (xref-duplicate); and the editions of one article cite the same works in the
 * same order (structure-citations) and label the same figures, tables and equations
 * (structure-labels), each compared with the first, like the figures (structure.ts). Pure.
 */
import type { Article, EditionSource } from '../article/load.js';
import { editDistance } from '../edit-distance.js';
import { type Finding, finding } from './findings.js';
import { compare, type Item } from './structure.js';

export function checkCitations(edition: EditionSource): Finding[] {
  const { doc, file } = edition;
  const findings: Finding[] = [];
  const keys = doc.bibliographyKeys;
  if (keys) {
    const known = new Set(keys);
    for (const citation of doc.citations) {
      for (const key of citation.keys.filter((k) => !known.has(k))) {
        findings.push(
          finding(
            'cite-unknown',
            { file, line: citation.line, column: citation.column },
            `"${key}" is not a key of the bibliography${didYouMean(key, keys)}`,
            `cite a work by the key its entry has in ${edition.meta.bibliography ?? 'the bibliography'} (@book{key, …}, or "id" in CSL JSON), or add the work there`,
          ),
        );
      }
    }
  }
  const locale = doc.citationLocale;
  if (locale && primary(locale) !== primary(edition.lang)) {
    findings.push(
      finding(
        'cite-locale-unavailable',
        { file, line: 1 },
        `there is no CSL locale for "${edition.lang}": its citations and bibliography use the terms of ${locale} ("and", "p.", "n.d.")`,
        `nothing to fix; a csl: style with a <locale xml:lang="${primary(edition.lang)}"> of its own sets those terms in the language`,
      ),
    );
  }
  const labels = doc.labels.map((l) => l.label);
  for (const ref of doc.crossrefs.filter((r) => !r.found)) {
    findings.push(
      finding(
        'xref-missing',
        { file, line: ref.line, column: ref.column },
        `no figure, table or equation is labelled "${ref.label}"${didYouMean(ref.label, labels)}`,
        "label what you refer to: {#fig:name} after a figure's image, {#tbl:name} on the line after a table, {#eq:name} after a formula's closing $$",
      ),
    );
  }
  const seen = new Map<string, number>();
  for (const label of doc.labels) {
    const first = seen.get(label.label);
    if (first === undefined) seen.set(label.label, label.line);
    else {
      findings.push(
        finding(
          'xref-duplicate',
          { file, line: label.line },
          `the label "${label.label}" is set twice (also at line ${first})`,
          'give each figure, table and equation its own label',
        ),
      );
    }
  }
  return findings;
}

function primary(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? tag;
}

function didYouMean(word: string, candidates: string[]): string {
  let best: string | undefined;
  let distance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of new Set(candidates)) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < distance) [best, distance] = [candidate, d];
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

export function checkCitationStructure(article: Article): Finding[] {
  const [first, ...others] = article.editions;
  if (!first) return [];
  const citations = (e: EditionSource): Item[] =>
    e.doc.citations.map((c) => ({
      key: c.keys.join(';'),
      label: c.keys.map((k) => `@${k}`).join('; '),
      at: { file: e.file, line: c.line, column: c.column },
    }));
  const labels = (e: EditionSource): Item[] =>
    e.doc.labels.map((l) => ({
      key: l.label,
      label: `{#${l.label}}`,
      at: { file: e.file, line: l.line },
    }));
  return others.flatMap((edition) => {
    const files: [string, string, number] = [first.file, edition.file, edition.doc.firstLine ?? 1];
    return [
      ...compare(citations(first), citations(edition), files, {
        rule: 'structure-citations',
        noun: 'citation',
        hint: 'every edition cites the same works in the same order; translate the sentence around a citation, keep its keys',
      }),
      ...compare(labels(first), labels(edition), files, {
        rule: 'structure-labels',
        noun: 'label',
        hint: 'every edition labels the same figures, tables and equations, in the same order, with the same {#…} labels',
      }),
    ];
  });
}
