/** The article folder itself is wrong, or the output folder cannot be written. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, cli, editions, failedBuild, front, GOOD, makeArticle } from './helpers.js';

describe.concurrent('bad article folders', () => {
  it('a folder that does not exist', async () => {
    const cwd = await makeArticle({});
    const run = await cli(cwd, ['missing', '-o', 'out', '-f', 'html,epub']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: missing: article folder "missing" does not exist or is not a folder',
    );
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });

  it('a file given as the folder', async () => {
    const cwd = await makeArticle({ 'en.md': GOOD['en.md'] ?? '' });
    const run = await cli(cwd, ['check', 'article/en.md']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'article/en.md: article folder "article/en.md" does not exist or is not a folder',
    );
  });

  it('an empty folder', async () => {
    const cwd = await makeArticle({});
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain('error: article: article folder "article" is empty');
    expect(stderr).toContain('hint: add one Markdown file per language');
  });

  it('a folder with no language file', async () => {
    const cwd = await makeArticle({
      'notes.txt': 'x',
      'images/tram.png': GOOD['images/tram.png'] ?? '',
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain('error: article: article folder "article" holds no language file');
  });

  it('a Markdown file not named by a language tag', async () => {
    const cwd = await makeArticle({ ...GOOD, 'README.md': '# Notes\n' });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'error: article/README.md: "README.md" is not named by a language tag',
    );
    expect(stderr).toContain('hint: name each language file by its BCP 47 tag');
  });

  it('a Markdown file whose name only looks like a language tag', async () => {
    const cwd = await makeArticle({ ...GOOD, 'faq.md': '# FAQ\n' });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain('error: article/faq.md: "faq.md" is not named by a language tag');
  });

  it('two files for one language', async () => {
    const cwd = await makeArticle({ ...GOOD, 'EN.md': GOOD['en.md'] ?? '' });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /"en\.md" and "EN\.md" are both the en edition|"EN\.md" and "en\.md" are both the en edition/,
    );
  });
});

describe.concurrent('an output folder that cannot be written', () => {
  it('fails after the checks, naming the folder, and writes nothing', async () => {
    const cwd = await makeArticle(GOOD);
    // As root, permission bits do not stop writes; a folder below a regular file cannot exist.
    await writeFile(path.join(cwd, 'blocker'), 'a file, not a folder');
    const run = await cli(cwd, ['article', '-o', 'blocker/out', '-f', 'html,epub']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: blocker/out: output folder "blocker/out" cannot be written',
    );
    expect(run.stderr).toContain('hint: choose another folder with --out');
    expect(await editions(cwd)).toEqual([]);
  });

  it('the checks come first: a bad article is reported even when the output is bad too', async () => {
    const cwd = await makeArticle({ ...GOOD, 'it.md': `${front('Tram')}\n![](images/tram.png)\n` });
    await mkdir(path.join(cwd, 'x'));
    await writeFile(path.join(cwd, 'x', 'blocker'), '');
    const run = await build(cwd, '-o', 'x/blocker/out');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'article/it.md:7:1: error image "images/tram.png" has no alt text [alt-missing]',
    );
  });
});
