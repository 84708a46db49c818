/**
 * Code blocks and callouts: a fence names a language shiki knows (code-language), a quote's
 * `[!WORD]` names a kind of callout (callout-kind), and the editions of one article have the
 * same code blocks, by language, and the same callouts, by kind, in the same order
 * (structure-code, structure-callouts), each edition compared with the first like the
 * figures and headings (structure.ts). A translator translates the comments and the words,
 * not the blocks. Pure.
 */
import type { Article, EditionSource } from '../article/load.js';
import { editDistance } from '../edit-distance.js';
import { CALLOUT_KINDS } from '../markdown/callouts.js';
import { type Finding, finding } from './findings.js';
import { compare, type Item } from './structure.js';

export function checkCodeAndCallouts(edition: EditionSource): Finding[] {
  const { file, doc } = edition;
  const languages = doc.codeProblems.map(({ lang, line, suggestions }) =>
    finding(
      'code-language',
      { file, line },
      `the code block's language "${lang}" is not one build-article can highlight: it is shown plain${meant(suggestions)}`,
      'name the language as shiki knows it (ts, python, bash, json…), or write ```text for a plain block',
    ),
  );
  const kinds = doc.calloutProblems.map(({ kind, line }) =>
    finding(
      'callout-kind',
      { file, line },
      `"[!${kind}]" is not a kind of callout: the quote is shown as a quote, marker and all${meant(closeKinds(kind))}`,
      `a callout starts with one of ${CALLOUT_KINDS.map((k) => `[!${k.toUpperCase()}]`).join(', ')}, alone on the quote's first line`,
    ),
  );
  return [...languages, ...kinds];
}

function meant(names: string[]): string {
  return names.length > 0 ? `; did you mean ${names.map((n) => `"${n}"`).join(' or ')}?` : '';
}

function closeKinds(kind: string): string[] {
  const typed = kind.toLowerCase();
  return CALLOUT_KINDS.filter((k) => editDistance(typed, k) <= 2).map(
    (k) => `[!${k.toUpperCase()}]`,
  );
}

export function checkCodeStructure(article: Article): Finding[] {
  const [first, ...others] = article.editions;
  if (!first) return [];
  return others.flatMap((edition) => {
    const files: [string, string, number] = [first.file, edition.file, edition.doc.firstLine ?? 1];
    return [
      ...compare(codeItems(first), codeItems(edition), files, {
        rule: 'structure-code',
        noun: 'code block',
        hint: 'every edition has the same code blocks in the same order, each fence naming the same language; translate the comments, keep the blocks',
      }),
      ...compare(calloutItems(first), calloutItems(edition), files, {
        rule: 'structure-callouts',
        noun: 'callout',
        hint: 'every edition has the same callouts in the same order, [!NOTE] for [!NOTE]; translate the words, keep the markers',
      }),
    ];
  });
}

function codeItems(edition: EditionSource): Item[] {
  return edition.doc.code.map(({ lang, line }) => ({
    key: lang,
    label: lang ? `\`\`\`${lang}` : 'a block without a language',
    at: { file: edition.file, line },
  }));
}

function calloutItems(edition: EditionSource): Item[] {
  return edition.doc.callouts.map(({ kind, line }) => ({
    key: kind,
    label: `[!${kind.toUpperCase()}]`,
    at: { file: edition.file, line },
  }));
}
