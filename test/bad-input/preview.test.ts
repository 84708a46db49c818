/**
 * The preview and a careless article folder: links to / or in a loop are not walked, the
 * first Ctrl-C stops it, and a folder moved away and back (or deleted and restored) is
 * watched again without a restart.
 */
import { cp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningPreview, startPreview, stopPreview } from '../preview/helpers.js';
import { front, GOOD, makeArticle } from './helpers.js';

const running: RunningPreview[] = [];
afterAll(() => Promise.all(running.map(stopPreview)));

async function start(dir: string): Promise<RunningPreview> {
  const preview = await startPreview([dir, '--port', '0'], 15_000);
  running.push(preview);
  return preview;
}

/** Polls `text()` until it contains `wanted`, or fails after 10 s. */
async function until(text: () => Promise<string>, wanted: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await text()).includes(wanted)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${wanted}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function page(preview: RunningPreview, lang: string): Promise<string> {
  const response = await fetch(`${preview.url}${lang}/`);
  return response.text();
}

describe.concurrent('preview and the article folder', () => {
  it('a link to / and a link loop: served at once, and the first Ctrl-C stops it', async () => {
    const cwd = await makeArticle(GOOD);
    const dir = path.join(cwd, 'article');
    await symlink('/', path.join(dir, 'root'));
    await symlink('/usr', path.join(dir, 'usr'));
    await mkdir(path.join(dir, 'loop'));
    await symlink('..', path.join(dir, 'loop/up'));
    await symlink('a', path.join(dir, 'b'));
    await symlink('b', path.join(dir, 'a'));
    const started = Date.now();
    const preview = await start(dir);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await page(preview, 'en')).toContain('Text.');
    expect(preview.stderr()).not.toContain('this is a bug');
    preview.child.kill('SIGINT');
    const exit = await Promise.race([
      preview.exited,
      new Promise((resolve) => setTimeout(resolve, 5000, 'still running')),
    ]);
    expect(exit).toEqual({ code: 130, signal: null });
  });

  it('a closed terminal (SIGHUP) stops it with 129, and it says so', async () => {
    const cwd = await makeArticle({ 'en.md': `${front('Trams')}\nText.\n` });
    const preview = await start(path.join(cwd, 'article'));
    preview.child.kill('SIGHUP');
    const exit = await Promise.race([
      preview.exited,
      new Promise((resolve) => setTimeout(resolve, 5000, 'still running')),
    ]);
    expect(exit).toEqual({ code: 129, signal: null });
    expect(preview.stderr()).toContain('preview stopped');
  });

  it.each([
    ['moved away and back', (dir: string, away: string) => rename(dir, away)],
    ['deleted and restored', (dir: string) => rm(dir, { recursive: true })],
  ])('a folder %s is watched again', async (_name, remove) => {
    const cwd = await makeArticle({ 'en.md': `${front('Trams')}\nText.\n` });
    const dir = path.join(cwd, 'article');
    const copy = path.join(cwd, 'copy');
    await cp(dir, copy, { recursive: true });
    const preview = await start(dir);
    expect(await page(preview, 'en')).toContain('Text.');
    await remove(dir, path.join(cwd, 'away'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await cp(copy, dir, { recursive: true });
    await writeFile(path.join(dir, 'en.md'), `${front('Trams')}\nChanged words.\n`);
    await until(() => page(preview, 'en'), 'Changed words.').catch((error) => {
      throw new Error(`${error}\n${preview.stderr()}`);
    });
    // And a later save is seen too: the folder is watched again, not only rebuilt once.
    await writeFile(path.join(dir, 'en.md'), `${front('Trams')}\nSaved again.\n`);
    await until(() => page(preview, 'en'), 'Saved again.');
  });
});
