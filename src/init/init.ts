/**
 * `build-article init`: a new user's first article, copied from templates/init/ (text and
 * images are data there, not strings here). It only ever creates files: one that exists
 * is never overwritten, and a folder that already holds an article is left alone.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endonym, languageTagOf } from '../article/language.js';
import { EXIT, UserError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const STARTER = fileURLToPath(new URL('templates/init/', PACKAGE_ROOT));

/** Where the CI workflow goes in the project, as GitHub expects it. */
export const WORKFLOW_FILE = '.github/workflows/editions.yml';

/** What the project's .gitignore must hold: the default output folder. */
const IGNORED = '/dist/';

export interface InitOptions {
  /** The article folder to create, relative to `root`. */
  dir: string;
  /** Language tags, one Markdown file each. */
  langs: string[];
  /** Also write a GitHub workflow that checks and builds the article. */
  ci?: boolean;
  /** The project folder, where .gitignore and the workflow go (default: the working folder). */
  root?: string;
}

export interface InitResult {
  /** The files written, relative to the project folder. */
  written: string[];
  /** What happened to the project's .gitignore. */
  gitignore: 'written' | 'appended' | 'kept';
  /** Languages that got the English text, having no starter text of their own. */
  untranslated: string[];
}

interface PlannedFile {
  /** Relative to the project folder. */
  target: string;
  content: Uint8Array | string;
}

export async function initArticle(options: InitOptions): Promise<InitResult> {
  const root = path.resolve(options.root ?? '.');
  const langs = canonicalLangs(options.langs);
  const { files, untranslated } = await planArticle(options.dir, langs);
  if (options.ci) files.push({ target: WORKFLOW_FILE, content: await workflow(options.dir) });
  await refuseExisting(root, options.dir, files);
  const written: string[] = [];
  for (const file of files) {
    const full = path.join(root, file.target);
    try {
      await mkdir(path.dirname(full), { recursive: true });
      // 'wx' creates the file or fails: nothing that appeared since the check is overwritten.
      await writeFile(full, file.content, { flag: 'wx' });
    } catch (error) {
      throw new UserError(`cannot write "${file.target}": ${(error as Error).message}`, {
        location: { file: file.target },
        hint: 'start the article in a folder you can write to, where no file is in the way of its folders',
        cause: error,
      });
    }
    written.push(file.target);
  }
  const gitignore = await ignoreOutput(root);
  if (gitignore === 'written') written.push('.gitignore');
  return { written, gitignore, untranslated };
}

/** "EN" -> "en"; a word that is no language tag is a usage error. */
function canonicalLangs(langs: string[]): string[] {
  const tags = langs.map((lang) => {
    const tag = languageTagOf(lang.trim());
    if (!tag) {
      throw new UserError(`--lang has "${lang}", which is not a language tag`, {
        hint: 'name languages by their BCP 47 tags, comma-separated, e.g. --lang en,it or --lang pt-BR',
        exitCode: EXIT.usage,
      });
    }
    return tag;
  });
  if (tags.length === 0) {
    throw new UserError('--lang is empty', {
      hint: 'name the languages to start with, e.g. --lang en,it, or leave --lang out for English',
      exitCode: EXIT.usage,
    });
  }
  return [...new Set(tags)];
}

async function planArticle(dir: string, langs: string[]) {
  const files: PlannedFile[] = [];
  const untranslated: string[] = [];
  for (const lang of langs) {
    const own = (await starterText(lang)) ?? (await starterText(lang.split('-')[0] ?? lang));
    if (own === undefined) untranslated.push(lang);
    files.push({ target: path.join(dir, `${lang}.md`), content: own ?? (await english(lang)) });
  }
  for (const image of (await readdir(path.join(STARTER, 'images'))).sort()) {
    files.push({
      target: path.join(dir, 'images', image),
      content: await readFile(path.join(STARTER, 'images', image)),
    });
  }
  return { files, untranslated };
}

async function starterText(lang: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(STARTER, `${lang}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The English text, with a note in its front matter saying it awaits translation. */
async function english(lang: string): Promise<string> {
  const text = await readFile(path.join(STARTER, 'en.md'), 'utf8');
  const note = (await readFile(path.join(STARTER, 'untranslated-note.txt'), 'utf8'))
    .trim()
    .replaceAll('{{language}}', `${endonym(lang)} (${lang})`);
  return text.replace(/^---\n/, `---\n${note}\n`);
}

async function workflow(dir: string): Promise<string> {
  const text = await readFile(path.join(STARTER, 'workflow.yml'), 'utf8');
  return text.replaceAll('{{article}}', shellWord(dir.split(path.sep).join('/')));
}

/** A folder name as one shell word; most names need no quotes. */
function shellWord(word: string): string {
  return /^[\w./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

async function refuseExisting(root: string, dir: string, files: PlannedFile[]): Promise<void> {
  const existing = (
    await Promise.all(
      files.map(async (f) => ((await exists(path.join(root, f.target))) ? [f] : [])),
    )
  ).flat();
  // A language file named first: it is what the user would lose.
  existing.sort((a, b) => Number(b.target.endsWith('.md')) - Number(a.target.endsWith('.md')));
  const article = await languageFilesIn(path.join(root, dir));
  if (existing.length === 0 && article.length === 0) return;
  const holds = article.length > 0 && !existing[0]?.target.endsWith('.md');
  const shown = holds ? path.join(dir, article[0] ?? '') : existing[0]?.target;
  const more = existing.length > 1 ? ` (and ${existing.length - 1} more)` : '';
  throw new UserError(
    holds
      ? `"${dir}" already holds an article (${article.join(', ')})`
      : `"${shown}" already exists${more}; init writes only new files`,
    {
      location: { file: shown ?? dir },
      hint: `start the article in a new folder, e.g. "build-article init my-article", or move the existing files away; "build-article check ${dir}" checks what is there`,
    },
  );
}

async function languageFilesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir);
    return entries.filter((e) => e.toLowerCase().endsWith('.md') && languageTagOf(e.slice(0, -3)));
  } catch {
    return [];
  }
}

/** Adds the output folder to the project's .gitignore, or writes one. */
async function ignoreOutput(root: string): Promise<InitResult['gitignore']> {
  const file = path.join(root, '.gitignore');
  let current: string;
  try {
    current = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(`cannot read "${file}": ${(error as Error).message}`, {
        hint: 'make .gitignore a readable file, or remove it and run init again',
      });
    }
    await writeFile(file, await readFile(path.join(STARTER, 'gitignore')), { flag: 'wx' });
    return 'written';
  }
  const lines = current.split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => ['dist', 'dist/', '/dist', '/dist/'].includes(l))) return 'kept';
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  await writeFile(file, `${current}${separator}${IGNORED}\n`);
  return 'appended';
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
