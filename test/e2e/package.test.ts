/**
 * build-article as another project gets it: the tarball `npm pack` makes, installed with
 * npm into an empty project as on a machine without internet (no registry, no Chrome
 * download, no variable set), then run with `npx build-article` from that project's folder
 * with the system's browser, and imported as a library.
 */
import { execFile } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, type Report, ROOT } from '../helpers/editions.js';
import {
  installOffline,
  type OfflineInstall,
  userEnvironment,
} from '../helpers/offline-install.js';
import { pdfText } from '../helpers/parse.js';

const run = promisify(execFile);

let work: string;
let project: string;
let puppeteerCache: string;
let install: OfflineInstall;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'build-article-package-'));
  project = path.join(work, 'project');
  puppeteerCache = path.join(work, 'puppeteer-cache');
  await mkdir(project, { recursive: true });
  await mkdir(puppeteerCache);
  // lib/ is already built (npm ci's prepare and the tests' global set-up).
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', project],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack made no tarball:\n${stdout}`);
  // A failed install (exit code other than 0) rejects with npm's output in the message.
  install = await installOffline(
    ROOT,
    project,
    path.join(project, packed.filename),
    puppeteerCache,
  );
  await cp(ARTICLES.article, path.join(project, 'article'), { recursive: true });
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('installed without internet', () => {
  it('installs with no variable set: a failed Chrome download does not fail the install', async () => {
    await access(path.join(project, 'node_modules/build-article/bin/build-article.js'));
    await access(path.join(project, 'node_modules/puppeteer-core/package.json'));
    // puppeteer's postinstall ran and could not download Chrome: npm left the optional
    // package out (an npm that runs no install scripts keeps it, with an empty cache).
    const installed = await access(path.join(project, 'node_modules/puppeteer/package.json')).then(
      () => true,
      () => false,
    );
    if (installed) expect(await readdir(puppeteerCache)).toEqual([]);
    else expect(`${install.stdout}${install.stderr}`).toMatch(/puppeteer@[\d.]+ postinstall/);
  });
});

describe('installed in another project', () => {
  it("npx build-article builds the six editions of ./article into ./dist, the PDFs with the system's browser", async () => {
    // A failure (exit code other than 0) rejects with the CLI's stderr in the message.
    const { stdout, stderr } = await run('npx', ['--offline', 'build-article', '--json'], {
      cwd: project,
      env: userEnvironment({ NO_COLOR: '1', PUPPETEER_CACHE_DIR: puppeteerCache }),
      maxBuffer: 16 * 1024 * 1024,
    });
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
    // Found by build-article's own search, not named by a variable nor downloaded.
    expect(['the system', 'PATH']).toContain(report.browser?.source);
    const browser = report.browser?.executablePath ?? '';
    expect(path.isAbsolute(browser)).toBe(true);
    expect(browser.startsWith(work)).toBe(false);
    await access(browser);
    for (const edition of report.editions.filter((e) => e.format === 'pdf')) {
      const pdf = await PDFDocument.load(await readFile(edition.path), { updateMetadata: false });
      expect(pdf.getPageCount()).toBeGreaterThan(1);
      expect(pdf.getProducer()).toMatch(/Chromium/);
      expect(await pdfText(edition.path)).toContain(
        edition.lang === 'en' ? 'Big Brother' : 'Grande Fratello',
      );
    }
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
