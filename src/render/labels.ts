/**
 * The words the templates show, from `labels/<lang>.json`: which file serves a language
 * tag, how a file is checked against English, and how a label is chosen by a count and
 * filled. Pure; label-files.ts reads the files.
 *
 * A label is a string, or, when it depends on a count (the byline on the number of
 * authors), one string per plural category of the language (`Intl.PluralRules`):
 * `{ "one": "Автор: {authors}", "few": "Авторы: {authors}", … }`. `{name}` marks where
 * the page puts a value (`{date}`, `{authors}`, `{page}`), so each language sets it where
 * its grammar wants it ("{date} tarihinde yayımlandı").
 */

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;
export type LabelValue = string | PluralForms;
export type LabelFile = Record<string, LabelValue>;
/** Labels as the templates see them: one string each, chosen for this edition. */
export type Labels = Record<string, string>;

/** What a language's labels come from, and where they fall short of English. */
export interface LabelStatus {
  /** The file that serves the language (`labels/pt.json` for pt-BR), or undefined. */
  file: string | undefined;
  /** The tag its labels are written for (`pt`), or undefined when there is no file. */
  tag: string | undefined;
  /** Keys English has that the file lacks: English stands in for each. */
  missing: string[];
  /** Keys the file has in a form English cannot be replaced by: English stands in too. */
  invalid: { key: string; why: string }[];
}

const PLACEHOLDER = /\{([a-z]+)\}/gi;
const CATEGORY_ORDER: readonly Intl.LDMLPluralRule[] = [
  'zero',
  'one',
  'two',
  'few',
  'many',
  'other',
];

/**
 * The label files to try for a language tag, most specific first: BCP 47 lookup (the tag,
 * then shorter by one subtag at a time), with the script the tag implies tried before the
 * bare language, so that zh-TW and zh-HK find zh-Hant, zh and zh-CN find zh-Hans, and
 * sr finds sr-Cyrl. pt-BR ends at pt, de-AT at de.
 */
export function labelCandidates(lang: string): string[] {
  const [canonical = lang] = safeCanonical(lang);
  const parts = canonical.split('-');
  const language = parts[0] ?? canonical;
  const tags: string[] = [];
  for (let n = parts.length; n > 1; n--) tags.push(parts.slice(0, n).join('-'));
  const script = likelyScript(canonical);
  if (script) {
    const region = parts.slice(1).find((p) => /^(?:[A-Z]{2}|\d{3})$/.test(p));
    if (region) tags.push(`${language}-${script}-${region}`);
    tags.push(`${language}-${script}`);
  }
  tags.push(language);
  return [...new Set(tags)];
}

function safeCanonical(lang: string): string[] {
  try {
    return Intl.getCanonicalLocales(lang);
  } catch {
    return [lang];
  }
}

function likelyScript(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
}

/** The plural categories a language distinguishes, in CLDR's order. */
export function pluralCategories(lang: string): Intl.LDMLPluralRule[] {
  const have = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
  return CATEGORY_ORDER.filter((c) => have.has(c));
}

/** The `{name}` placeholders of a label (of every form of a plural one), sorted. */
export function placeholders(value: LabelValue): string[] {
  const texts = typeof value === 'string' ? [value] : Object.values(value);
  const names = new Set<string>();
  for (const text of texts)
    for (const m of (text ?? '').matchAll(PLACEHOLDER)) names.add(m[1] ?? '');
  return [...names].sort();
}

export function isPlural(value: unknown): value is PluralForms {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why a file's label cannot stand for English's, or undefined when it can: it must have
 * English's shape (a string, or plural forms), exactly the plural categories of the
 * file's language, and English's placeholders.
 */
export function labelProblem(value: unknown, english: LabelValue, tag: string): string | undefined {
  if (typeof english === 'string') {
    if (typeof value !== 'string') return 'is not a string, as in English';
  } else {
    if (!isPlural(value)) return 'is not a set of plural forms, as in English';
    const want = pluralCategories(tag);
    const have = Object.keys(value);
    const lacking = want.filter((c) => typeof value[c] !== 'string');
    const extra = have.filter((c) => !want.includes(c as Intl.LDMLPluralRule));
    if (lacking.length > 0 || extra.length > 0) {
      return `has the plural forms ${list(have)} but "${tag}" needs ${list(want)}`;
    }
  }
  const mine = placeholders(value as LabelValue).join(', ');
  const theirs = placeholders(english).join(', ');
  if (mine !== theirs) return `has the placeholders {${mine}} but English has {${theirs}}`;
  return undefined;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

/**
 * English's labels with the file's over them, key by key: a key the file lacks, or has in
 * a form that cannot replace English's, stays English and is reported.
 */
export function mergeLabels(
  english: LabelFile,
  own: LabelFile | undefined,
  file: string | undefined,
  tag: string | undefined,
): { labels: LabelFile; status: LabelStatus } {
  const labels: LabelFile = { ...english };
  const status: LabelStatus = { file, tag, missing: [], invalid: [] };
  if (!own || !tag) return { labels, status };
  for (const [key, value] of Object.entries(english)) {
    if (!Object.hasOwn(own, key)) {
      status.missing.push(key);
      continue;
    }
    const why = labelProblem(own[key], value, tag);
    if (why) status.invalid.push({ key, why });
    else labels[key] = own[key] as LabelValue;
  }
  // Keys English lacks are a user's own, for their own templates: kept as they are.
  for (const [key, value] of Object.entries(own)) if (!(key in english)) labels[key] = value;
  return { labels, status };
}

/**
 * One string per label for an edition: a plural label takes the form for its count
 * (`counts[key]`, 1 when not given) in the edition's language, else its `other` form.
 * Placeholders are left for the template, which puts markup around what fills them.
 */
export function chooseLabels(
  labels: LabelFile,
  lang: string,
  counts: Record<string, number> = {},
): Labels {
  const rules = new Intl.PluralRules(lang);
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => {
      if (typeof value === 'string') return [key, value];
      const count = counts[key] ?? 1;
      let category = rules.select(count);
      // Russian's "one" also covers 21, 31…: right for "21 автор", wrong for a label that
      // shows no number but lists 21 names ("Авторы: …"), which is plural.
      if (category === 'one' && count !== 1 && !placeholders(value).includes('count')) {
        category = 'other';
      }
      const form = value[category] ?? value.other ?? Object.values(value)[0];
      return [key, form ?? ''];
    }),
  );
}

/** A label with its placeholders filled: `fillLabel("Page {page}", { page: 3 })`. */
export function fillLabel(label: string, values: Record<string, string | number>): string {
  return label.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
