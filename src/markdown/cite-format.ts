/**
 * Citations and the bibliography as a CSL style writes them, in the edition's language:
 * citeproc-js, the CSL processor Zotero and Mendeley use, with the styles citation-js ships
 * (APA by default) and the CSL project's locales as citeproc-locales ships them (54 of
 * them: the terms, "and", "edited by", "retrieved from", in each language). Each citation links every work it names to that
 * work's entry in the bibliography (`#ref-<key>`), in all three formats.
 *
 * citeproc-js (a megabyte of JavaScript) is loaded with the first article that cites:
 * an article without citations never loads it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Token } from 'markdown-it';
import { typographSegments } from '../typeset/typography.js';
import { type CitationMeta, type CiteItem, LOCATOR_LABEL, LOCATOR_LABELS } from './citations.js';
import { referenceId } from './cite-render.js';
import { sanitizeRawHtml } from './sanitize.js';

/** A work of the bibliography as CSL JSON: `id` is its citation key. */
export interface CslItem {
  id: string;
  [field: string]: unknown;
}

export interface BibliographyEntry {
  key: string;
  /** The entry as the style writes it, as HTML (`<i>`, `<b>`, `<sup>`… only). */
  html: string;
}

interface CiteprocEngine {
  rebuildProcessorState(citations: unknown[], format: string): [string, number, string][];
  updateItems(ids: string[]): void;
  makeBibliography(): false | [{ entry_ids: string[][] }, string[]];
  opt: { development_extensions: Record<string, boolean> };
}

interface Citeproc {
  Engine: new (sys: object, style: string, lang: string, forceLang: boolean) => CiteprocEngine;
}

interface Csl {
  citeproc: Citeproc;
  styles: Record<string, string>;
  /** The shipped locales' tags (en-US, it-IT, ar…), each read when first asked for. */
  localeTags: string[];
  locale(tag: string): string | undefined;
}

let loaded: Csl | undefined;

function csl(): Csl {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const dir = require('citeproc-locales') as string;
    const files = new Map(
      readdirSync(dir)
        .map((file) => [/^locales-(.+)\.xml$/.exec(file)?.[1], file] as const)
        .filter((entry): entry is readonly [string, string] => entry[0] !== undefined),
    );
    const cache = new Map<string, string>();
    loaded = {
      citeproc: require('citeproc') as Citeproc,
      styles: require('@citation-js/plugin-csl/lib/styles.json') as Record<string, string>,
      localeTags: [...files.keys()],
      locale: (tag) => {
        const file = files.get(tag);
        if (!file) return undefined;
        if (!cache.has(tag)) cache.set(tag, readFileSync(path.join(dir, file), 'utf8'));
        return cache.get(tag);
      },
    };
  }
  return loaded;
}

/** The style used when the article names none. */
export const DEFAULT_STYLE = 'apa';

export function shippedStyle(name = DEFAULT_STYLE): string {
  const style = csl().styles[name];
  if (!style) throw new Error(`citation-js ships no style "${name}"`);
  return style;
}

/** A language's locale where CSL has several, as the CSL specification names its primary dialects. */
const PRIMARY_DIALECTS: Record<string, string> = {
  de: 'de-DE',
  en: 'en-US',
  es: 'es-ES',
  fr: 'fr-FR',
  nb: 'nb-NO',
  pt: 'pt-PT',
  zh: 'zh-CN',
};

/**
 * The CSL locale for a language tag, among those shipped: the tag itself, else one of the
 * same language ("de" finds de-DE), else American English, whose terms then stand in.
 */
export function cslLocale(lang: string): string {
  const tags = csl().localeTags;
  // Chinese is named by its script here and by its region there.
  const lower = lang
    .toLowerCase()
    .replace(/^zh-hans\b/, 'zh-cn')
    .replace(/^zh-hant\b/, 'zh-tw');
  const primary = lower.split('-')[0];
  return (
    tags.find((tag) => tag.toLowerCase() === lower) ??
    PRIMARY_DIALECTS[primary ?? ''] ??
    tags.find((tag) => tag.toLowerCase().split('-')[0] === primary) ??
    'en-US'
  );
}

/** Marks around each work of a citation, replaced by its link once the style has set it. */
const OPEN = (index: number) => `{{bacite:${index}:`;
const CLOSE = ':bacite}}';
const MARKED = /\{\{bacite:(\d+): ?([\s\S]*?):bacite\}\}/g;

/**
 * Sets each citation token of one edition (in reading order) as the style writes it, into
 * its meta's `html`; returns the edition's bibliography, the works it cites in the style's
 * order, and the CSL locale it was set in. Keys not in `items` are left out (the checks
 * report them).
 */
