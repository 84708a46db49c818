/**
 * temml, the TeX typesetter, is loaded only by an article with math: the shipped article
 * (which has none) never loads it. Which modules a build loaded is read from Node's module
 * cache as the CLI exits, by a script preloaded with --require.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, ROOT } from '../helpers/editions.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'math-lazy-'));
  await writeFile(
    path.join(dir, 'record.cjs'),
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_LIST, Object.keys(require('node:module')._cache).join('\\n')));\n",
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function loadedBy(article: string, name: string): Promise<string[]> {
  const list = path.join(dir, `${name}.txt`);
  const ran = await runCli([article, '-o', path.join(dir, name), '-f', 'html,epub'], {
    NODE_OPTIONS: `--require ${path.join(dir, 'record.cjs')}`,
    LOADED_LIST: list,
  });
  expect(ran.code, ran.stderr).toBe(0);
  return (await readFile(list, 'utf8')).split('\n');
}

const isTemml = (file: string) => file.includes(`${path.sep}temml${path.sep}`);

describe('the math typesetter loads lazily', () => {
  it('the shipped article, without math, does not load temml', async () => {
    const loaded = await loadedBy(ARTICLES.article, 'article');
    // The record works: the build's own CommonJS dependencies are in it.
    expect(loaded.some((file) => file.includes(`${path.sep}epub-gen-memory${path.sep}`))).toBe(
      true,
    );
    expect(loaded.filter(isTemml)).toEqual([]);
  });

  it('the math article does load it', async () => {
    const loaded = await loadedBy(path.join(ROOT, 'test/fixtures/math-article'), 'math');
    expect(loaded.filter(isTemml)).not.toEqual([]);
  });
});
