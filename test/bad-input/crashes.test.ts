/**
 * What used to crash ("this is a bug", and no --json report): a YAML alias bomb, a missing
 * TMPDIR, a file where a language's output folder goes, folder names too long or unsafe
 * for a file name. Each now gets a message, and --json still prints a report.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNameFrom } from '../../src/article/file-name.js';
import { runCli } from '../helpers/cli.js';
import { build, cli, editions, front, makeArticle } from './helpers.js';

const BILLION_LAUGHS = [
  'notes: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => {
    const prev = 'abcdefghi'[i];
    return `x${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

const nonLatin = (title: string) => `${front(title)}\nText.\n`;

describe.concurrent('crashes become messages', () => {
  it('a YAML alias bomb in the front matter', { timeout: 20_000 }, async () => {
    const en = `---\ntitle: Trams\nauthor: Jane Doe\n${BILLION_LAUGHS}\n---\nText.\n`;
    const cwd = await makeArticle({ 'en.md': en });
    const run = await cli(cwd, ['check', 'article', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('this is a bug');
    expect(JSON.parse(run.stdout).findings[0]).toMatchObject({
      rule: 'front-matter-syntax',
      file: 'article/en.md',
      line: 2,
    });
    expect(JSON.parse(run.stdout).findings[0].message).toContain('aliases (*name) expand too much');
  });

  it('TMPDIR missing: the PDF fails with a message, the others are built, --json reports', async () => {
    const cwd = await makeArticle({ 'en.md': nonLatin('Trams') });
    const run = await runCli(
      ['article', '-o', 'out', '-f', 'html,pdf,epub', '--json'],
      { TMPDIR: path.join(cwd, 'no-such-folder') },
      cwd,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('this is a bug');
    expect(run.stderr).toContain("cannot create Chromium's profile in the temporary folder");
    expect(run.stderr).toContain('hint: set TMPDIR to an existing folder you can write to');
    const report = JSON.parse(run.stdout);
    expect(report.editions.map((e: { ok: boolean }) => e.ok)).toEqual([true, false, true]);
    expect(await editions(path.join(cwd, 'out'))).toEqual(['en/trams.epub', 'en/trams.html']);
    // The lock was released after every edition was written, not before.
    expect(await readdir(path.join(cwd, 'out'))).toEqual(['en']);
  });

  it('TMPDIR naming a file (as unwritable as a read-only folder, even for root)', async () => {
    const cwd = await makeArticle({ 'en.md': nonLatin('Trams') });
    await writeFile(path.join(cwd, 'not-a-folder'), '');
    const run = await runCli(
      ['article', '-o', 'out', '-f', 'pdf', '--json'],
      { TMPDIR: path.join(cwd, 'not-a-folder') },
      cwd,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot create Chromium's profile in the temporary folder");
    expect(JSON.parse(run.stdout).ok).toBe(false);
  });

  it('a file where a language folder goes: one message before anything is rendered', async () => {
    const cwd = await makeArticle({ 'en.md': nonLatin('Trams'), 'it.md': nonLatin('Tram') });
    await mkdir(path.join(cwd, 'out'));
    await writeFile(path.join(cwd, 'out/it'), 'not a folder');
    const run = await build(cwd, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: out/it: cannot create the folder out/it: a file of that name is in the way',
    );
    expect(run.stderr).not.toMatch(/this is a bug|Chromium/);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false });
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });

  it('a folder name of 250 bytes and a title without Latin letters', async () => {
    const cwd = await makeArticle({ 'en.md': nonLatin('東京') });
    const long = 'x'.repeat(250);
    await rename(path.join(cwd, 'article'), path.join(cwd, long));
    const run = await cli(cwd, [long, '-o', 'out', '-f', 'html,epub', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const files = await editions(path.join(cwd, 'out'));
    expect(files).toEqual([`en/${'x'.repeat(80)}.epub`, `en/${'x'.repeat(80)}.html`]);
  });

  it('a folder named "Essay #2 (final)?" gives clean file names, and links that work', async () => {
    const cwd = await makeArticle({ 'en.md': nonLatin('東京'), 'it.md': nonLatin('東京の街') });
    await rename(path.join(cwd, 'article'), path.join(cwd, 'Essay #2 (final)?'));
    const run = await cli(cwd, ['Essay #2 (final)?', '-o', 'out', '-f', 'html,epub']);
    expect(run.code, run.stderr).toBe(0);
    expect(await editions(path.join(cwd, 'out'))).toEqual([
      'en/Essay-2-final.epub',
      'en/Essay-2-final.html',
      'it/Essay-2-final.epub',
      'it/Essay-2-final.html',
    ]);
    const html = await readFile(path.join(cwd, 'out/en/Essay-2-final.html'), 'utf8');
    expect(html).toContain('href="../it/Essay-2-final.html"');
  });
});

describe('fileNameFrom', () => {
  it.each([
    ['article', 'article'],
    ['Essay #2 (final)?', 'Essay-2-final'],
    ['.hidden', 'hidden'],
    ['a%20b', 'a-20b'],
    ['東京 2024', '東京-2024'],
    ['???', 'article'],
    ['é'.repeat(60), 'é'.repeat(40)],
  ])('%s -> %s', (folder, name) => {
    expect(fileNameFrom(folder)).toBe(name);
  });
});
