/**
 * Language files and images that are not regular files inside the article folder: a FIFO,
 * a device, a link out of the folder, a huge file. Each is refused at once, never read.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, failedBuild, front, GOOD, makeArticle } from './helpers.js';

const article = (cwd: string, name: string) => path.join(cwd, 'article', name);

/** GOOD without en.md, which the test then makes itself. */
async function withoutEn(): Promise<string> {
  const { 'en.md': _, ...rest } = GOOD;
  return makeArticle(rest);
}

const showing = (src: string) =>
  makeArticle({
    ...GOOD,
    'en.md': `${front('Trams')}\nText.\n\n![A tram on the old bridge](${src})\n`,
  });

// A FIFO or /dev/zero used to hang the build or eat memory: a short timeout proves neither.
describe.concurrent('language files that are not regular files inside the folder', () => {
  it('a FIFO', { timeout: 20_000 }, async () => {
    const cwd = await withoutEn();
    execFileSync('mkfifo', [article(cwd, 'en.md')]);
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md: error the language file is a FIFO (named pipe), not a regular file [file-unreadable]',
    );
    const check = await cli(cwd, ['check', 'article', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).findings[0]).toMatchObject({
      rule: 'file-unreadable',
      file: 'article/en.md',
    });
  });

  it('a link to /dev/zero', { timeout: 20_000 }, async () => {
    const cwd = await withoutEn();
    await symlink('/dev/zero', article(cwd, 'en.md'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md: error the language file is a link to a file outside the article folder [file-outside]',
    );
  });

  it('a link to a file outside the folder is not published', async () => {
    const cwd = await withoutEn();
    await writeFile(path.join(cwd, 'secret.md'), `${front('Secret')}\nPrivate notes.\n`);
    await symlink('../secret.md', article(cwd, 'en.md'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain('article/en.md: error the language file is a link to a file outside');
    expect(stderr).toContain('hint: replace the symbolic link with a copy of the file');
  });

  it('a link to a file inside the folder is read', async () => {
    const cwd = await withoutEn();
    await mkdir(article(cwd, 'drafts'));
    await writeFile(article(cwd, 'drafts/english.txt'), GOOD['en.md'] ?? '');
    await symlink('drafts/english.txt', article(cwd, 'en.md'));
    const run = await cli(cwd, ['check', 'article']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('a file larger than 8 MB, refused before it is read', async () => {
    const cwd = await withoutEn();
    await writeFile(article(cwd, 'en.md'), '');
    await truncate(article(cwd, 'en.md'), 9 * 1024 * 1024);
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md: error the language file is larger than 8 MB (9 MB or more) [file-too-large]',
    );
  });
});

describe.concurrent('images that are not regular files inside the folder', () => {
  it('a FIFO is named as one, not as a folder', { timeout: 20_000 }, async () => {
    const cwd = await showing('images/pipe.png');
    execFileSync('mkfifo', [article(cwd, 'images/pipe.png')]);
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/pipe.png" is a FIFO (named pipe), not a file [image-missing]',
    );
  });

  it('a link to /dev/zero', { timeout: 20_000 }, async () => {
    const cwd = await showing('images/zero.png');
    await symlink('/dev/zero', article(cwd, 'images/zero.png'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/zero.png" is a link to a file outside the article folder [image-outside]',
    );
  });

  it('a file larger than 50 MB, refused before it is read', async () => {
    const cwd = await showing('images/huge.png');
    await writeFile(article(cwd, 'images/huge.png'), '');
    await truncate(article(cwd, 'images/huge.png'), 51 * 1024 * 1024);
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/huge.png" is larger than 50 MB (51 MB) [image-too-large]',
    );
  });
});

// A configuration is read whole by lilconfig: a FIFO used to block every command for ever.
describe.concurrent('configuration files that are not regular files', () => {
  it.each([
    ['a FIFO found on the way up', 'build-article.config.json', [], 'a FIFO (named pipe)'],
    ['a link to /dev/zero in the folder', 'article/.build-articlerc.yaml', [], 'a device'],
    ['a FIFO named by --config', 'mine.json', ['--config', 'mine.json'], 'a FIFO (named pipe)'],
  ])('%s', { timeout: 20_000 }, async (_name, file, args, what) => {
    const cwd = await makeArticle(GOOD);
    if (what === 'a device') await symlink('/dev/zero', path.join(cwd, file));
    else execFileSync('mkfifo', [path.join(cwd, file)]);
    const message = `error: ${file}: the configuration file is ${what}, not a regular file`;
    expect(await failedBuild(cwd, ...args)).toContain(message);
    const check = await cli(cwd, ['check', 'article', ...args, '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).error).toMatchObject({ file });
  });
});
