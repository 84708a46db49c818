/**
 * Citations set once the article is read: each edition's bibliography file and style are
 * read (bibliography.ts), its citations set in its language and its bibliography placed
 * at the end of its text, before the notes. An edition that neither cites nor names a
 * bibliography costs nothing here: the CSL processor is imported only for one that does.
 */
import markdownIt, { type Token } from 'markdown-it';
import type { Finding } from '../check/findings.js';
import type { SourceLocation } from '../errors.js';
import type { CitationMeta } from '../markdown/citations.js';
import type { CslItem } from '../markdown/cite-format.js';
import { parseBibliography, readArticleText, resolveArticleFile } from './bibliography.js';
import { InputError } from './input-error.js';
import type { EditionSource } from './load.js';

interface Works {
  items: CslItem[];
  style: string | undefined;
}

export async function applyCitations(root: string, editions: EditionSource[]): Promise<Finding[]> {
  const files = new Map<string, Promise<unknown>>();
  /** Each file read and parsed once, whichever editions name it. */
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!files.has(key)) files.set(key, read());
    return files.get(key) as Promise<T>;
  };
  const problems: Finding[] = [];
  await Promise.all(
    editions.map(async (edition) => {
      try {
        const works = await worksOf(root, edition, once);
        if (works) await setCitations(edition, works);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.toFindings());
      }
    }),
  );
  // The same bad file, named by every edition, is one problem.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.message}`;
    return !seen.has(key) && seen.add(key);
  });
}

type Once = <T>(key: string, read: () => Promise<T>) => Promise<T>;

async function worksOf(
  root: string,
  edition: EditionSource,
  once: Once,
): Promise<Works | undefined> {
  const { meta, doc, file } = edition;
  const at = (key: string): SourceLocation => ({
    file,
    ...(meta.locations?.[key] ?? { line: 1, column: 1 }),
  });
  if (meta.bibliography === undefined) {
    const first = doc.citations[0];
    if (!first) return undefined;
    throw new InputError(
      'cite-no-bibliography',
      'the edition cites works but names no bibliography',
      {
        location: { file, line: first.line, column: first.column },
        hint: 'add "bibliography: references.bib" (a BibTeX or CSL JSON file in the article folder) to the front matter',
      },
    );
  }
  const bib = resolveArticleFile(root, meta.bibliography, at('bibliography'), 'bibliography');
  const items = await once(`bib:${bib.abs}`, async () =>
    parseBibliography(
      await readArticleText(root, bib, at('bibliography'), 'bibliography'),
      bib.shown,
    ),
  );
  if (meta.csl === undefined) return { items, style: undefined };
  const csl = resolveArticleFile(root, meta.csl, at('csl'), 'csl');
  const style = await once(`csl:${csl.abs}`, async () => {
    const text = await readArticleText(root, csl, at('csl'), 'csl');
    if (!/<style[\s>]/.test(text)) {
      throw new InputError('csl-style', `"${csl.shown}" is not a CSL style`, {
        location: { file: csl.shown, line: 1 },
        hint: 'name a CSL style file (.csl, XML with a <style> element), such as one from the Zotero style repository, saved in the article folder',
      });
    }
    return text;
  });
  return { items, style };
}

async function setCitations(edition: EditionSource, works: Works): Promise<void> {
  const { doc } = edition;
  doc.bibliographyKeys = works.items.map((item) => item.id);
  const tokens = citationTokens(doc.tokens);
  if (tokens.length === 0) return;
  const { formatCitations, shippedStyle } = await import('../markdown/cite-format.js');
  let set: ReturnType<typeof formatCitations>;
  try {
    set = formatCitations(tokens, works.items, works.style ?? shippedStyle(), edition.lang);
  } catch (error) {
    // citeproc-js throws strings for a style it cannot read.
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError('csl-style', `the citation style cannot be used: ${message}`, {
      location: { file: edition.file, ...(edition.meta.locations?.csl ?? { line: 1 }) },
      hint: 'name a valid CSL 1.0 style file, or leave "csl:" out for APA',
    });
  }
  doc.citationLocale = set.locale;
  const { entries } = set;
  if (entries.length === 0) return;
  const token = new markdownIt.Token('bibliography', 'section', 0);
  token.block = true;
  token.meta = { entries };
  const notes = doc.tokens.findIndex((t) => t.type === 'footnote_block_open');
  doc.tokens.splice(notes < 0 ? doc.tokens.length : notes, 0, token);
  doc.bibliography = entries;
}

function citationTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((token) =>
    (token.children ?? []).filter(
      (child) => child.type === 'citation' && (child.meta as CitationMeta).items.length > 0,
    ),
  );
}
