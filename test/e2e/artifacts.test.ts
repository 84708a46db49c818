/**
 * Editions as CI artifacts: byte-identical rebuilds, a JSON report that matches the
 * files on disk, and one build at a time per output folder.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { whyDifferent } from '../helpers/edition-difference.js';
import { ARTICLES, type Report, report } from '../helpers/editions.js';
import { openEpub } from '../helpers/parse.js';
import { CHROMIUM } from '../helpers/validators.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'build-article-artifacts-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function build(out: string, env: NodeJS.ProcessEnv = {}): Promise<Report> {
  const result = await runCli([ARTICLES.article, '-o', out, '--json'], env);
  expect(result.stderr).not.toMatch(/error|✗/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

/** "en/x.pdf sha256" lines, sorted, for comparing two builds in different folders. */
function digest(r: Report, out: string): string[] {
  return r.editions.map((e) => `${path.relative(out, e.path)} ${e.sha256}`).sort();
}

/** The output folder of the build every e2e test reads (test/global-setup.ts). */
function firstBuild(): { report: Report; out: string } {
  const first = report('article');
  return { report: first, out: path.dirname(path.dirname(first.editions[0]?.path ?? '')) };
}

/** Two builds' editions, byte for byte; if not, the message says where they differ. */
async function expectSameBytes(a: Report, aOut: string, b: Report, bOut: string): Promise<void> {
  const files = (r: Report, out: string) =>
    new Map(
      r.editions.map((e) => [path.relative(out, e.path), { file: e.path, sha256: e.sha256 }]),
    );
  const why = await whyDifferent(files(a, aOut), files(b, bOut));
  expect(digest(b, bOut), why).toEqual(digest(a, aOut));
}

