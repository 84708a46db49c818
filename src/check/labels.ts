/**
 * Whether each edition's words (the byline, the dates, "Notes", the EPUB's accessibility
 * summary…) can be in its language: a language without a labels file, or a file that lacks
 * keys or has them in a form that cannot be used, shows English in their place. The
 * edition still builds; the author learns which file to write.
 */
import type { EditionSource } from '../article/load.js';
import type { LabelStatus } from '../render/labels.js';
import { type Finding, finding } from './findings.js';

const HINT_NEW = (lang: string) =>
  `write templates/labels/${lang}.json (or labels/${lang}.json in a --templates folder) with the keys of templates/labels/en.json, translated`;

export function checkLabels(
  editions: readonly EditionSource[],
  statusOf: (lang: string) => LabelStatus,
): Finding[] {
  return editions.flatMap((edition) => {
    const status = statusOf(edition.lang);
    const at = { file: edition.file, line: 1 };
    if (!status.file) {
      return [
        finding(
          'labels-missing',
          at,
          `there are no labels for "${edition.lang}" (templates/labels/${edition.lang}.json): its editions show the English ones ("Published", "Notes"…)`,
          HINT_NEW(edition.lang),
        ),
      ];
    }
    const found: Finding[] = [];
    if (status.missing.length > 0) {
      found.push(
        finding(
          'labels-missing',
          at,
          `${status.file} has no ${keys(status.missing)}: its editions show English there`,
          `add ${status.missing.length === 1 ? 'it' : 'them'} to ${status.file}, translated (templates/labels/en.json has every key)`,
        ),
      );
    }
    for (const { key, why } of status.invalid) {
      found.push(
        finding(
          'labels-invalid',
          at,
          `the label "${key}" of ${status.file} ${why}: its editions show English there`,
          'write it in the shape templates/labels/en.json gives it: a {placeholder} stays as it is, and a label that depends on a count has one form per plural category of the language (Intl.PluralRules)',
        ),
      );
    }
    return found;
  });
}

function keys(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return `label${names.length === 1 ? '' : 's'} ${quoted.join(', ')}`;
}
