/**
 * Front matter: split it from the Markdown, parse the YAML with positions, and validate
 * it against one schema so that every problem is reported with its file and line.
 */
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import * as z from 'zod/mini';
import {
  COVER_EXPECTED,
  COVER_HINT,
  type CoverRef,
  coverRef,
  coverSchema,
} from './front-matter-cover.js';
import { describe, sizeOf } from './front-matter-values.js';
import { InputError } from './input-error.js';

/**
 * Text that is not empty once trimmed (the trimmed text is what is kept), and not longer
 * than `max` characters: each field is printed on title pages, in metadata and in every
 * running header, so a 10 MB description would become a 50 MB PDF.
 */
const text = (max: number, message?: string) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, message),
      z.maxLength(max, `must be at most ${max} characters`),
    );
const list = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(z.maxLength(max, `must have at most ${max} entries`));
const NAME = 300;
const nameList = z.union([text(NAME), list(text(NAME), 50).check(z.minLength(1))]);

export const frontMatterSchema = z.strictObject({
  title: text(1_000, 'must not be empty'),
  subtitle: z.optional(text(1_000)),
  author: nameList,
  date: z.optional(z.iso.date('must be an ISO date such as 2021-02-19')),
  updated: z.optional(z.iso.date('must be an ISO date such as 2021-02-19')),
  description: z.optional(text(5_000)),
  keywords: z.optional(list(text(200), 100)),
  translator: z.optional(nameList),
  publisher: z.optional(text(1_000)),
  rights: z.optional(text(5_000)),
  notes: z.optional(list(text(5_000), 50)),
  toc: z.optional(z.boolean()),
  cover: z.optional(coverSchema),
  bibliography: z.optional(text(1_000)),
  csl: z.optional(text(1_000)),
  identifier: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.regex(/^\S+$/, 'must be one word, without spaces'),
        z.maxLength(300, 'must be at most 300 characters'),
      ),
  ),
});

export type FrontMatterInput = z.infer<typeof frontMatterSchema>;

export interface FrontMatter {
  title: string;
  subtitle?: string;
  authors: string[];
  /** When the article was first published. */
  date?: string;
  /** When it was last revised. */
  updated?: string;
  description?: string;
  keywords: string[];
  translators: string[];
  publisher?: string;
  rights?: string;
  notes: string[];
  /** A table of contents asked for (true) or refused (false); when absent, the sections decide. */
  toc?: boolean;
  /** The edition's own identifier (an ISBN, a DOI, a URN), when the author gives one. */
  identifier?: string;
  /** A picture of the article's own for the EPUB's cover (front-matter-cover.ts). */
  cover?: CoverRef;
  /** The article's BibTeX or CSL JSON file, and its CSL style, inside its folder (citations). */
  bibliography?: string;
  csl?: string;
  /** Where each top-level key is written in the file, for findings about its value. */
  locations?: Record<string, { line: number; column: number }>;
}

export interface SplitSource {
  yaml: string;
  /** The Markdown after the front matter. */
  body: string;
  /** How many lines precede the body in the file, to turn body lines into file lines. */
  bodyOffset: number;
}

const FENCE = /^---[ \t]*$/;

export function splitFrontMatter(text: string, file: string): SplitSource {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0]?.replace(/\r$/, '') ?? '')) {
    throw new InputError('front-matter-syntax', 'the file has no front matter', {
      location: { file, line: 1 },
      hint: 'start the file with a YAML block between two "---" lines holding at least title and author',
    });
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line.replace(/\r$/, '')));
  if (end < 0) {
    throw new InputError('front-matter-syntax', 'the front matter is not closed', {
      location: { file, line: 1 },
      hint: 'end the YAML block with a line holding only "---"',
    });
  }
  return {
    yaml: lines.slice(1, end).join('\n'),
    body: lines.slice(end + 1).join('\n'),
    bodyOffset: end + 1,
  };
}

/** A front matter that repeats an alias more than this is refused (a "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

// biome-ignore lint/suspicious/noExplicitAny: what toJS() returns, checked by the caller
function toData(doc: Document, file: string, yamlLine: number): any {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new InputError(
      'front-matter-syntax',
      `the front matter's YAML aliases (*name) expand too much: ${firstLine(error.message)}`,
      {
        location: { file, line: yamlLine, column: 1 },
        hint: 'write the values out instead of repeating anchors (&name) and aliases (*name)',
        cause: error,
      },
    );
  }
}

/** Parses and validates the YAML block; `yamlLine` is the file line of the block's first line. */
export function parseFrontMatter(yaml: string, file: string, yamlLine = 2): FrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new InputError(
      'front-matter-syntax',
      `the front matter is not valid YAML: ${firstLine(yamlError.message)}`,
      {
        location: { file, line: pos.line + yamlLine - 1, column: pos.col },
        hint: 'fix the YAML syntax; quote values that contain ": " or start with a special character',
      },
    );
  }
  const data = toData(doc, file, yamlLine);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(
      'front-matter-syntax',
      'the front matter is not a set of "key: value" lines',
      {
        location: { file, line: yamlLine, column: 1 },
        hint: 'write one "key: value" per line, for example "title: My essay" and "author: Jane Doe"',
      },
    );
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    // Every field's problem at once, the first one per key.
    const seen = new Set<string>();
    const errors = result.error.issues
      .filter((issue) => {
        const key = issue.code === 'unrecognized_keys' ? issue.keys.join() : String(issue.path[0]);
        return !seen.has(key) && seen.add(key);
      })
      .map((issue) => schemaError(issue, data, doc, lineCounter, { file, yamlLine }));
    const [first, ...others] = errors;
    if (first) throw first.with(others);
  }
  const input = result.data as FrontMatterInput;
  const locations = keyLocations(doc, lineCounter, yamlLine);
  return { ...normalize(input), cover: coverRef(input.cover, locations.cover), locations };
}

