/**
 * Fenced code highlighted at build time by shiki, with GitHub's light and dark themes (every
 * token colour at least 4.5:1 against its background in both: test/markdown/code-callouts.test.ts).
 * Loaded only for an edition whose fences name a language, and each grammar the first time
 * a fence names it. The regexes run in Oniguruma's WebAssembly build, which shiki ships: it
 * highlighted the test article's first TypeScript block in about half the time the JavaScript
 * engine took to translate the grammar's regexes (0.9 s against 2 s on a loaded machine).
 * shiki writes the code's text escaped, so its HTML goes into the body as it is: the
 * sanitiser only ever sees the raw HTML the writer typed.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import dark from '@shikijs/themes/github-dark-default';
import light from '@shikijs/themes/github-light-default';
import type { Token } from 'markdown-it';
import { createHighlighterCore, type HighlighterCore, type ShikiTransformer } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { bundledLanguagesInfo } from 'shiki/langs';
import { editDistance } from '../edit-distance.js';
import { codeBlocks, PLAIN_LANGUAGES } from './code.js';
import type { ParsedDocument } from './parsed-document.js';

export const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

type LanguageInfo = (typeof bundledLanguagesInfo)[number];

/** Every name a fence may use (ids and aliases) -> its grammar. */
const byName = new Map<string, LanguageInfo>(
  bundledLanguagesInfo.flatMap((info) =>
    [info.id, ...(info.aliases ?? [])].map((name) => [name.toLowerCase(), info] as const),
  ),
);

let highlighter: Promise<HighlighterCore> | undefined;

/** One highlighter per process (the preview rebuilds with it), its grammars added as needed. */
export function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [light, dark],
    langs: [],
    // Oniguruma, the grammars' own regex engine, as WebAssembly read from shiki's package.
    engine: createOnigurumaEngine(
      readFile(createRequire(import.meta.url).resolve('shiki/onig.wasm')),
    ),
  });
  return highlighter;
}

/**
 * Sets each fence that names a known language as highlighted HTML into its token's meta, and
 * records each unknown language with the names it may have meant (that fence stays plain).
 */
export async function highlightCode(doc: ParsedDocument): Promise<void> {
  const shiki = await getHighlighter();
  for (const { ref, token } of codeBlocks(doc)) {
    if (PLAIN_LANGUAGES.has(ref.lang)) continue;
    const info = byName.get(ref.lang);
    if (!info) {
      doc.codeProblems.push({ ...ref, suggestions: closeLanguages(ref.lang) });
      continue;
    }
    if (!shiki.getLoadedLanguages().includes(info.id)) await shiki.loadLanguage(info.import());
    const code = token.content.replace(/\n$/, '');
    const transformers = [writtenAttributes(token)];
    token.meta = {
      ...token.meta,
      highlighted: {
        dual: shiki.codeToHtml(code, {
          lang: info.id,
          themes: THEMES,
          defaultColor: 'light',
          transformers,
        }),
        light: shiki.codeToHtml(code, { lang: info.id, theme: THEMES.light, transformers }),
      },
    };
  }
}

/**
 * The `{#id .class}` written after a fence, on the block as markdown-it would put them:
 * `{.numberLines}` numbers its lines (code.css).
 */
function writtenAttributes(token: Token): ShikiTransformer {
  return {
    pre(node) {
      const id = token.attrGet('id');
      if (id) node.properties.id = String(id);
      for (const name of String(token.attrGet('class') ?? '').split(/\s+/)) {
        if (name) this.addClassToHast(node, name);
      }
    },
  };
}

/** The language names nearest to an unknown one, nearest first. */
export function closeLanguages(lang: string): string[] {
  return [...byName.keys()]
    .map((name) => ({ name, distance: editDistance(lang, name) }))
    .filter((c) => c.distance <= 2 && c.distance < c.name.length && c.distance < lang.length)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
}
