/**
 * The label files of a run: a --templates folder's first, then the shipped ones. Read
 * synchronously and once each, as the checks (which are synchronous) ask which file serves
 * a language before the renderers ask for its words; they are a few small files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { typograph } from '../typeset/typography.js';
import {
  isPlural,
  type LabelFile,
  type LabelStatus,
  type LabelValue,
  labelCandidates,
  mergeLabels,
} from './labels.js';

export const SHIPPED_TEMPLATES = fileURLToPath(new URL('templates/', PACKAGE_ROOT));

export interface LabelCatalog {
  /** English's labels with the language's over them, each typeset in its own language. */
  labels(lang: string): LabelFile;
  status(lang: string): LabelStatus;
}

export function labelCatalog(roots: readonly string[]): LabelCatalog {
  const files = new Map<string, LabelFile | undefined>();
  const read = (root: string, tag: string): LabelFile | undefined => {
    const full = path.join(root, 'labels', `${tag}.json`);
    if (!files.has(full)) files.set(full, parseFile(full, root, tag));
    return files.get(full);
  };
  const shipped = roots[roots.length - 1] ?? SHIPPED_TEMPLATES;
  // English is what every other language falls back to: the shipped file, with a
  // --templates folder's en.json over it key by key where its labels are sound (a "by"
  // without its {authors} would print "ByJane Doe"); the folder's file is then checked
  // against the shipped one, like any other language's.
  let englishSet: LabelFile | undefined;
  // Read, merged and typeset once, whatever the number of languages that fall back to it.
  const typesetEnglish = (): LabelFile => {
    englishSet ??= typeset(english(), 'en') ?? {};
    return englishSet;
  };
  const english = (): LabelFile => {
    const own = roots
      .slice(0, -1)
      .reverse()
      .reduce<LabelFile>((all, root) => Object.assign(all, read(root, 'en')), {});
    return mergeLabels(read(shipped, 'en') ?? {}, own, undefined, 'en').labels;
  };
  const merged = new Map<string, ReturnType<typeof mergeLabels>>();
  const lookup = (lang: string) => {
    let found = merged.get(lang);
    if (!found) {
      // A folder's own files come before the shipped ones, whichever tag they are for.
      const hit = roots
        .flatMap((root) => labelCandidates(lang).map((tag) => ({ root, tag })))
        .map((at) => ({ ...at, file: read(at.root, at.tag) }))
        .find((at) => at.file !== undefined);
      const where = hit && displayPath(hit.root, hit.tag);
      found = mergeLabels(typesetEnglish(), hit && typeset(hit.file, lang), where, hit?.tag);
      merged.set(lang, found);
    }
    return found;
  };
  return { labels: (lang) => lookup(lang).labels, status: (lang) => lookup(lang).status };
}

/** `templates/labels/fr.json` for a shipped file, the full path for a folder's own. */
function displayPath(root: string, tag: string): string {
  if (root === SHIPPED_TEMPLATES) return `templates/labels/${tag}.json`;
  return path.relative(process.cwd(), path.join(root, 'labels', `${tag}.json`));
}

function parseFile(file: string, root: string, tag: string): LabelFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const rel = displayPath(root, tag);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`labels file ${rel} is not valid JSON`, {
      location: { file: rel },
      hint: 'fix the JSON syntax (a trailing comma is a common cause)',
      cause: error,
    });
  }
  if (!isPlural(parsed)) {
    throw new UserError(`labels file ${rel} is not a JSON object`, {
      location: { file: rel },
      hint: 'write the labels as { "key": "text", … }, with the keys of templates/labels/en.json',
    });
  }
  return parsed as LabelFile;
}

/** Typeset like the text they sit in: "dell'autrice" -> "dell’autrice". */
function typeset(labels: LabelFile | undefined, lang: string): LabelFile | undefined {
  if (!labels) return undefined;
  const set = (value: unknown): unknown =>
    typeof value === 'string'
      ? typograph(value, lang)
      : isPlural(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, set(v)]))
        : value;
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [key, set(value) as LabelValue]),
  );
}

let shippedCatalog: LabelCatalog | undefined;

/** The shipped labels alone: what `check` and the preview's checks compare against. */
export function shippedLabels(): LabelCatalog {
  shippedCatalog ??= labelCatalog([SHIPPED_TEMPLATES]);
  return shippedCatalog;
}