export function formatCitations(
  citations: Token[],
  items: CslItem[],
  style: string,
  lang: string,
): { entries: BibliographyEntry[]; locale: string } {
  const byKey = new Map(items.map((item) => [item.id, item]));
  const { citeproc, locale: localeXml } = csl();
  const locale = cslLocale(lang);
  const sys = {
    retrieveLocale: (tag: string) => localeXml(tag) ?? localeXml(cslLocale(tag)),
    retrieveItem: (key: string) => byKey.get(key),
  };
  const engine = new citeproc.Engine(sys, style, locale, true);
  engine.opt.development_extensions.wrap_url_and_doi = false;
  const clusters = citations.flatMap((token) => clustersOf(token.meta as CitationMeta, byKey));
  const set = engine.rebuildProcessorState(
    clusters.map((c, i) => ({ ...c.citation, citationID: `c${i}` })),
    'html',
  );
  const byId = new Map(set.map(([id, , html]) => [id, html]));
  const texts = new Map<CitationMeta, string[]>();
  clusters.forEach((cluster, i) => {
    const html = typeset(linked(asRawHtml(byId.get(`c${i}`) ?? ''), cluster.keys), lang);
    texts.set(cluster.meta, [...(texts.get(cluster.meta) ?? []), html]);
  });
  for (const token of citations) {
    const meta = token.meta as CitationMeta;
    meta.html = texts.get(meta)?.join(' ');
  }
  engine.updateItems([...new Set(clusters.flatMap((c) => c.keys))]);
  const bibliography = engine.makeBibliography();
  if (!bibliography) return { entries: [], locale };
  const [params, entries] = bibliography;
  return {
    entries: entries.map((entry, i) => ({
      key: params.entry_ids[i]?.[0] ?? '',
      html: typeset(asRawHtml(entry.replace(/^\s*<div[^>]*>|<\/div>\s*$/g, '').trim()), lang),
    })),
    locale,
  };
}

/**
 * citeproc-js writes italics, bold and small capitals as `<i>`, `<b>` and a styled span;
 * they become what the page styles (em, strong, the small caps of acronyms), and the
 * result passes the raw-HTML allowlist like any HTML in the article.
 */
function asRawHtml(html: string): string {
  const tags: Record<string, string> = { i: 'em', b: 'strong' };
  const renamed = html
    .replace(/<(\/?)([ib])>/g, (_all, slash: string, tag: string) => `<${slash}${tags[tag]}>`)
    .replace(/<span style="font-variant:\s*small-caps;?">/g, '<span class="caps">');
  return sanitizeRawHtml(renamed, 'block').html;
}

/**
 * The text between the tags set as the body's text is (typography.ts): citeproc writes its
 * own output, and the writer's words before and after a work are as typed, so without this a
 * page number could start a line without its "p." and a suffix keep straight quotes.
 */
function typeset(html: string, lang: string): string {
  const segments = html
    .split(/(<[^>]*>)/)
    .map((text, i) => (i % 2 === 1 ? { text, verbatim: true } : { text }));
  return typographSegments(segments, lang).join('');
}

interface Cluster {
  meta: CitationMeta;
  keys: string[];
  citation: { citationItems: object[]; properties: { noteIndex: number } };
}

/**
 * A citation as the clusters citeproc sets: one, or for `@key says` two, the author alone
 * and then the year in parentheses ("Smith (2020)").
 */
function clustersOf(meta: CitationMeta, byKey: Map<string, CslItem>): Cluster[] {
  const known = meta.items.filter((item) => byKey.has(item.key));
  if (known.length === 0) return [];
  const keys = known.map((item) => item.key);
  const cluster = (items: object[]): Cluster => ({
    meta,
    keys,
    citation: { citationItems: items, properties: { noteIndex: 0 } },
  });
  const cite = (item: CiteItem, index: number, extra: object = {}) => ({
    id: item.key,
    prefix: item.prefix ? `${item.prefix} ${OPEN(index)}` : OPEN(index),
    // Words after the locator follow the linked work: "(Doe 2005, 30, and passim)".
    suffix: item.suffix ? `${CLOSE}${item.suffix}` : CLOSE,
    ...locator(item.locator),
    ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
    ...extra,
  });
  if (meta.inText && known[0]) {
    const [item] = known;
    return [
      // The author alone, in the sentence; the page and words after it go in the parentheses.
      cluster([cite({ key: item.key }, 0, { 'author-only': true })]),
      cluster([cite(item, 0, { 'suppress-author': true })]),
    ];
  }
  return [cluster(known.map((item, i) => cite(item, i)))];
}

/** "p. 12" -> page 12, "chap. 3" -> chapter 3; a locator with no label is a page. */
function locator(text: string | undefined): object {
  const written = text?.trim();
  if (!written) return {};
  const labelled = LOCATOR_LABEL.exec(written)?.[0] ?? '';
  const label = LOCATOR_LABELS[labelled.trim().toLowerCase()];
  const value = written.slice(labelled.length);
  if (label && value) return { locator: value, label };
  return { locator: written, label: 'page' };
}

/** The marks around each work become a link to its entry. */
function linked(html: string, keys: string[]): string {
  return html.replace(MARKED, (_all, index: string, text: string) => {
    const key = keys[Number(index)];
    return key === undefined ? text : `<a href="#${referenceId(key)}">${text}</a>`;
  });
}
