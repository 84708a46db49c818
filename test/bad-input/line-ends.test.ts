/** Windows line ends (CRLF): the file reads as if it had LF ends, with the same line numbers. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, failedBuild, makeArticle } from './helpers.js';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe.concurrent('CRLF line ends', () => {
  it('front matter whose last line is the date builds, with no CR left in any value', async () => {
    const en = crlf('---\ntitle: Trams\nauthor: Jane Doe\ndate: 2024-05-10\n---\n\nText.\n');
    const cwd = await makeArticle({ 'en.md': en });
    const run = await build(cwd, '-f', 'html', '--json');
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(path.join(cwd, 'out/en/trams.html'), 'utf8');
    expect(html).not.toContain('\r');
    expect(html).toContain('<title>Trams</title>');
    expect(html).toContain('2024-05-10');
  });

  it('findings keep their line numbers', async () => {
    const en = crlf(
      '---\ntitle: Trams\nauthor: Jane Doe\ndate: 2024-05-10\n---\n\nText.\n\n![A tram](images/nope.png)\n',
    );
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain('article/en.md:9:1: error image "images/nope.png" was not found');
  });

  it('old Mac line ends (CR alone) too', async () => {
    const en = '---\rtitle: Trams\rauthor: Jane Doe\rdate: 2024-05-10\r---\r\rText.\r';
    const run = await build(await makeArticle({ 'en.md': en }), '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
  });
});
