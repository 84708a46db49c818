/**
 * Read an article folder: one Markdown file per language, its front matter, and the
 * images its Markdown refers to. All of the article's file reading happens here.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { type ParsedDocument, parseDocument } from '../markdown/document.js';
import { type FrontMatter, parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { type Asset, readAsset, resolveImagePath } from './images.js';
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
  /** The folder's name, the fallback for file names. */
  name: string;
  editions: EditionSource[];
  /** Images by their path inside the article folder ("images/x.svg"). */
  assets: Map<string, Asset>;
  /** Image src as written in the Markdown -> path inside the folder. */
  imagePaths: Map<string, string>;
}

/** Reads every language of the folder: the editions link to each other and are checked together. */
export async function loadArticle(dir: string): Promise<Article> {
  const root = path.resolve(dir);
  const files = await languageFiles(root, dir);
  const editions = await Promise.all(files.map((f) => readEdition(f.path, f.lang)));
  const { assets, imagePaths } = await readImages(root, editions);
  return { dir: root, name: path.basename(root), editions, assets, imagePaths };
}

async function languageFiles(root: string, shown: string) {
  let entries: string[];
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
    entries = await readdir(root);
  } catch (error) {
    throw new UserError(`article folder "${shown}" does not exist or is not a folder`, {
      hint: 'pass the folder holding en.md (and other languages), e.g. "build-article article"',
      location: { file: shown },
      cause: error,
    });
  }
  const files = [];
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
    files.push({ lang, path: display });
  }
  if (files.length === 0) {
    throw new UserError(`article folder "${shown}" holds no language file`, {
      location: { file: shown },
      hint: 'add one Markdown file per language named by its tag, such as en.md',
    });
  }
  return files;
}

async function readEdition(file: string, lang: string): Promise<EditionSource> {
  const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
  const text = decodeUtf8(bytes, file).replace(/^\uFEFF/, '');
  const split = splitFrontMatter(text, file);
  const meta = parseFrontMatter(split.yaml, file);
  const doc = parseDocument(split.body, lang, split.bodyOffset);
  return { lang, file, meta, doc, mtime: Math.floor(info.mtimeMs / 1000) };
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new UserError('the file is not valid UTF-8 text', {
      location: { file, line },
      hint: 'save the file as UTF-8 in your editor (for example: iconv -f latin1 -t utf-8)',
    });
  }
}

async function readImages(root: string, editions: EditionSource[]) {
  const imagePaths = new Map<string, string>();
  const pending = new Map<string, { file: string; line: number }>();
  for (const edition of editions) {
    for (const image of edition.doc.images) {
      const at = { file: edition.file, line: image.line };
      const rel = resolveImagePath(root, image.src, at);
      imagePaths.set(image.src, rel);
      if (!pending.has(rel)) pending.set(rel, at);
    }
  }
  const loaded = await Promise.all([...pending].map(([rel, at]) => readAsset(root, rel, at)));
  return { assets: new Map(loaded.map((a) => [a.rel, a])), imagePaths };
}
