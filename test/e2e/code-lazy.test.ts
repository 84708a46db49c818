/**
 * shiki and its grammars load only for an article whose code blocks name a language, and
 * then only the grammars they name: the shipped article (no code blocks) loads none of it,
 * an article with only plain blocks neither.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, ROOT } from '../helpers/editions.js';
import { type ModuleTrace, moduleTrace } from '../helpers/loaded-modules.js';

let trace: ModuleTrace;
let plainArticle: string;
beforeAll(async () => {
  trace = await moduleTrace('code-lazy-');
  plainArticle = await mkdtemp(path.join(os.tmpdir(), 'code-plain-'));
  await writeFile(
    path.join(plainArticle, 'en.md'),
    '---\ntitle: Plain code\nauthor: Test Author\ndate: 2024-06-01\n---\n\nText.\n\n```\nplain\n```\n\n```text\nalso plain\n```\n',
  );
});
afterAll(async () => {
  await trace.close();
  await rm(plainArticle, { recursive: true, force: true });
});

const shikiModules = (loaded: string[]) =>
  loaded.filter((file) => /[/\\](shiki|@shikijs)[/\\]|bundle-highlight-/.test(file));
const grammars = (loaded: string[]) =>
  [
    ...new Set(
      loaded.flatMap(
        (file) => /@shikijs[/\\]langs[/\\]dist[/\\]([\w-]+)\.mjs$/.exec(file)?.[1] ?? [],
      ),
    ),
  ].sort();

describe('the code modules load lazily', () => {
  it('the shipped article, without code blocks, loads nothing of shiki', async () => {
    const loaded = await trace.loadedBy(ARTICLES.article, 'article');
    // The records work: the CLI's bundle and resvg (loaded through require()) are in them.
    expect(loaded.some((file) => file.includes('cli.bundle.js'))).toBe(true);
    expect(loaded.some((file) => file.includes(`${path.sep}@resvg${path.sep}`))).toBe(true);
    expect(shikiModules(loaded)).toEqual([]);
  });

  it('an article with only plain code blocks loads nothing of shiki', async () => {
    expect(shikiModules(await trace.loadedBy(plainArticle, 'plain'))).toEqual([]);
  });

  it('the rich article loads shiki and only the grammars its fences name', async () => {
    const loaded = await trace.loadedBy(path.join(ROOT, 'test/fixtures/rich-article'), 'rich');
    expect(shikiModules(loaded).some((file) => file.includes('bundle-highlight-'))).toBe(true);
    // TypeScript and Python, and nothing else (neither grammar embeds another).
    expect(grammars(loaded)).toEqual(['python', 'typescript']);
  });
});
