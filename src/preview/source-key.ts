/**
 * A fingerprint of everything one edition's HTML, PDF and EPUB are made from, so that a
 * save re-renders only the languages it touches (a title change touches every language:
 * each edition names the others).
 */
import { createHash } from 'node:crypto';
import { parsedFrom } from '../article/edition-file.js';
import type { Article, EditionSource } from '../article/load.js';
import type { ParsedDocument } from '../markdown/parsed-document.js';

/**
 * The fingerprint of each parsed document: a language whose file did not change keeps its
 * parse (edition-file.ts's ParseCache), so its tokens are serialised once, not after every save.
 */
const tokenDigests = new WeakMap<ParsedDocument, string>();

function tokensDigest(doc: ParsedDocument): string {
  let known = tokenDigests.get(doc);
  if (known === undefined) {
    // A parse made from a text is fingerprinted by the text: serialising the tokens of a
    // long article after each save took tens of milliseconds.
    const text = parsedFrom(doc);
    known = text === undefined ? digest(JSON.stringify(doc.tokens)) : `t${digest(text)}`;
    tokenDigests.set(doc, known);
  }
  return known;
}

export function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 20);
}

export function sourceKey(
  article: Article,
  edition: EditionSource,
  templatesGeneration: number,
  sourceDateEpoch: number | undefined,
): string {
  const images = edition.doc.images.map((image) => {
    const rel = article.imagePaths.get(image.src);
    return [image.src, rel, rel === undefined ? undefined : article.assets.get(rel)?.sha256];
  });
  const others = article.editions.map((e) => [e.lang, e.meta.title]);
  // The file's time is the edition's date only when nothing else dates it.
  const mtime =
    sourceDateEpoch === undefined &&
    edition.meta.date === undefined &&
    edition.meta.updated === undefined
      ? edition.mtime
      : undefined;
  try {
    return digest(
      JSON.stringify([
        templatesGeneration,
        sourceDateEpoch,
        article.name,
        edition.lang,
        edition.file,
        mtime,
        edition.meta,
        others,
        images,
        tokensDigest(edition.doc),
      ]),
    );
  } catch {
    // A token that cannot be serialised: never reuse, always render again.
    return `unique-${performance.now()}-${Math.random()}`;
  }
}
