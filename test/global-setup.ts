/**
 * Bundle build-article, then build every edition of the shipped article and of the
 * test articles (helpers/editions.ts) once, with the real CLI and real Chromium, for all e2e tests;
 * and start building and validating the feature articles (helpers/validated-fixture.ts).
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { ARTICLES, type ArticleName, CLI, OUTPUT, outDir, ROOT } from './helpers/editions.js';
import { FEATURE_TESTS } from './helpers/feature-tests.js';
import { buildAndValidateFixtures } from './helpers/validated-fixture.js';

const run = promisify(execFile);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The CLI runs from its bundle (the type check is npm test's first step).
  await run(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT });
  await rm(OUTPUT, { recursive: true, force: true });
  await mkdir(OUTPUT, { recursive: true });
  await Promise.all((Object.keys(ARTICLES) as ArticleName[]).map(build));
  // The feature articles build and go through the validators while the tests run: the
  // tests that read them run last and wait for them (helpers/validated-fixture.ts).
  const features = runsFeatureTests(project) ? buildAndValidateFixtures() : Promise.resolve();
  // Nothing started here outlives the run.
  return () => features;
}

/**
 * Whether the run may include the feature tests: `vitest run <filters>` runs the files whose
 * path holds one of the filters. Vitest keeps them in an internal field; without it, yes.
 */
function runsFeatureTests(project: TestProject): boolean {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!filters?.length) return true;
  const files = FEATURE_TESTS.map((file) => path.join(ROOT, file));
  return filters.some((filter) => files.some((file) => file.includes(path.normalize(filter))));
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
