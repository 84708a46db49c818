/**
 * Locks and leftovers: a lock naming a live process that is not a build, a lock held by a
 * live build (the message names the file to remove), Chromium profiles left by a killed run.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { build, editions, GOOD, makeArticle } from './helpers.js';

async function withLock(pid: number): Promise<string> {
  const cwd = await makeArticle(GOOD);
  await mkdir(path.join(cwd, 'out'));
  await writeFile(path.join(cwd, 'out/.build-article.lock'), String(pid));
  return cwd;
}

/** The pid of a process that has ended (and so is free, for now). */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('true');
    child.on('exit', () => resolve(child.pid ?? 0));
  });
}

describe.concurrent('locks', () => {
  it('a lock naming a live process that is no build is taken over', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      const cwd = await withLock(sleeper.pid ?? 0);
      const run = await build(cwd, '-f', 'html');
      expect(run.code, run.stderr).toBe(0);
      expect(await editions(path.join(cwd, 'out'))).toEqual(['en/trams.html', 'it/tram.html']);
    } finally {
      sleeper.kill();
    }
  });

  it('a lock held by a live node process is respected, and the message names the lock', async () => {
    const cwd = await withLock(process.pid);
    const run = await build(cwd, '-f', 'html');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `another build-article (process ${process.pid}) is writing to "out"`,
    );
    expect(run.stderr).toContain('if no build is running, remove out/.build-article.lock');
  });
});

describe('Chromium profiles left behind', () => {
  it('are removed by the next build that starts Chromium', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'build-article-tmp-'));
    const left = `build-article-chromium-${await deadPid()}-abc123`;
    await mkdir(path.join(tmp, left, 'Default'), { recursive: true });
    const live = `build-article-chromium-${process.pid}-def456`;
    await mkdir(path.join(tmp, live));
    const cwd = await makeArticle(GOOD);
    const run = await runCli(
      ['article', '-o', 'out', '-f', 'pdf', '-l', 'en'],
      { TMPDIR: tmp },
      cwd,
    );
    expect(run.code, run.stderr).toBe(0);
    // The dead run's profile is gone, a live one's kept, and this run's own removed.
    expect(await readdir(tmp)).toEqual([live]);
  });
});
