/**
 * The data every template sees for one edition in one format. Pure. Every string from the
 * front matter is typeset here, once, so the page, the PDF's running heads, Info and XMP,
 * the EPUB's metadata and cover, and the other editions' links all read the same.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { endonym, formatDate } from '../article/language.js';
import type { Article, EditionSource } from '../article/load.js';
import { BIBLIOGRAPHY_ID } from '../markdown/cite-render.js';
import type { HeadingRef } from '../markdown/parsed-document.js';
import { typograph } from '../typeset/typography.js';
import { chooseLabels, type LabelFile, type Labels } from './labels.js';

export type Format = 'html' | 'pdf' | 'epub';
export const FORMATS: readonly Format[] = ['html', 'pdf', 'epub'];

export interface Target {
  lang: string;
  format: Format;
  /** Absolute output path of the edition file. */
  path: string;
}

export interface Alternate {
  lang: string;
  name: string;
  title: string;
  href: string;
}

export interface PageModel {
  lang: string;
  dir: 'ltr' | 'rtl';
  format: Format;
  title: string;
  subtitle: string | undefined;
  authors: string[];
  translators: string[];
  /** Publication date, and the date it was last revised, each as ISO and as the language writes it. */
  date: string | undefined;
  dateText: string | undefined;
  updated: string | undefined;
  updatedText: string | undefined;
  year: string | undefined;
  description: string | undefined;
  keywords: string[];
  publisher: string | undefined;
  rights: string | undefined;
  notes: string[];
  labels: Labels;
  alternates: Alternate[];
  /** The sections (h2), each with its subsections (h3): the EPUB's navigation, the contents list. */
  toc: TocEntry[];
  /** Whether the page (HTML, PDF) opens with a contents list; see `wantsContents`. */
  contents: boolean;
  /** Whether the edition has a bibliography or labelled figures, tables or equations. */
  references: boolean;
  identifier: string;
  modified: string;
  generator: string;
}

export interface TocEntry {
  id: string;
  text: string;
  /** Its place among all entries in reading order, from 1 (the NCX's playOrder). */
  order: number;
  children: TocEntry[];
}

/**
 * From how many sections (h2) on an article gets a contents list without asking: an essay
 * of six sections is read in parts and returned to, while for fewer a list would only
 * repeat what a glance down the page shows.
 */
export const CONTENTS_MIN_SECTIONS = 6;

/** h2 as entries, each h3 under the h2 before it (at the top before the first h2); h1, h4–h6 left out. */
export function tocEntries(headings: readonly HeadingRef[]): TocEntry[] {
  const entries: TocEntry[] = [];
  let order = 0;
  let section: TocEntry | undefined;
  for (const { level, id, text } of headings) {
    if (level !== 2 && level !== 3) continue;
    const entry: TocEntry = { id, text, order: ++order, children: [] };
    if (level === 3 && section) section.children.push(entry);
    else entries.push(entry);
    if (level === 2) section = entry;
  }
  return entries;
}

/** `toc:` as the front matter sets it, else whether the article has CONTENTS_MIN_SECTIONS sections. */
export function wantsContents(toc: boolean | undefined, headings: readonly HeadingRef[]): boolean {
  return toc ?? headings.filter((h) => h.level === 2).length >= CONTENTS_MIN_SECTIONS;
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv']);

export function slugFor(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) return fallback;
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60);
}

/** `<out>/<lang>/<slug>.<format>` for every edition asked for. */
export function planTargets(
  article: Article,
  outDir: string,
  langs: string[],
  formats: readonly Format[],
): Target[] {
  return article.editions
    .filter((e) => langs.includes(e.lang))
    .flatMap((e) =>
      formats.map((format) => ({
        lang: e.lang,
        format,
        path: editionPath(article, e, outDir, format),
      })),
    );
}

export function editionPath(
  article: Article,
  edition: EditionSource,
  outDir: string,
  format: Format,
) {
  return path.resolve(
    outDir,
    edition.lang,
    `${slugFor(edition.meta.title, article.name)}.${format}`,
  );
}

export interface ModelInput {
  article: Article;
  edition: EditionSource;
  format: Format;
  /** The language's labels, plural ones with all their forms (templates.labels()). */
  labels: LabelFile;
  outDir: string;
  version: string;
  /** SOURCE_DATE_EPOCH, when set: the modification date of every edition. */
  sourceDateEpoch: number | undefined;
}

