/**
 * The edition the others are compared with: the one whose language a file names with
 * `source:` (the language the article was written in), else the first in file-name order.
 * A `source` naming a language the article does not have, or files naming different ones,
 * is a finding at the line that says it. Pure.
 */
import type { EditionSource } from '../article/load.js';
import { editDistance } from '../edit-distance.js';
import { type Finding, finding, type Place, where } from './findings.js';

export interface Reference {
  /** The editions with the reference first, the others in their order. */
  editions: EditionSource[];
  findings: Finding[];
}

function sourcePlace(edition: EditionSource): Place {
  const at = edition.meta.locations?.source;
  return { file: edition.file, line: at?.line ?? 1, column: at?.column ?? 1 };
}

export function sourceFirst(editions: EditionSource[]): Reference {
  const findings: Finding[] = [];
  const langs = editions.map((e) => e.lang);
  let reference: { edition: EditionSource; by: EditionSource } | undefined;
  for (const edition of editions) {
    const named = edition.meta.source;
    if (named === undefined) continue;
    const source = editions.find((e) => e.lang.toLowerCase() === named.toLowerCase());
    if (!source) {
      findings.push(unknownSource(edition, named, langs));
    } else if (!reference) {
      reference = { edition: source, by: edition };
    } else if (reference.edition !== source) {
      findings.push(
        finding(
          'front-matter-source',
          sourcePlace(edition),
          `source "${named}" differs from "${reference.edition.lang}" in ${where(sourcePlace(reference.by))}`,
          'name the same source language in every file that names one',
        ),
      );
    }
  }
  const first = reference?.edition ?? editions[0];
  if (!first) return { editions, findings };
  return { editions: [first, ...editions.filter((e) => e !== first)], findings };
}

function unknownSource(edition: EditionSource, named: string, langs: string[]): Finding {
  const near = langs
    .map((lang) => ({ lang, d: editDistance(named.toLowerCase(), lang.toLowerCase()) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  return finding(
    'front-matter-source',
    sourcePlace(edition),
    `source "${named}" is not a language of this article (${langs.join(', ')})`,
    near
      ? `did you mean "${near.lang}"?`
      : `name the language of one of the article's files (${langs.map((l) => `${l}.md`).join(', ')})`,
  );
}
