/** Editions and articles built in memory from Markdown text, for the pure checks. */
import { parseFrontMatter, splitFrontMatter } from '../../src/article/front-matter.js';
import { resolveImagePath } from '../../src/article/images.js';
import type { Article, EditionSource } from '../../src/article/load.js';
import { parseDocument } from '../../src/markdown/document.js';

export const FRONT = (title = 'A title', extra = 'author: Jane Doe\ndate: 2024-05-10') =>
  `---\ntitle: ${title}\n${extra}\n---\n`;

/** `text` is a whole language file: front matter (use FRONT()) and Markdown. */
export function edition(lang: string, text: string, file = `${lang}.md`): EditionSource {
  const split = splitFrontMatter(text, file);
  return {
    lang,
    file,
    meta: parseFrontMatter(split.yaml, file),
    doc: parseDocument(split.body, lang, split.bodyOffset),
    mtime: 0,
  };
}

/** An article of these editions whose images all exist (paths resolved, files not read). */
export function article(...editions: EditionSource[]): Article {
  const imagePaths = new Map<string, string>();
  for (const e of editions) {
    for (const image of e.doc.images) {
      imagePaths.set(image.src, resolveImagePath('/article', image.src, { file: e.file }));
    }
  }
  return {
    dir: '/article',
    name: 'article',
    editions,
    assets: new Map(),
    imagePaths,
    problems: [],
  };
}