/**
 * Chromium makes a link annotation only for an absolute URL, and the print page has none
 * to resolve a relative one against. So a PDF's link to another edition is printed as this
 * URL carrying the relative path, which pdf/finish.ts turns into a link to that file.
 */
export const PDF_EDITION_LINK = 'https://build-article.invalid/edition?path=';

function pdfEditionLink(relative: string): string {
  return `${PDF_EDITION_LINK}${encodeURIComponent(relative)}`;
}

export function pageModel(input: ModelInput): PageModel {
  const { article, edition, format, labels } = input;
  const meta = edition.meta;
  const primary = edition.lang.split('-')[0] ?? edition.lang;
  const set = (text: string) => typograph(text, edition.lang);
  const setOptional = (text: string | undefined) => (text === undefined ? undefined : set(text));
  const self = editionPath(article, edition, input.outDir, format);
  // A plural label takes the form for what it counts: the byline, the authors.
  const chosen = chooseLabels(labels, edition.lang, {
    by: meta.authors.length,
    translatedBy: meta.translators.length,
  });
  const toc = withBibliography(tocEntries(edition.doc.headings), edition, chosen);
  const alternates = article.editions
    .filter((e) => e !== edition)
    .map((e) => {
      // A PDF links to the other languages' PDFs, every other edition to their pages.
      const target = editionPath(article, e, input.outDir, format === 'pdf' ? 'pdf' : 'html');
      const href = path.relative(path.dirname(self), target).split(path.sep).join('/');
      return {
        lang: e.lang,
        name: endonym(e.lang),
        title: typograph(e.meta.title, e.lang),
        href: format === 'pdf' ? pdfEditionLink(href) : href,
      };
    });
  return {
    lang: edition.lang,
    dir: RTL.has(primary) ? 'rtl' : 'ltr',
    format,
    title: set(meta.title),
    subtitle: setOptional(meta.subtitle),
    authors: meta.authors.map(set),
    translators: meta.translators.map(set),
    date: meta.date,
    dateText: meta.date ? formatDate(meta.date, edition.lang) : undefined,
    updated: meta.updated,
    updatedText: meta.updated ? formatDate(meta.updated, edition.lang) : undefined,
    year: (meta.date ?? meta.updated)?.slice(0, 4),
    description: setOptional(meta.description),
    keywords: meta.keywords.map(set),
    publisher: setOptional(meta.publisher),
    rights: setOptional(meta.rights),
    notes: meta.notes.map(set),
    labels: chosen,
    alternates,
    toc,
    // `toc: true` on an article without sections has nothing to list.
    contents: wantsContents(meta.toc, edition.doc.headings) && toc.length > 0,
    references: (edition.doc.bibliography?.length ?? 0) > 0 || edition.doc.labels.length > 0,
    identifier:
      meta.identifier ?? identifierFor(meta.authors, meta.date, article.name, edition.lang),
    modified: modifiedDate(edition, input.sourceDateEpoch),
    generator: `build-article ${input.version}`,
  };
}

/** The bibliography, a section after the text's own (cite-render.ts), is listed last. */
function withBibliography(toc: TocEntry[], edition: EditionSource, labels: Labels): TocEntry[] {
  if (!edition.doc.bibliography?.length) return toc;
  const order = toc.reduce((n, entry) => n + 1 + entry.children.length, 0) + 1;
  const text = labels.references ?? 'References';
  return [...toc, { id: BIBLIOGRAPHY_ID, text, order, children: [] }];
}

/** A UUID derived from the article and language, so rebuilding never changes it. */
export function identifierFor(
  authors: string[],
  date: string | undefined,
  name: string,
  lang: string,
): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([authors, date ?? '', name, lang]))
    .digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** ISO date-time without milliseconds: SOURCE_DATE_EPOCH, else the article's last revision or publication, else the file's. */
export function modifiedDate(edition: EditionSource, sourceDateEpoch: number | undefined): string {
  const latest = edition.meta.updated ?? edition.meta.date;
  const seconds =
    sourceDateEpoch ?? (latest ? Date.parse(`${latest}T00:00:00Z`) / 1000 : edition.mtime);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
