/** Careless options: a huge --timeout, a language tag in capitals, an empty --format. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, cli, editions, GOOD, makeArticle } from './helpers.js';

describe.concurrent('options', () => {
  it('--timeout 3000000 prints the PDF (it used to fail at once, Node turning it into 1 ms)', async () => {
    const cwd = await makeArticle(GOOD);
    const run = await cli(cwd, [
      'article',
      '-o',
      'out',
      '-f',
      'pdf',
      '-l',
      'en',
      '--timeout',
      '3000000',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(await editions(path.join(cwd, 'out'))).toEqual(['en/trams.pdf']);
  });

  it('--lang EN builds the edition of en.md, as EN.md would be', async () => {
    const cwd = await makeArticle(GOOD);
    const run = await build(cwd, '--lang', 'EN', '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    expect(await editions(path.join(cwd, 'out'))).toEqual(['en/trams.html']);
  });

  it("--format '' is a usage error, not every format", async () => {
    const cwd = await makeArticle(GOOD);
    const run = await cli(cwd, ['article', '-o', 'out', '--format', '']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format is empty');
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });
});
