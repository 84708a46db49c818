/**
 * build-article as another project gets it: the tarball `npm pack` makes, unpacked into
 * that project's node_modules beside the packages it depends on (linked from this
 * repository's, as an install would put them there), then run from that project's folder
 * through its node_modules/.bin entry, and imported as a library.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, type Report, ROOT } from '../helpers/editions.js';

const run = promisify(execFile);

let work: string;
let project: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'build-article-package-'));
  project = path.join(work, 'project');
  const modules = path.join(project, 'node_modules');
  const installed = path.join(modules, 'build-article');
  await mkdir(installed, { recursive: true });
  // lib/ is already built (npm ci's prepare and the tests' global set-up).
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack made no tarball:\n${stdout}`);
  const { filename } = packed;
  await run('tar', ['-xzf', path.join(work, filename), '-C', installed, '--strip-components=1']);
  for (const entry of await readdir(path.join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'build-article') continue;
    await symlink(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  await mkdir(path.join(modules, '.bin'));
  await symlink('../build-article/bin/build-article.js', path.join(modules, '.bin/build-article'));
  await cp(ARTICLES.article, path.join(project, 'article'), { recursive: true });
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('installed in another project', () => {
  it('builds the six editions of ./article into ./dist from that project, with its own templates and fonts', async () => {
    // A failure (exit code other than 0) rejects with the CLI's stderr in the message.
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(project, 'node_modules/.bin/build-article'), '--json'],
      { cwd: project, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stderr).not.toMatch(/✗/);
    const report = JSON.parse(stdout) as Report;
    expect(report.editions).toHaveLength(6);
    for (const edition of report.editions) {
      expect(path.relative(project, edition.path)).toMatch(
        /^dist\/(en|it)\/[a-z0-9-]+\.(html|pdf|epub)$/,
      );
      const bytes = await readFile(edition.path);
      expect(bytes.byteLength).toBe(edition.bytes);
    }
    expect(report.browser?.executablePath).toBeDefined();
  });

  it('is imported as a library by its package name', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('build-article'); console.log(typeof m.buildArticle, m.VERSION);",
      ],
      { cwd: project },
    );
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(stdout.trim()).toBe(`function ${pkg.version}`);
  });
});
