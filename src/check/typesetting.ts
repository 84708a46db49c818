/** What the typesetting of the editions can do for each language: a note where it falls short. Pure. */
import type { EditionSource } from '../article/load.js';
import { patternsName } from '../typeset/hyphenate.js';
import { type Finding, finding } from './findings.js';

export function checkTypesetting(editions: EditionSource[]): Finding[] {
  return editions
    .filter((edition) => patternsName(edition.lang) === undefined)
    .map((edition) =>
      finding(
        'hyphenation-unavailable',
        { file: edition.file, line: 1 },
        `there are no hyphenation patterns for "${edition.lang}": its PDF is set without hyphenation`,
        'nothing to fix; write the file under the tag of a language variant that has patterns if there is one (the hyphen package lists them)',
      ),
    );
}
