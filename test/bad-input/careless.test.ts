/**
 * More careless and hostile input, in the families of issue 17: front matter that is not a
 * mapping, an empty file, a byte order mark, links in a loop or to nothing, image folders
 * linked out of the article, odd image names, deep inline nesting, an output folder inside
 * the article folder. Each is published whole or refused at its file, never "a bug".
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../helpers/parse.js';
import { build, cli, failedBuild, front, GOOD, makeArticle, PNG } from './helpers.js';

const article = (cwd: string, name: string) => path.join(cwd, 'article', name);

describe.concurrent('front matter and encoding', () => {
  it.each([
    ['a list', '---\n- title\n- author\n---\nText.\n'],
    ['a plain string', '---\njust some words\n---\nText.\n'],
  ])('front matter that is %s, not "key: value" lines', async (_name, en) => {
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:2:1: error the front matter is not a set of "key: value" lines [front-matter-syntax]',
    );
  });

  it('an empty language file', async () => {
    const stderr = await failedBuild(await makeArticle({ 'en.md': '' }));
    expect(stderr).toContain(
      'article/en.md:1:1: error the file has no front matter [front-matter-syntax]',
    );
  });

  it('a UTF-8 byte order mark is not part of the text', async () => {
    const cwd = await makeArticle({ 'en.md': `\uFEFF${front('Trams')}\nText.\n` });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(path.join(cwd, 'out/en/trams.html'), 'utf8');
    expect(html).not.toContain('\uFEFF');
    expect((await htmlDocument(path.join(cwd, 'out/en/trams.html'))).title).toBe('Trams');
  });
});

describe.concurrent('symbolic links in a loop or to nothing', () => {
  it('a language file linked to itself, and one linked to nothing', async () => {
    const cwd = await makeArticle({ 'it.md': GOOD['it.md'] ?? '', 'images/tram.png': PNG });
    await symlink('en.md', article(cwd, 'en.md'));
    await symlink('nowhere.md', article(cwd, 'fr.md'));
    const run = await cli(cwd, ['check', 'article']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'article/en.md: error the language file is a symbolic link in a loop, not a regular file [file-unreadable]',
    );
    expect(run.stderr).toContain(
      'article/fr.md: error the language file is a symbolic link to nothing, not a regular file [file-unreadable]',
    );
    expect(run.stderr).not.toContain('this is a bug');
  });

  it('an image linked to itself, and one linked to nothing', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\n![A loop](images/loop.png)\n\n![A gap](images/gap.png)\n`,
    });
    await mkdir(article(cwd, 'images'));
    await symlink('loop.png', article(cwd, 'images/loop.png'));
    await symlink('nothing.png', article(cwd, 'images/gap.png'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:7:1: error image "images/loop.png" is a symbolic link in a loop, not a file [image-missing]',
    );
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/gap.png" is a symbolic link to nothing, not a file [image-missing]',
    );
  });
});

describe.concurrent('image paths', () => {
  it('a linked folder leading out, and ".." after it, publish nothing from outside', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\n![A](pics/x.png)\n\n![B](pics/../secret.png)\n\n![C](images/up/secret.png)\n`,
      'images/tram.png': PNG,
    });
    await mkdir(path.join(cwd, 'outside/pics'), { recursive: true });
    await writeFile(path.join(cwd, 'outside/pics/x.png'), PNG);
    await writeFile(path.join(cwd, 'outside/secret.png'), PNG);
    await symlink('../outside/pics', article(cwd, 'pics'));
    await symlink('../../outside', article(cwd, 'images/up'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:7:1: error image "pics/x.png" is a link to a file outside the article folder [image-outside]',
    );
    // The path is read as a browser would: pics/../secret.png is secret.png in the folder.
    expect(stderr).toContain('article/en.md:9:1: error image "secret.png" was not found');
    expect(stderr).toContain(
      'article/en.md:11:1: error image "images/up/secret.png" is a link to a file outside the article folder [image-outside]',
    );
  });

  it('names with spaces, accents, CJK and percent-escapes are found, and plain in the EPUB', async () => {
    const en = `${front('Trams')}\n![A](<images/my tram.png>)\n\n![B](images/my%20tram.png)\n\n![C](images/tràm.png)\n\n![D](images/東京.png)\n\n![E](images/tr%C3%A0m.png)\n`;
    const cwd = await makeArticle({
      'en.md': en,
      'images/my tram.png': PNG,
      'images/tràm.png': PNG,
      'images/東京.png': PNG,
    });
    const run = await build(cwd);
    expect(run.code, run.stderr).toBe(0);
    const html = await htmlDocument(path.join(cwd, 'out/en/trams.html'));
    expect(html.querySelectorAll('main img')).toHaveLength(5);
    const zip = await JSZip.loadAsync(await readFile(path.join(cwd, 'out/en/trams.epub')));
    const images = Object.keys(zip.files).filter((n) => /\.png$/.test(n) && !/cover/.test(n));
    expect(images).toHaveLength(3);
    for (const name of images) expect(name).toMatch(/^[A-Za-z0-9/._-]+$/);
  });
});

describe.concurrent('deep inline nesting', () => {
  it.each([
    ['emphasis 2,000 deep', `${'*'.repeat(2000)}deep${'*'.repeat(2000)}`],
    ['spans 3,000 deep', `${'<span>'.repeat(3000)}deep${'</span>'.repeat(3000)}`],
  ])('%s keeps its word and the paragraph after it', async (_name, deep) => {
    const cwd = await makeArticle({ 'en.md': `${front('Trams')}\n${deep}\n\nAfter.\n` });
    const run = await build(cwd);
    expect(run.code, run.stderr).toBe(0);
    const html = await htmlDocument(path.join(cwd, 'out/en/trams.html'));
    const text = html.querySelector('main')?.textContent ?? '';
    expect(text).toContain('deep');
    expect(text).toContain('After.');
  });
});

describe('an output folder inside the article folder', () => {
  it('is not read as part of the article: a second build and check go as the first', async () => {
    const cwd = await makeArticle(GOOD);
    for (let i = 0; i < 2; i += 1) {
      const run = await cli(cwd, ['article', '-o', 'article/out', '-f', 'html,epub']);
      expect(run.code, run.stderr).toBe(0);
    }
    const check = await cli(cwd, ['check', 'article', '--strict']);
    expect(check.code, check.stderr).toBe(0);
  });
});
