/**
 * What drifts apart between translations: text left untranslated (alt text, title),
 * front matter that must agree (the authors, the date) and identifiers that must not. Each
 * edition is compared with the first one given, the source edition (source.ts), or with
 * every earlier one for identifiers, and findings name both files. Pure.
 */
import type { EditionSource } from '../article/load.js';
import type { ImageRef } from '../markdown/parsed-document.js';
import { normalize } from './alt-text.js';
import { type Finding, finding, type Place, where } from './findings.js';

export function checkTranslations(editions: EditionSource[]): Finding[] {
  const [first, ...others] = editions;
  if (!first) return [];
  return [
    ...untranslatedAlt(editions),
    ...ownIdentifier(editions),
    ...editions.flatMap(idPerAuthor),
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
  // Each edition's alt texts, normalised once: a long article has hundreds of images, and
  // comparing each with every earlier one would normalise them again and again.
  const alts = editions.map((e) => {
    const first = new Map<string, ImageRef>();
    for (const i of e.doc.images) {
      const alt = normalize(i.alt);
      if (!i.decorative && !first.has(alt)) first.set(alt, i);
    }
    return first;
  });
  editions.forEach((edition, index) => {
    const earlier = editions
      .slice(0, index)
      .flatMap((e, k) => (primary(e.lang) !== primary(edition.lang) ? [{ e, k }] : []));
    for (const image of edition.doc.images) {
      const alt = normalize(image.alt);
      if (image.decorative || !/\s/.test(alt)) continue;
      const twin = earlier
        .map(({ e, k }) => ({ e, i: alts[k]?.get(alt) }))
        .find((t): t is { e: EditionSource; i: ImageRef } => t.i !== undefined);
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

/**
 * The same people wrote every edition, but a name may be spelt in each language's own way
 * (Сильвия Контичелли, 西尔维娅): the editions agree on the number of authors, and on their
 * `author-id`s when either gives them.
 */
function sameAuthor(first: EditionSource, edition: EditionSource): Finding[] {
  const ids = (e: EditionSource) => (e.meta.authorIds ?? []).join(', ');
  const place = (e: EditionSource) =>
    keyPlace(e, e.meta.authorIds?.length ? 'author-id' : 'author');
  if (first.meta.authorIds?.length || edition.meta.authorIds?.length) {
    if (ids(first) === ids(edition)) return [];
    const message = !edition.meta.authorIds?.length
      ? `the front matter has no author-id, but ${where(place(first))} has "${ids(first)}"`
      : !first.meta.authorIds?.length
        ? `author-id "${ids(edition)}" is not in ${first.file}, which has none`
        : `author-id "${ids(edition)}" differs from "${ids(first)}" in ${where(place(first))}`;
    return [
      finding(
        'front-matter-author',
        place(edition),
        message,
        'write the same author-id (one per author, in the same order) in every edition',
      ),
    ];
  }
  const a = first.meta.authors;
  const b = edition.meta.authors;
  if (a.length === b.length) return [];
  return [
    finding(
      'front-matter-author',
      keyPlace(edition, 'author'),
      `${countOf(b.length)} (${b.join(', ')}) but ${where(keyPlace(first, 'author'))} has ${a.length} (${a.join(', ')})`,
      'name the same authors in every edition, each spelt as the language writes the name; a translation names its translator with "translator:"',
    ),
  ];
}

const countOf = (n: number) => (n === 1 ? '1 author' : `${n} authors`);

/** An author-id stands for one author: a file gives one per name, in the same order. */
function idPerAuthor(edition: EditionSource): Finding[] {
  const { authors, authorIds = [] } = edition.meta;
  if (authorIds.length === 0 || authorIds.length === authors.length) return [];
  return [
    finding(
      'front-matter-author',
      keyPlace(edition, 'author-id'),
      `${authorIds.length} author-id for ${countOf(authors.length)}`,
      'give one author-id per author, in the order of "author:"',
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
