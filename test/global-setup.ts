/**
 * Bundle build-article, then build every edition of the shipped article and of the
 * test articles (helpers/editions.ts) once, with the real CLI and real Chromium, for all e2e tests;
 * and the feature articles, validated together (helpers/validated-fixture.ts).
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ARTICLES, type ArticleName, CLI, OUTPUT, outDir, ROOT } from './helpers/editions.js';
import { buildAndValidateFixtures } from './helpers/validated-fixture.js';

const run = promisify(execFile);

export default async function setup(): Promise<void> {
  // The CLI runs from its bundle (the type check is npm test's first step).
  await run(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT });
  await rm(OUTPUT, { recursive: true, force: true });
  await mkdir(OUTPUT, { recursive: true });
  await Promise.all([
    ...(Object.keys(ARTICLES) as ArticleName[]).map(build),
    buildAndValidateFixtures(),
  ]);
}

async function build(name: ArticleName): Promise<void> {
  try {
    const { stdout } = await run(
      process.execPath,
      [CLI, ARTICLES[name], '-o', outDir(name), '--json'],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    await writeFile(path.join(OUTPUT, `${name}.report.json`), stdout);
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number };
    throw new Error(`building ${name} failed with exit code ${code}:\n${stderr}`);
  }
}