describe('reproducible editions', () => {
  it('a second build gives byte-identical html, pdf and epub (dates from the article)', async () => {
    const out = path.join(work, 'again');
    const again = await build(out);
    const first = firstBuild();
    await expectSameBytes(first.report, first.out, again, out);
    expect(again.editions).toHaveLength(6);
  });

  it('another time zone and a clock 400 days and 13 hours ahead give the same bytes', async () => {
    // A date-only stamp, a local-time zip date or a "now" anywhere would differ here, where
    // two builds on the same day in the same zone would not.
    const clock = path.join(work, 'fake-clock.cjs');
    await writeFile(
      clock,
      `const Real = Date; const ahead = (400 * 24 + 13) * 3600e3;
class Shifted extends Real {
  constructor(...args) { if (args.length === 0) super(Real.now() + ahead); else super(...args); }
  static now() { return Real.now() + ahead; }
}
globalThis.Date = Shifted;\n`,
    );
    const out = path.join(work, 'elsewhere');
    const elsewhere = await build(out, {
      TZ: 'Pacific/Kiritimati',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${clock}`.trim(),
    });
    const first = firstBuild();
    await expectSameBytes(first.report, first.out, elsewhere, out);
  });

  it('names its generator exactly, with its version, in every format', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const r = report('article');
    const generator = `build-article ${r.version}`;
    const pdf = r.editions.find((e) => e.format === 'pdf')?.path ?? '';
    const { stdout } = await promisify(execFile)('pdfinfo', [pdf]);
    expect(stdout).toMatch(new RegExp(`^Creator:\\s+${generator}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^Producer:\\s+${generator} \\(Chromium, pdf-lib\\)$`, 'm'));
    const html = await readFile(r.editions.find((e) => e.format === 'html')?.path ?? '', 'utf8');
    expect(html).toContain(`<meta name="generator" content="${generator}">`);
  });

  it('with SOURCE_DATE_EPOCH, two builds are identical and carry that date', async () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const [a, b] = [path.join(work, 'epoch-a'), path.join(work, 'epoch-b')];
    const ra = await build(a, env);
    const rb = await build(b, env);
    await expectSameBytes(ra, a, rb, b);
    const epub = ra.editions.find((e) => e.format === 'epub' && e.lang === 'it');
    const opf = (await openEpub(epub?.path ?? '')).opf;
    const modified = [...opf.getElementsByTagName('meta')].find(
      (m) => m.getAttribute('property') === 'dcterms:modified',
    );
    expect(modified?.textContent).toBe('2023-11-14T22:13:20Z');
  });
});

describe('the browser that prints', () => {
  it("is Chromium's headless shell when the system has it, and Chromium itself prints the same bytes", async () => {
    const first = report('article');
    expect(
      first.browser?.executablePath,
      'the default build should find the headless shell that npm run setup installs',
    ).toMatch(/headless[-_]shell$/);
    expect(first.browser?.executablePath).not.toBe(CHROMIUM);
    const out = path.join(work, 'full-chromium');
    const result = await runCli([
      ARTICLES.article,
      '-o',
      out,
      '-f',
      'pdf',
      '--browser',
      CHROMIUM,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const full = JSON.parse(result.stdout) as Report;
    expect(full.browser).toEqual({ executablePath: CHROMIUM, source: '--browser' });
    const pdfs = { ...first, editions: first.editions.filter((e) => e.format === 'pdf') };
    expect(digest(full, out)).toEqual(
      digest(pdfs, path.dirname(path.dirname(first.editions[0]?.path ?? ''))),
    );
    expect(full.editions).toHaveLength(2);
  });
});

describe('independent of the machine', () => {
  it('every PDF uses only the fonts build-article ships, embedded (code in its own face)', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    for (const name of ['article', 'second'] as const) {
      for (const e of report(name).editions.filter((x) => x.format === 'pdf')) {
        const { stdout } = await promisify(execFile)('pdffonts', [e.path]);
        const fonts = stdout.split('\n').slice(2).filter(Boolean);
        expect(fonts.length).toBeGreaterThan(0);
        for (const line of fonts) {
          // "AAAAAA+SourceSerif4-Bold  CID TrueType  Identity-H  yes yes yes  4 0"
          expect(line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '')).toMatch(
            /^(?:SourceSerif4-|SourceCodePro)/,
          );
          expect(line).toMatch(/\byes\s+yes\s+yes\b/);
        }
      }
    }
  });
});

describe('the --json report', () => {
  it('lists every edition with a path, size and sha256 that match the file on disk', async () => {
    const r = report('second');
    expect(r.ok).toBe(true);
    expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.ms).toBeGreaterThan(0);
    expect(r.editions).toHaveLength(6);
    for (const e of r.editions) {
      const bytes = await readFile(e.path);
      expect(bytes.byteLength).toBe(e.bytes);
      expect(await sha256(e.path)).toBe(e.sha256);
      expect(e.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('is the only thing on stdout', async () => {
    const result = await runCli([
      ARTICLES.second,
      '-o',
      path.join(work, 'json-only'),
      '-f',
      'html',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain('html');
  });
});

/** Every file under `dir` (relative path -> sha256 and modification time). */
async function contents(dir: string): Promise<Record<string, string>> {
  const { stat } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const pairs = await Promise.all(
    files.map(async (f) => [
      path.relative(dir, f),
      `${await sha256(f)} ${(await stat(f)).mtimeMs}`,
    ]),
  );
  return Object.fromEntries(pairs.sort());
}

describe('one build at a time per output folder', () => {
  it('refuses to write where a running build holds the lock, and leaves its files alone', async () => {
    const out = path.join(work, 'locked');
    await build(out);
    await writeFile(path.join(out, '.build-article.lock'), String(process.pid));
    const before = await contents(out);
    const result = await runCli([ARTICLES.article, '-o', out, '-f', 'html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`another build-article (process ${process.pid}) is writing to`);
    // Every file, by content: a rewrite under a refused build would keep the names.
    expect(await contents(out)).toEqual(before);
    expect(Object.keys(before)).toHaveLength(7);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const out = path.join(work, 'stale');
    await runCli([ARTICLES.article, '-o', out, '-f', 'html']);
    await writeFile(path.join(out, '.build-article.lock'), '999999999');
    const result = await runCli([ARTICLES.article, '-o', out, '-f', 'html']);
    expect(result.code).toBe(0);
    expect(await readdir(out)).not.toContain('.build-article.lock');
  });
});
