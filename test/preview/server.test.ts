/**
 * The preview's server and watcher from the outside: a busy port, a template change seen
 * in the open page, a broken template, and usage errors.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, CLI, ROOT } from '../helpers/editions.js';
import {
  copyArticle,
  launchBrowser,
  type RunningPreview,
  startPreview,
  stopPreview,
} from './helpers.js';

let article: { dir: string; cleanup: () => Promise<void> };
let templates: string;
const running: RunningPreview[] = [];

beforeAll(async () => {
  article = await copyArticle(ARTICLES.article);
  templates = await mkdtemp(path.join(os.tmpdir(), 'build-article-preview-templates-'));
});

afterAll(async () => {
  await Promise.all(running.map(stopPreview));
  await article?.cleanup();
  await rm(templates, { recursive: true, force: true });
});

async function start(args: string[]): Promise<RunningPreview> {
  const preview = await startPreview([article.dir, ...args]);
  running.push(preview);
  return preview;
}

describe('a busy port', () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('moves to the next free port, says so, and serves there', async () => {
    const busy = (blocker.address() as { port: number }).port;
    const preview = await start(['--port', String(busy)]);
    expect(preview.port).toBeGreaterThan(busy);
    expect(preview.stderr()).toContain(`port ${busy} is busy; using ${preview.port}`);
    const index = await fetch(preview.url);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('href="/en/print"');
    // Bound to 127.0.0.1 only, and answering only to its own name.
    expect(await statusFor(preview.port, `example.com:${preview.port}`)).toBe(403);
    expect(await statusFor(preview.port, `localhost:${preview.port}`)).toBe(200);
    preview.child.kill('SIGTERM');
    expect((await preview.exited).code).toBe(143);
  });
});

describe('a template change', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('restyles the open page, and a broken template shows its error until it is removed', async () => {
    await mkdir(path.join(templates, 'styles'));
    const screen = path.join(templates, 'styles', 'screen.css');
    await copyFile(path.join(ROOT, 'templates', 'styles', 'screen.css'), screen);
    const preview = await start(['--port', '0', '--templates', templates]);
    const page = await browser.newPage();
    await page.goto(`${preview.url}en/`);
    const colour = () =>
      page.$eval('h1', (h) => getComputedStyle(h).color).catch(() => 'no heading');
    expect(await colour()).not.toBe('rgb(1, 2, 3)');

    await writeFile(screen, `${await readFile(screen, 'utf8')}\nh1 { color: rgb(1, 2, 3); }\n`);
    await page.waitForFunction(
      () => {
        const h = document.querySelector('h1');
        return h !== null && getComputedStyle(h).color === 'rgb(1, 2, 3)';
      },
      { timeout: 10_000, polling: 50 },
    );
    // A stylesheet is part of every edition: both languages were rendered again.
    expect(preview.stderr()).toMatch(/rebuilt en, it in/);

    const broken = path.join(templates, 'page.liquid');
    await writeFile(broken, '<html><body>{% if %}</body></html>\n');
    await page.waitForSelector('body.preview-problems', { timeout: 10_000 });
    expect(await page.evaluate(() => document.body.textContent)).toMatch(/template "page" failed/);

    await rm(broken);
    await page.waitForFunction(() => !document.body.classList.contains('preview-problems'), {
      timeout: 10_000,
      polling: 50,
    });
    expect(await colour()).toBe('rgb(1, 2, 3)');
    preview.child.kill('SIGINT');
    expect((await preview.exited).code).toBe(130);
  });
});

describe('usage errors', () => {
  it('refuses a port that is not a number, with exit code 2', async () => {
    const result = await runPreview(['--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port must be a port number/);
  });

  it('refuses a missing article folder, with exit code 1', async () => {
    const result = await runPreview([path.join(templates, 'no-such-folder')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/article folder ".*no-such-folder" does not exist/);
  });
});

/** fetch() may not set Host; http.get may. */
function statusFor(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
}

async function runPreview(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'preview', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stderr };
}