function keyLocations(doc: Document, lineCounter: LineCounter, yamlLine: number) {
  const locations: Record<string, { line: number; column: number }> = {};
  if (!isMap(doc.contents)) return locations;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
    const pos = lineCounter.linePos(pair.key.range[0]);
    locations[String(pair.key.value)] = { line: pos.line + yamlLine - 1, column: pos.col };
  }
  return locations;
}

function normalize(input: FrontMatterInput): FrontMatter {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());
  return {
    title: input.title,
    subtitle: input.subtitle,
    authors: list(input.author),
    date: input.date,
    updated: input.updated,
    description: input.description,
    keywords: input.keywords ?? [],
    translators: list(input.translator),
    publisher: input.publisher,
    rights: input.rights,
    notes: input.notes ?? [],
    toc: input.toc,
    identifier: input.identifier,
    bibliography: input.bibliography,
    csl: input.csl,
  };
}

const KNOWN_KEYS = Object.keys(frontMatterSchema.shape).join(', ');

function schemaError(
  issue: z.core.$ZodIssue,
  data: Record<string, unknown>,
  doc: Document,
  lineCounter: LineCounter,
  where: { file: string; yamlLine: number },
): InputError {
  const path = issue.path.map(String);
  const key = path[0] ?? '';
  let message: string;
  let hint = hintFor(key);
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0] ?? '';
    const under = key ? ` under "${key}"` : '';
    message = `unknown front matter key "${unknown}"${under}`;
    hint = key ? hint : `the keys are: ${KNOWN_KEYS}; check the spelling`;
    path.push(unknown);
  } else if (issue.code === 'too_big') {
    const item = path.length > 1 ? ` (item ${Number(path[1]) + 1})` : '';
    message = `front matter "${key}"${item} ${issue.message} (it has ${sizeOf(data, path)})`;
    hint = `shorten "${key}": it is printed on the title page, in the metadata and in the running headers`;
  } else if (data[key] === undefined || data[key] === null) {
    message = `the front matter has no "${key}"`;
    hint = `add a line such as "${key}: …" to the front matter; ${hint}`;
  } else {
    const item = path.length > 1 ? ` (item ${Number(path[1]) + 1})` : '';
    const value = path.length > 1 ? (data[key] as unknown[])[Number(path[1])] : data[key];
    const expected = path.length > 1 ? 'text' : (EXPECTED[key] ?? 'text');
    message =
      typeof value === 'string' && value.trim() === ''
        ? `front matter "${key}"${item} is empty`
        : `front matter "${key}"${item} must be ${expected}, not ${describe(value)}`;
  }
  const offset = offsetOf(doc, path);
  const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
  const location = pos
    ? { file: where.file, line: pos.line + where.yamlLine - 1, column: pos.col }
    : { file: where.file, line: where.yamlLine - 1, column: 1 };
  return new InputError('front-matter-field', message, { location, hint });
}

const EXPECTED: Record<string, string> = {
  author: 'a name or a list of names',
  translator: 'a name or a list of names',
  date: 'a date written YYYY-MM-DD',
  updated: 'a date written YYYY-MM-DD',
  identifier: 'one word without spaces, such as urn:isbn:9780000000000',
  keywords: 'a list of texts',
  notes: 'a list of texts',
  toc: 'true or false',
  cover: COVER_EXPECTED,
};

function hintFor(key: string): string {
  switch (key) {
    case 'author':
    case 'translator':
      return `write "${key}: Jane Doe" or a list "${key}: [Jane Doe, John Roe]"`;
    case 'date':
    case 'updated':
      return `write the date as YYYY-MM-DD, for example "${key}: 2021-02-19"`;
    case 'identifier':
      return 'write the edition\'s own identifier, for example "identifier: urn:isbn:9780000000000", or leave the key out for one derived from the article';
    case 'toc':
      return 'write "toc: true" for a table of contents, "toc: false" for none, or leave the key out to have one when the article has 6 sections or more';
    case 'keywords':
    case 'notes':
      return `write "${key}" as a YAML list of texts, for example "${key}: [one, two]"`;
    case 'cover':
      return COVER_HINT;
    default:
      return `write "${key}" as text on one line, for example "${key}: My essay" (quote it if it contains ": ")`;
  }
}

/** Source offset of the deepest node along `path` that exists (the key when there is one). */
function offsetOf(doc: Document, path: string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (!isMap(node)) break;
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === segment,
    );
    if (!pair) break;
    if (isScalar(pair.key)) offset = pair.key.range?.[0];
    node = pair.value;
  }
  return offset ?? (isMap(doc.contents) ? doc.contents.range?.[0] : undefined);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
