/**
 * Read an article folder: one Markdown file per language (edition-file.ts reads each), and
 * the images its Markdown refers to. All of the article's file reading starts here.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../check/findings.js';
import { UserError } from '../errors.js';
import type { ParsedDocument } from '../markdown/parsed-document.js';
import { type ParseCache, readEdition } from './edition-file.js';
import { fileNameFrom } from './file-name.js';
import type { FrontMatter } from './front-matter.js';
import { type Asset, readAsset, refuseCoverFormat, resolveImagePath } from './images.js';
import { attempt, InputError } from './input-error.js';
import { languageTagOf } from './language.js';

export interface EditionSource {
  lang: string;
  /** The Markdown file as the user would name it (relative to the working folder). */
  file: string;
  meta: FrontMatter;
  doc: ParsedDocument;
  /** Latest modification time of the Markdown file, in seconds since the epoch. */
  mtime: number;
}

export interface Article {
  dir: string;
  /** The folder's name made safe for a file name (file-name.ts), the fallback for file names. */
  name: string;
  /** The editions that could be read; one that could not is reported in `problems`. */
  editions: EditionSource[];
  /** Images by their path inside the article folder ("images/x.svg"). */
  assets: Map<string, Asset>;
  /** Image src as written in the Markdown -> path inside the folder. */
  imagePaths: Map<string, string>;
  /**
   * Errors found while reading (a file that is not UTF-8, bad front matter, a missing,
   * remote or corrupt image), all of them at once. checkArticle() reports them first;
   * an article with problems must not be rendered.
   */
  problems?: Finding[];
}

/**
 * Reads every language of the folder: the editions link to each other and are checked
 * together. A folder that cannot be an article throws a UserError; problems in its
 * files are collected in `problems`.
 */
export async function loadArticle(dir: string, cache?: ParseCache): Promise<Article> {
  const root = path.resolve(dir);
  const files = await languageFiles(root, dir);
  const read = await Promise.all(
    files.map((f) => attempt(() => readEdition(root, f.path, f.lang, cache))),
  );
  if (cache) {
    for (const lang of cache.keys()) {
      if (!files.some((f) => `${f.lang}\0${f.path}` === lang)) cache.delete(lang);
    }
  }
  const editions = read.flatMap((r) => (r.ok ? [r.value] : []));
  const problems = read.flatMap((r) => (r.ok ? [] : r.problems));
  const images = await readImages(root, editions, cache && keptAssets(cache));
  problems.push(...images.problems);
  // Only an article that cites, or names a bibliography, loads what sets citations.
  if (editions.some((e) => e.meta.bibliography !== undefined || e.doc.citations.length > 0)) {
    const { applyCitations } = await import('./citations.js');
    problems.push(...(await applyCitations(root, editions)));
  }
  return {
    dir: root,
    name: fileNameFrom(path.basename(root)),
    editions,
    assets: images.assets,
    imagePaths: images.imagePaths,
    problems,
  };
}

async function languageFiles(root: string, shown: string) {
  const entries = await listFolder(root, shown);
  const files: { lang: string; path: string }[] = [];
  for (const entry of entries.sort()) {
    if (path.extname(entry).toLowerCase() !== '.md') continue;
    const lang = languageTagOf(path.basename(entry, path.extname(entry)));
    const display = path.relative(process.cwd(), path.join(root, entry)) || entry;
    if (!lang) {
      throw new UserError(`"${entry}" is not named by a language tag`, {
        location: { file: display },
        hint: 'name each language file by its BCP 47 tag, such as en.md, it.md or pt-BR.md; keep other Markdown files outside the article folder',
      });
    }
    const twin = files.find((f) => f.lang === lang);
    if (twin) {
      throw new UserError(
        `"${entry}" and "${path.basename(twin.path)}" are both the ${lang} edition`,
        {
          location: { file: display },
          hint: 'keep one Markdown file per language',
        },
      );
    }
    files.push({ lang, path: display });
  }
  if (files.length === 0) {
    throw new UserError(
      entries.length === 0
        ? `article folder "${shown}" is empty`
        : `article folder "${shown}" holds no language file`,
      {
        location: { file: shown },
        hint: 'add one Markdown file per language named by its tag, such as en.md and it.md',
      },
    );
  }
  return files;
}

async function listFolder(root: string, shown: string): Promise<string[]> {
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
    return await readdir(root);
  } catch (error) {
    throw new UserError(`article folder "${shown}" does not exist or is not a folder`, {
      hint: 'pass the folder holding en.md (and other languages), e.g. "build-article check article"',
      location: { file: shown },
      cause: error,
    });
  }
}

/** The images a process that keeps its parses has read and checked, by path. */
const assetsByCache = new WeakMap<ParseCache, Map<string, Asset>>();

function keptAssets(cache: ParseCache): Map<string, Asset> {
  let kept = assetsByCache.get(cache);
  if (!kept) {
    kept = new Map();
    assetsByCache.set(cache, kept);
  }
  return kept;
}

async function readImages(
  root: string,
  editions: EditionSource[],
  kept: Map<string, Asset> | undefined,
) {
  const imagePaths = new Map<string, string>();
  const problems: Finding[] = [];
  const pending = new Map<string, { file: string; line: number; column: number }>();
  const covers = new Map<string, { file: string; line: number; column: number }>();
  for (const edition of editions) {
    const cover = edition.meta.cover;
    for (const image of cover ? [...edition.doc.images, cover] : edition.doc.images) {
      const at = { file: edition.file, line: image.line, column: image.column };
      try {
        const rel = resolveImagePath(root, image.src, at);
        imagePaths.set(image.src, rel);
        if (!pending.has(rel)) pending.set(rel, at);
        if (image === cover && !covers.has(rel)) covers.set(rel, at);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.toFindings());
      }
    }
  }
  const read = await Promise.all(
    [...pending].map(([rel, at]) =>
      attempt(async () => {
        const asset = await readAsset(root, rel, at, kept);
        const cover = covers.get(rel);
        if (cover) refuseCoverFormat(asset, cover);
        return asset;
      }),
    ),
  );
  for (const rel of kept?.keys() ?? []) if (!pending.has(rel)) kept?.delete(rel);
  const assets = new Map<string, Asset>();
  for (const r of read) {
    if (r.ok) assets.set(r.value.rel, r.value);
    else problems.push(...r.problems);
  }
  return { assets, imagePaths, problems };
}
