/**
 * The works an article cites: the `bibliography:` file its front matter names (BibTeX or
 * CSL JSON, inside the article folder, like an image) and the optional `csl:` style. Each
 * is read once per run, however many editions name it; what is wrong with one is an error
 * at its own file and line. citation-js reads BibTeX, and is loaded only here, by an
 * article that names a bibliography.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SourceLocation } from '../errors.js';
import type { CslItem } from '../markdown/cite-format.js';
import { InputError, shorten } from './input-error.js';
import { leaves, megabytes, readInsideFolder } from './read-file.js';

/** No bibliography or style comes near this; a larger file is not one. */
export const BIBLIOGRAPHY_LIMIT = 10 * 1024 * 1024;

/**
 * Where a front matter path points inside the article folder, as the user would name the
 * file; refused when it is a URL, absolute or leaves the folder.
 */
export function resolveArticleFile(
  root: string,
  written: string,
  at: SourceLocation,
  what: 'bibliography' | 'csl',
): { abs: string; shown: string } {
  const shown = shorten(written);
  const noun = what === 'csl' ? 'citation style' : 'bibliography';
  if (/^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('//')) {
    throw new InputError(`${what}-file`, `the ${noun} "${shown}" is a URL, not a file`, {
      location: at,
      hint: `save the ${noun} in the article folder and name it by its relative path; build-article never fetches anything from the network`,
    });
  }
  const abs = path.resolve(root, written);
  if (path.isAbsolute(written) || leaves(path.relative(root, abs))) {
    throw new InputError(`${what}-file`, `the ${noun} "${shown}" is outside the article folder`, {
      location: at,
      hint: `copy the ${noun} into the article folder and name it by its path there, such as references.bib`,
    });
  }
  return { abs, shown: path.relative(process.cwd(), abs) || written };
}

/** The file's text, or an InputError at `at` (the front matter line naming it). */
export async function readArticleText(
  root: string,
  file: { abs: string; shown: string },
  at: SourceLocation,
  what: 'bibliography' | 'csl',
): Promise<string> {
  const read = await readInsideFolder(root, file.abs, BIBLIOGRAPHY_LIMIT).catch(
    (cause: unknown) => ({ ok: false, reason: 'missing', cause }) as const,
  );
  if (read.ok) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new InputError(`${what}-file`, `"${file.shown}" is not UTF-8 text`, {
        location: at,
        hint: 'save the file as UTF-8 in your editor',
      });
    }
  }
  const why =
    read.reason === 'missing'
      ? 'does not exist or cannot be read'
      : read.reason === 'outside'
        ? 'is a link to a file outside the article folder'
        : read.reason === 'not-file'
          ? `is ${read.kind}, not a regular file`
          : `is larger than ${megabytes(read.limit)}`;
  throw new InputError(`${what}-file`, `"${file.shown}" ${why}`, {
    location: at,
    hint:
      what === 'csl'
        ? 'name a CSL style file (.csl) in the article folder, or leave "csl:" out for APA'
        : 'name a BibTeX (.bib) or CSL JSON (.json) file in the article folder',
  });
}

/** The works of a .bib or CSL JSON file, or an InputError at the line where it is wrong. */
export function parseBibliography(text: string, file: string): CslItem[] {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return parseCslJson(text, file);
  if (ext !== '.bib' && ext !== '.bibtex') {
    throw new InputError('bibliography-file', `"${file}" is neither BibTeX nor CSL JSON`, {
      location: { file },
      hint: 'name a BibTeX file ending in .bib or a CSL JSON file ending in .json',
    });
  }
  const require = createRequire(import.meta.url);
  const core = require('@citation-js/core') as {
    plugins: { input: { chain(data: string, options: object): CslItem[] } };
  };
  require('@citation-js/plugin-bibtex');
  try {
    return core.plugins.input.chain(text, { forceType: '@biblatex/text', generateGraph: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at line (\d+) col (\d+)/.exec(message);
    throw new InputError(
      'bibliography-syntax',
      `the BibTeX cannot be read: ${message.split('\n')[0]?.replace(/ at line \d+ col \d+:?$/, '')}`,
      {
        location: at ? { file, line: Number(at[1]), column: Number(at[2]) } : { file },
        hint: 'check the entry there: each is @type{key, field = {value}, …} with its braces closed and a comma between fields',
      },
    );
  }
}

function parseCslJson(text: string, file: string): CslItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const before = Number.isNaN(offset) ? undefined : text.slice(0, offset).split('\n');
    throw new InputError('bibliography-syntax', `the CSL JSON cannot be read: ${message}`, {
      location: before
        ? { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 }
        : { file },
      hint: 'a CSL JSON bibliography is a list of works, each with an "id" (its citation key) and a "type"',
    });
  }
  const items = Array.isArray(data) ? data : undefined;
  const bad = items?.findIndex((item) => typeof item?.id !== 'string' || item.id === '') ?? 0;
  if (!items || bad >= 0) {
    throw new InputError(
      'bibliography-syntax',
      items ? `work ${bad + 1} of the CSL JSON has no "id"` : 'the CSL JSON is not a list of works',
      {
        location: { file, line: lineOfItem(text, bad) },
        hint: 'a CSL JSON bibliography is a list of works, each with an "id" (its citation key) and a "type"',
      },
    );
  }
  return items as CslItem[];
}

/** The line where the n-th object of a JSON list opens (roughly: its n-th "{" at depth 1). */
function lineOfItem(text: string, index: number): number {
  let depth = 0;
  let seen = -1;
  let line = 1;
  for (const c of text) {
    if (c === '\n') line += 1;
    else if (c === '[' || c === '{') {
      if (c === '{' && depth === 1 && ++seen === index) return line;
      depth += 1;
    } else if (c === ']' || c === '}') depth -= 1;
  }
  return 1;
}
