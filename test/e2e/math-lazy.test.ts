/**
 * temml, the TeX typesetter, and the math face's cutter are loaded only by an article with
 * math, citeproc-js and citation-js only by one with citations: the shipped article (which
 * has neither) loads none of them. Which modules a build loaded is
 * recorded by preloaded scripts: ES modules as Node's loader resolves them (a module hook),
 * CommonJS ones from Node's module cache as the CLI exits.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, ROOT } from '../helpers/editions.js';

const RECORDERS = {
  'hooks.mjs':
    "import { appendFileSync } from 'node:fs';\n" +
    'export async function resolve(specifier, context, next) {\n' +
    '  const resolved = await next(specifier, context);\n' +
    "  appendFileSync(process.env.LOADED_LIST, resolved.url + '\\n');\n" +
    '  return resolved;\n' +
    '}\n',
  'register.mjs':
    "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
  'record.cjs':
    "process.on('exit', () => require('node:fs').appendFileSync(process.env.LOADED_LIST, Object.keys(require('node:module')._cache).join('\\n')));\n",
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'math-lazy-'));
  for (const [name, text] of Object.entries(RECORDERS)) await writeFile(path.join(dir, name), text);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function loadedBy(article: string, name: string): Promise<string[]> {
  const list = path.join(dir, `${name}.txt`);
  const register = pathToFileURL(path.join(dir, 'register.mjs')).href;
  const ran = await runCli([article, '-o', path.join(dir, name), '-f', 'html,epub'], {
    NODE_OPTIONS: `--import ${register} --require ${path.join(dir, 'record.cjs')}`,
    LOADED_LIST: list,
  });
  expect(ran.code, ran.stderr).toBe(0);
  return (await readFile(list, 'utf8')).split('\n');
}

const mathModules = (loaded: string[]) =>
  loaded.filter((file) => /[/\\]temml[/\\]|bundle-math-font-/.test(file));
/**
 * citeproc-js, citation-js and the chunks that read a bibliography (src/article/citations.ts)
 * and set citations (src/markdown/cite-format.ts).
 */
const citationModules = (loaded: string[]) =>
  loaded.filter((file) =>
    /[/\\](?:citeproc|@citation-js)[/\\]|bundle-cite-format-|bundle-citations-/.test(file),
  );

describe('the math modules load lazily', () => {
  it('the shipped article, without math, loads neither temml nor the math face cutter', async () => {
    const loaded = await loadedBy(ARTICLES.article, 'article');
    // The records work: the CLI's bundle and resvg (which draws the EPUB's cover, through
    // require()) are in them.
    expect(loaded.some((file) => file.includes('cli.bundle.js'))).toBe(true);
    expect(loaded.some((file) => file.includes(`${path.sep}@resvg${path.sep}`))).toBe(true);
    expect(mathModules(loaded)).toEqual([]);
    expect(citationModules(loaded)).toEqual([]);
  });

  it('the math article loads both', async () => {
    const loaded = await loadedBy(path.join(ROOT, 'test/fixtures/math-article'), 'math');
    const found = mathModules(loaded);
    expect(found.some((file) => file.includes('temml'))).toBe(true);
    expect(found.some((file) => file.includes('bundle-math-font-'))).toBe(true);
  });
});

describe('the citation modules load lazily', () => {
  it('the citation article loads citeproc-js, citation-js and the citation chunk', async () => {
    const loaded = await loadedBy(path.join(ROOT, 'test/fixtures/cite-article'), 'cite');
    const found = citationModules(loaded);
    expect(found.some((file) => /[/\\]citeproc[/\\]/.test(file))).toBe(true);
    expect(found.some((file) => /[/\\]@citation-js[/\\]plugin-bibtex[/\\]/.test(file))).toBe(true);
    expect(found.some((file) => file.includes('bundle-cite-format-'))).toBe(true);
    expect(found.some((file) => file.includes('bundle-citations-'))).toBe(true);
  });
});
