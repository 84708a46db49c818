/**
 * Bad-input tests run the real CLI (compiled lib/, see test/global-setup.ts) on a small
 * article written to a fresh temporary folder, from which the CLI is run so that the
 * paths in its messages read "article/en.md:9:1".
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';

import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/editions.js';

export { ROOT };

const FIXTURE = path.join(ROOT, 'test/fixtures/second-article/images');

export const PNG = await readFile(path.join(FIXTURE, 'chart.png'));
export const SVG = await readFile(path.join(FIXTURE, 'map.svg'));

export function front(title: string, extra = 'author: Jane Doe\ndate: 2024-05-10'): string {
  return `---\ntitle: ${title}\n${extra}\n---\n`;
}

/** A good two-language article; a test overrides or adds files. The image is on line 9. */
export const GOOD: Record<string, string | Uint8Array> = {
  'en.md': `${front('Trams')}\nText.\n\n![A tram on the old bridge](images/tram.png)\n`,
  'it.md': `${front('Tram')}\nTesto.\n\n![Un tram sul ponte vecchio](images/tram.png)\n`,
  'images/tram.png': PNG,
};

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A temporary folder holding article/ with these files; returns the temporary folder. */
export async function makeArticle(
  files: Record<string, string | Uint8Array | null>,
): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'build-article-bad-'));
  made.push(cwd);
  await mkdir(path.join(cwd, 'article'));
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    const file = path.join(cwd, 'article', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return cwd;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(cwd: string, args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await runCli(args, {}, cwd);
  return { code: code ?? 1, stdout, stderr };
}

/** Build article/ into out/ (HTML and EPUB: no browser needed) with extra arguments. */
export function build(cwd: string, ...args: string[]): Promise<Run> {
  return cli(cwd, ['article', '-o', 'out', '-f', 'html,epub', ...args]);
}

/** Every edition file under `dir` (relative paths), or [] when there is none or no folder. */
export async function editions(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true });
    return entries.filter((e) => /\.(?:html|pdf|epub)$/.test(e)).sort();
  } catch {
    return [];
  }
}

/** Runs a build that must fail: exit 1, nothing written. Returns stderr. */
export async function failedBuild(cwd: string, ...args: string[]): Promise<string> {
  const run = await build(cwd, ...args);
  expect(run.code, run.stderr).toBe(1);
  expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  return run.stderr;
}
