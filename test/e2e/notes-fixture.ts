/**
 * The notes tests' articles: the shipped essay and the second article in both languages
 * (built once by test/global-setup.ts), and test/fixtures/notes-article, whose notes take
 * every shape Markdown gives them (a note cited twice, one inline, one with two paragraphs,
 * one with a list, one called from another note, one in a quotation, one in a table cell, a long one just above a figure,
 * raw HTML with an id). That one is built here with the real CLI, HTML and EPUB only.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import markdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, editions, ROOT } from '../helpers/editions.js';

export const NOTES_ARTICLE = path.join(ROOT, 'test/fixtures/notes-article');

export interface NotesEdition {
  name: string;
  lang: string;
  /** The edition file. */
  path: string;
  /** The Markdown it was built from. */
  source: string;
}

/** Builds the notes article into a temporary folder; returns its editions and a clean-up. */
export async function buildNotesArticle(
  format: 'html' | 'epub',
): Promise<{ editions: NotesEdition[]; remove: () => Promise<void> }> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'build-article-notes-'));
  const ran = await runCli([NOTES_ARTICLE, '-o', out, '-f', format, '-q']);
  if (ran.code !== 0) throw new Error(`building the notes article failed:\n${ran.stderr}`);
  const files = await readdir(out, { recursive: true });
  const built = files
    .filter((f) => f.endsWith(`.${format}`))
    .map((f) => {
      const lang = f.split(path.sep)[0] ?? '';
      return {
        name: 'notes',
        lang,
        path: path.join(out, f),
        source: path.join(NOTES_ARTICLE, `${lang}.md`),
      };
    });
  return { editions: built, remove: () => rm(out, { recursive: true, force: true }) };
}

/** The shipped essay's and the second article's editions of a format, in both languages. */
export function sharedEditions(format: 'html' | 'epub'): NotesEdition[] {
  return (['article', 'second'] as const).flatMap((name) =>
    editions(name, format).map((e) => ({
      name,
      lang: e.lang,
      path: e.path,
      source: path.join(ARTICLES[name], `${e.lang}.md`),
    })),
  );
}

/**
 * The notes and references a Markdown file has, counted by markdown-it-footnote itself on a
 * bare markdown-it (none of build-article's rules): how many notes the text refers to, and
 * how many references there are (a note cited twice counts twice).
 */
export async function markdownNotes(
  file: string,
): Promise<{ notes: number; refs: number; fromText: number }> {
  const text = await readFile(file, 'utf8');
  const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const tokens = markdownIt('commonmark', { html: true })
    .enable('table')
    .use(footnote)
    .parse(body, {});
  const inline = tokens.flatMap((t) => t.children ?? []);
  // The notes the text itself refers to (not only another note): the tail of notes starts
  // at footnote_block_open.
  const tail = tokens.findIndex((t) => t.type === 'footnote_block_open');
  const running = tail < 0 ? tokens : tokens.slice(0, tail);
  const fromText = new Set(
    running
      .flatMap((t) => t.children ?? [])
      .filter((t) => t.type === 'footnote_ref')
      .map((t) => (t.meta as { id: number }).id),
  );
  return {
    notes: tokens.filter((t) => t.type === 'footnote_open').length,
    refs: inline.filter((t) => t.type === 'footnote_ref').length,
    fromText: fromText.size,
  };
}
