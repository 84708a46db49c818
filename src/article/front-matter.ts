/**
 * Front matter: split it from the Markdown, parse the YAML with positions, and validate
 * it against one schema so that every problem is reported with its file and line.
 */
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.js';

const nameList = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);

export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  subtitle: z.string().trim().min(1).optional(),
  author: nameList,
  date: z.iso.date('must be an ISO date such as 2021-02-19').optional(),
  description: z.string().trim().min(1).optional(),
  keywords: z.array(z.string().trim().min(1)).optional(),
  translator: nameList.optional(),
  publisher: z.string().trim().min(1).optional(),
  rights: z.string().trim().min(1).optional(),
  notes: z.array(z.string().trim().min(1)).optional(),
});

export type FrontMatterInput = z.infer<typeof frontMatterSchema>;

export interface FrontMatter {
  title: string;
  subtitle?: string;
  authors: string[];
  date?: string;
  description?: string;
  keywords: string[];
  translators: string[];
  publisher?: string;
  rights?: string;
  notes: string[];
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
    throw new UserError('the file has no front matter', {
      location: { file, line: 1 },
      hint: 'start the file with a YAML block between two "---" lines holding at least title and author',
    });
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line.replace(/\r$/, '')));
  if (end < 0) {
    throw new UserError('the front matter is not closed', {
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

/** Parses and validates the YAML block; `yamlLine` is the file line of the block's first line. */
export function parseFrontMatter(yaml: string, file: string, yamlLine = 2): FrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new UserError(`the front matter is not valid YAML: ${firstLine(yamlError.message)}`, {
      location: { file, line: pos.line + yamlLine - 1, column: pos.col },
      hint: 'fix the YAML syntax; quote values that contain ": " or start with a special character',
    });
  }
  const data = doc.toJS() ?? {};
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue) throw schemaError(issue, doc, lineCounter, file, yamlLine);
  }
  return normalize(result.data as FrontMatterInput);
}

function normalize(input: FrontMatterInput): FrontMatter {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());
  return {
    title: input.title,
    subtitle: input.subtitle,
    authors: list(input.author),
    date: input.date,
    description: input.description,
    keywords: input.keywords ?? [],
    translators: list(input.translator),
    publisher: input.publisher,
    rights: input.rights,
    notes: input.notes ?? [],
  };
}

const KNOWN_KEYS = Object.keys(frontMatterSchema.shape).join(', ');

function schemaError(
  issue: z.core.$ZodIssue,
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  yamlLine: number,
): UserError {
  const path = issue.path.map(String);
  let key = path.join('.');
  let message: string;
  let hint: string;
  if (issue.code === 'unrecognized_keys') {
    key = issue.keys[0] ?? key;
    message = `unknown front matter key "${key}"`;
    hint = `the keys are: ${KNOWN_KEYS}; check the spelling`;
    path.push(key);
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = `the front matter has no "${key}"`;
    hint = `add a line such as "${key}: …" to the front matter`;
  } else {
    message = `front matter "${key}" ${issue.message.replace(/^Invalid input: /, '')}`;
    hint = hintFor(path[0] ?? key);
  }
  const offset = offsetOf(doc, path);
  const line = offset === undefined ? undefined : lineCounter.linePos(offset).line + yamlLine - 1;
  return new UserError(message, { location: { file, line: line ?? yamlLine - 1 }, hint });
}

function hintFor(key: string): string {
  switch (key) {
    case 'author':
    case 'translator':
      return `write "${key}: Jane Doe" or a list "${key}: [Jane Doe, John Roe]"`;
    case 'date':
      return 'write the date as YYYY-MM-DD, for example "date: 2021-02-19"';
    case 'keywords':
    case 'notes':
      return `write "${key}" as a YAML list of strings`;
    default:
      return `write "${key}" as a non-empty string`;
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
