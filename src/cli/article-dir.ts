/**
 * Which folder is the article when none is named: ./article, else the working folder when
 * it holds language files (en.md…), else there is no article and the user is told how to
 * start one.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { languageTagOf } from '../article/language.js';
import { UserError } from '../errors.js';

export const DEFAULT_ARTICLE_DIR = 'article';

export function resolveArticleDir(given: string | undefined, cwd = process.cwd()): string {
  if (given !== undefined) return given;
  if (isFolder(path.join(cwd, DEFAULT_ARTICLE_DIR))) return DEFAULT_ARTICLE_DIR;
  if (holdsLanguageFiles(cwd)) return '.';
  throw new UserError(
    'no article here: there is no "article" folder, and this folder holds no language file (en.md, it.md…)',
    {
      hint: 'start one with "build-article init" (it writes article/en.md and its images), or name the article folder: "build-article path/to/article"',
    },
  );
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function holdsLanguageFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some(
      (entry) =>
        path.extname(entry).toLowerCase() === '.md' &&
        languageTagOf(path.basename(entry, path.extname(entry))) !== undefined,
    );
  } catch {
    return false;
  }
}
