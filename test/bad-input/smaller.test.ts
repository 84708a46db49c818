/**
 * The smaller items of issue 17: -o naming a file, a wrong PUPPETEER_EXECUTABLE_PATH, the
 * text of a removed script in a heading id, the writability probe and a planted link, and
 * another site's page making a running preview print PDFs.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWritable } from '../../src/output.js';
import { VERSIONS_PATH } from '../../src/preview/live-reload.js';
import { runCli } from '../helpers/cli.js';
import { type RunningPreview, startPreview, stopPreview } from '../preview/helpers.js';
import { build, front, GOOD, makeArticle } from './helpers.js';

describe.concurrent('smaller items', () => {
  it('-o naming a file says why it cannot be written', async () => {
    const cwd = await makeArticle(GOOD);
    await writeFile(path.join(cwd, 'out'), 'a file');
    const run = await build(cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'output folder "out" cannot be written: it is a file, or a file is in its path',
    );
  });

  it('a wrong PUPPETEER_EXECUTABLE_PATH is named, and not suggested as the fix', async () => {
    const cwd = await makeArticle(GOOD);
    const run = await runCli(
      ['article', '-o', 'out', '-f', 'pdf'],
      { PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome' },
      cwd,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'the browser named by PUPPETEER_EXECUTABLE_PATH does not exist or cannot be run: /nowhere/chrome',
    );
    expect(run.stderr).toContain('hint: correct PUPPETEER_EXECUTABLE_PATH, or unset it');
    expect(run.stderr).not.toContain('or set PUPPETEER_EXECUTABLE_PATH');
  });

  it("a heading's id leaves out the text of a script removed from it", async () => {
    const en = `${front('Trams')}\n## Lines <script>steal()</script> today\n\nText.\n`;
    const cwd = await makeArticle({ 'en.md': en });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(path.join(cwd, 'out/en/trams.html'), 'utf8');
    expect(html).toMatch(/<h2 id="lines-today">/);
    expect(html).not.toContain('steal');
  });

  it('the writability probe never follows a link planted under its name', async () => {
    const cwd = await makeArticle(GOOD);
    const victim = path.join(cwd, 'victim.txt');
    await writeFile(victim, 'keep me');
    const out = path.join(cwd, 'out');
    await mkdir(out);
    // In process, so that the pid is known: the old probe was named by the pid alone.
    await symlink(victim, path.join(out, `.build-article-probe-${process.pid}`));
    await ensureWritable(out);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });
});

describe('a running preview and other sites', () => {
  let preview: RunningPreview | undefined;
  afterAll(() => stopPreview(preview));

  function status(pathname: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: preview?.port, path: pathname, headers },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it("refuses another site's background requests, serves its own and the user's", async () => {
    const cwd = await makeArticle(GOOD);
    preview = await startPreview([path.join(cwd, 'article'), '--port', '0']);
    const image = { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
    expect(await status('/en/edition.pdf', { 'sec-fetch-site': 'cross-site', ...image })).toBe(403);
    expect(await status('/en/edition.epub', { 'sec-fetch-site': 'same-site', ...image })).toBe(403);
    expect(
      await status(`${VERSIONS_PATH}?view=print:en&tab=x`, {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'cors',
        'sec-fetch-dest': 'empty',
      }),
    ).toBe(403);
    expect(preview.stderr()).not.toContain('PDF for the print view');
    const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    // A link from another site opens a reading page, but not what prints a PDF: the print
    // view (which asks for the PDF from the preview's own origin) and the edition files.
    for (const page of ['/en/print', '/en/print.pdf', '/en/edition.pdf', '/en/edition.epub']) {
      expect(await status(page, { 'sec-fetch-site': 'cross-site', ...navigate }), page).toBe(403);
    }
    expect(preview.stderr()).not.toContain('PDF for the print view');
    expect(await status('/en/', { 'sec-fetch-site': 'cross-site', ...navigate })).toBe(200);
    expect(await status('/', { 'sec-fetch-site': 'cross-site', ...navigate })).toBe(200);
    expect(await status('/en/edition.epub', { 'sec-fetch-site': 'same-origin', ...image })).toBe(
      200,
    );
    expect(await status('/en/', {})).toBe(200);
  });
});
