/**
 * What drifts apart between translations: text left untranslated (alt text, title),
 * front matter that must agree (author, date) and identifiers that must not. Each edition
 * is compared with the first one (in file-name order), or with every earlier one for
 * identifiers, and findings name both files. Pure.
 */
import type { EditionSource } from '../article/load.js';
import { normalize } from './alt-text.js';
import { type Finding, finding, type Place, where } from './findings.js';

export function checkTranslations(editions: EditionSource[]): Finding[] {
  const [first, ...others] = editions;
  if (!first) return [];
  return [
    ...untranslatedAlt(editions),
    ...ownIdentifier(editions),
    ...others.flatMap((edition) => [
      ...sameAuthor(first, edition),
      ...sameDate(first, edition),
      ...ownTitle(first, edition),
    ]),
  ];
}

function primary(lang: string): string {
  return (lang.split('-')[0] ?? lang).toLowerCase();
}

/** An alt text of several words met again in another language was probably not translated. */
function untranslatedAlt(editions: EditionSource[]): Finding[] {
  const findings: Finding[] = [];
  editions.forEach((edition, index) => {
    const earlier = editions
      .slice(0, index)
      .filter((e) => primary(e.lang) !== primary(edition.lang));
    for (const image of edition.doc.images) {
      const alt = normalize(image.alt);
      if (image.decorative || !/\s/.test(alt)) continue;
      const twin = earlier
        .flatMap((e) => e.doc.images.map((i) => ({ e, i })))
        .find(({ i }) => !i.decorative && normalize(i.alt) === alt);
      if (!twin) continue;
      findings.push(
        finding(
          'alt-untranslated',
          { file: edition.file, line: image.line, column: image.column },
          `alt text of "${image.src}" is the same as in ${where({ file: twin.e.file, line: twin.i.line, column: twin.i.column })}; was it translated?`,
          `write the alt text in the language of ${edition.file} (${edition.lang})`,
        ),
      );
    }
  });
  return findings;
}

function keyPlace(edition: EditionSource, key: string): Place {
  const at = edition.meta.locations?.[key] ?? edition.meta.locations?.title;
  return { file: edition.file, line: at?.line ?? 1, column: at?.column ?? 1 };
}

function sameAuthor(first: EditionSource, edition: EditionSource): Finding[] {
  const a = first.meta.authors;
  const b = edition.meta.authors;
  if (a.length === b.length && a.every((name, i) => name === b[i])) return [];
  return [
    finding(
      'front-matter-author',
      keyPlace(edition, 'author'),
      `author "${b.join(', ')}" differs from "${a.join(', ')}" in ${where(keyPlace(first, 'author'))}`,
      'write the same author in every edition; a translation names its translator with "translator:"',
    ),
  ];
}

function sameDate(first: EditionSource, edition: EditionSource): Finding[] {
  const a = first.meta.date;
  const b = edition.meta.date;
  if (a === b) return [];
  const there = where(keyPlace(first, a === undefined ? 'title' : 'date'));
  const message =
    b === undefined
      ? `the front matter has no date, but ${there} has ${a}`
      : a === undefined
        ? `date ${b} is not in ${first.file}, which has no date`
        : `date ${b} differs from ${a} in ${there}`;
  return [
    finding(
      'front-matter-date',
      keyPlace(edition, 'date'),
      message,
      'write the same date (the date of the article, not of the translation) in every edition',
    ),
  ];
}

/** Two editions with one identifier would be one book to a reading system. */
function ownIdentifier(editions: EditionSource[]): Finding[] {
  return editions.flatMap((edition, index) => {
    const id = edition.meta.identifier;
    const twin = editions.slice(0, index).find((e) => id && e.meta.identifier === id);
    if (!twin) return [];
    return [
      finding(
        'identifier-duplicate',
        keyPlace(edition, 'identifier'),
        `identifier "${id}" is also the identifier of ${where(keyPlace(twin, 'identifier'))}`,
        `give each language its own identifier (each edition has its own ISBN), or remove "identifier:" from ${edition.file} to have one derived from the article`,
      ),
    ];
  });
}

function ownTitle(first: EditionSource, edition: EditionSource): Finding[] {
  if (primary(first.lang) === primary(edition.lang)) return [];
  if (normalize(first.meta.title) !== normalize(edition.meta.title)) return [];
  return [
    finding(
      'title-untranslated',
      keyPlace(edition, 'title'),
      `the title is the same as in ${where(keyPlace(first, 'title'))}; was it translated?`,
      `give ${edition.file} a title in its own language (${edition.lang})`,
    ),
  ];
}
