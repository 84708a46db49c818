/**
 * One language file of an article, read and parsed: its text decoded and refused where it
 * cannot be published, its front matter read, its Markdown parsed, or, in a process that
 * keeps its parses (the preview), parsed again only where a save changed it.
 */
import path from 'node:path';
import { highlightFences } from '../markdown/code.js';
import { parseDocument } from '../markdown/document.js';
import { reparseChange } from '../markdown/incremental.js';
import { LIST_LEVELS, NestingError } from '../markdown/nesting.js';
import type { ParsedDocument } from '../markdown/parsed-document.js';
import { refuseControlCharacters } from './control-characters.js';
import { decodeUtf8 } from './decode.js';
import { type FrontMatter, parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { InputError } from './input-error.js';
import type { EditionSource } from './load.js';
import { megabytes, type ReadRefusal, readInsideFolder } from './read-file.js';

/**
 * The last parse of each language file, by its text: a process that reads the same folder
 * again and again (the preview, after each save) parses only the files that changed. The
 * parse is a pure function of the text, the language and the file's name; what is kept is
 * never modified by the checks or the rendering, so it can be shared (a parse with citations,
 * which are set into it later, is not kept).
 */
export type ParseCache = Map<string, { text: string; meta: FrontMatter; doc: ParsedDocument }>;

/** The text each kept parse was made from, by the parse (a parse is a function of it). */
const sources = new WeakMap<ParsedDocument, string>();

/**
 * The text a parse kept in a ParseCache was made from (the parse is a function of it, the
 * language and the file), or undefined for any other parse: a fingerprint of the text is
 * a fingerprint of the parse, and far cheaper to take than one of its tokens.
 */
export function parsedFrom(doc: ParsedDocument): string | undefined {
  return sources.get(doc);
}

function keep(
  cache: ParseCache | undefined,
  key: string,
  entry: { text: string; meta: FrontMatter; doc: ParsedDocument },
): void {
  if (!cache) return;
  sources.set(entry.doc, entry.text);
  cache.set(key, entry);
}

/**
 * Outside these ranges (ASCII, Latin-1 and the common punctuation, all of which Source Serif
 * draws) a character may have no shipped face: glyphs.ts looks, only for such a file.
 */
const MAYBE_UNDRAWABLE = /[^\t\n\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/u;

/** A language file larger than this is refused: no essay comes near it. */
export const MARKDOWN_LIMIT = 8 * 1024 * 1024;

export async function readEdition(
  root: string,
  file: string,
  lang: string,
  cache: ParseCache | undefined,
): Promise<EditionSource> {
  const read = await readInsideFolder(root, file, MARKDOWN_LIMIT).catch(
    (cause: unknown) => ({ ok: false, reason: 'missing', cause }) as const,
  );
  if (!read.ok) throw unreadable(read, file);
  const { bytes, mtimeMs } = read;
  // Windows (CRLF) and old Mac (CR) line ends become LF once, here, so that no "\r" is
  // left at the end of a front matter value or a line.
  const text = decodeUtf8(bytes, file)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const mtime = Math.floor(mtimeMs / 1000);
  const key = `${lang}\0${file}`;
  const kept = cache?.get(key);
  if (kept?.text === text) return { lang, file, meta: kept.meta, doc: kept.doc, mtime };
  cache?.delete(key);
  refuseControlCharacters(text, file);
  if (MAYBE_UNDRAWABLE.test(text)) {
    const { refuseUndrawable } = await import('./glyphs.js');
    refuseUndrawable(text, file, lang);
  }
  const split = splitFrontMatter(text, file);
  const changed = kept && reparsed(kept, split, file);
  if (kept && changed) {
    keep(cache, key, { text, meta: kept.meta, doc: changed });
    return { lang, file, meta: kept.meta, doc: changed, mtime };
  }
  const meta = parseFrontMatter(split.yaml, file);
  const doc = parseBody(split.body, lang, split.bodyOffset, file, meta.bibliography !== undefined);
  await highlightFences(doc);
  // Citations are set into the parse afterwards (citations.ts), from another file too: only
  // a parse they leave alone is kept (highlighted code is, as a save would set it again).
  if (meta.bibliography === undefined && doc.citations.length === 0) {
    keep(cache, key, { text, meta, doc });
  }
  return { lang, file, meta, doc, mtime };
}

/**
 * The new parse of a file whose front matter stayed as it was, made from its last parse by
 * parsing again only the paragraphs that changed (incremental.ts); undefined when the
 * whole body must be parsed.
 */
function reparsed(
  kept: { text: string; doc: ParsedDocument },
  split: { yaml: string; body: string; bodyOffset: number },
  file: string,
): ParsedDocument | undefined {
  const before = splitFrontMatter(kept.text, file);
  if (before.yaml !== split.yaml || before.bodyOffset !== split.bodyOffset) return undefined;
  return reparseChange(kept.doc, before.body, split.body, split.bodyOffset);
}

/**
 * The Markdown, parsed. The one thing the parser refuses is an id given to two headings
 * (markdown-it-anchor throws); that becomes a finding at the second one.
 */
export function parseBody(
  body: string,
  lang: string,
  lineOffset: number,
  file: string,
  citations = false,
): ParsedDocument {
  try {
    return parseDocument(body, lang, lineOffset, { citations });
  } catch (error) {
    if (error instanceof NestingError) throw nestingProblem(error, lineOffset, file);
    const id = /User defined `id` attribute `(.*)` is not unique/.exec(
      String((error as Error)?.message),
    )?.[1];
    if (id === undefined) throw error;
    const written = new RegExp(
      `\\{[^}\\n]*#${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s}])`,
    );
    const uses = body
      .split('\n')
      .map((text, index) => ({ line: lineOffset + index + 1, column: text.search(written) + 1 }))
      .filter((at) => at.column > 0);
    const [first, second] = uses;
    const also = first && second ? ` (also at ${path.basename(file)}:${first.line})` : '';
    throw new InputError('heading-id-duplicate', `the heading id "${id}" is used twice${also}`, {
      location: { file, ...(second ?? first) },
      hint: 'give each heading its own {#id}, or remove one to let build-article make it from the heading text',
      cause: error,
    });
  }
}

function unreadable(refusal: ReadRefusal, file: string): InputError {
  const location = { file };
  switch (refusal.reason) {
    case 'outside':
      return new InputError(
        'file-outside',
        'the language file is a link to a file outside the article folder',
        {
          location,
          hint: 'replace the symbolic link with a copy of the file: only what is inside the article folder is published',
        },
      );
    case 'not-file':
      return new InputError(
        'file-unreadable',
        `the language file is ${refusal.kind}, not a regular file`,
        {
          location,
          hint: 'make the language file a regular Markdown file',
        },
      );
    case 'too-large':
      return new InputError(
        'file-too-large',
        `the language file is larger than ${megabytes(refusal.limit)} (${megabytes(refusal.bytes)} or more)`,
        { location, hint: 'is this the right file? split a book into several articles' },
      );
    case 'missing':
      return new InputError(
        'file-unreadable',
        `the file cannot be read: ${(refusal.cause as Error)?.message ?? String(refusal.cause)}`,
        { location, hint: 'make the language file a readable regular file', cause: refusal.cause },
      );
  }
}

function nestingProblem(error: NestingError, lineOffset: number, file: string): InputError {
  return new InputError(
    'markdown-nesting',
    `lists or quotes are nested more than ${LIST_LEVELS} levels deep here (${2 * LIST_LEVELS} for quotes alone)`,
    {
      location: { file, line: lineOffset + error.line + 1, column: 1 },
      hint: 'flatten the outline: make the deepest levels paragraphs, or split the list in two',
      cause: error,
    },
  );
}
