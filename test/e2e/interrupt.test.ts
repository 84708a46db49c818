/**
 * Safe when things go wrong: an interrupted PDF build leaves no browser process, no
 * partial edition and no temporary file; a hanging Chromium hits --timeout.
 */
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { ARTICLES } from '../helpers/editions.js';
import { descendants, isRunning, type ProcessInfo, waitFor } from '../helpers/processes.js';

const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'build-article-interrupt-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const)('%s during a PDF build', (signal, code) => {
  it(`exits ${code} within 2 s, with no browser left and no partial or temporary file`, async () => {
    const out = path.join(work, signal);
    // A temporary folder of its own: the Chromium profile made in it must be gone too.
    const tmp = await mkdtemp(path.join(work, `tmp-${signal}-`));
    const { child, done } = startCli([ARTICLES.article, '-o', out, '-f', 'pdf'], { TMPDIR: tmp });
    const pid = child.pid ?? 0;
    // Wait until Chromium runs (the browser and its helpers are the CLI's descendants).
    const browsers = await waitFor(
      () => {
        const found = descendants(pid);
        return found.length >= 2 ? found : undefined;
      },
      20_000,
      'Chromium to start',
    );
    const sent = Date.now();
    child.kill(signal);
    const result = await done;
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(result.code).toBe(code);
    await waitFor(
      () => (browsers.some(isRunning) ? undefined : true),
      2000,
      'the browser processes to end',
    );
    const left = await filesUnder(out);
    expect(left.filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
    // Any PDF that exists was complete when renamed into place.
    for (const file of left.filter((f) => f.endsWith('.pdf'))) {
      const { readFile } = await import('node:fs/promises');
      expect((await readFile(file)).subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    }
  });
});

describe('a Chromium that hangs', () => {
  it('ends the wait at --timeout with a clear message and exit 1, HTML still built', async () => {
    // A real Chromium that freezes (SIGSTOP) as soon as it starts its first renderer.
    // It runs in its own process group, whose leader is the browser ($$ after exec).
    const wrapper = path.join(work, 'frozen-chromium.sh');
    await writeFile(
      wrapper,
      `#!/bin/sh\n( while ! pgrep -g $$ -f -- --type=renderer >/dev/null; do sleep 0.02; done; kill -STOP $$ ) &\nexec ${CHROMIUM} "$@"\n`,
    );
    await chmod(wrapper, 0o755);
    const out = path.join(work, 'hang');
    const started = Date.now();
    const { child, done } = startCli([
      ARTICLES.article,
      '-o',
      out,
      '-l',
      'en',
      '-f',
      'html,pdf',
      '--browser',
      wrapper,
      '--timeout',
      '4',
    ]);
    // Every process the build starts, noted while it runs, must be gone after it.
    const seen = new Map<number, ProcessInfo>();
    const watch = setInterval(() => {
      for (const p of descendants(child.pid ?? 0)) seen.set(p.pid, p);
    }, 50);
    const result = await done;
    clearInterval(watch);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Chromium did not respond within 4 s (--timeout)');
    expect(seen.size).toBeGreaterThan(0);
    await waitFor(
      () => ([...seen.values()].some(isRunning) ? undefined : true),
      2000,
      'the frozen browser to be gone',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    const left = await filesUnder(out);
    expect(left.map((f) => path.extname(f))).toEqual(['.html']);
  });

  it('a browser that cannot start gets a message with the fix', async () => {
    const broken = path.join(work, 'broken-chromium.sh');
    await writeFile(broken, '#!/bin/sh\necho "cannot open display" >&2\nexit 1\n');
    await chmod(broken, 0o755);
    const result = await runCli([
      ARTICLES.article,
      '-o',
      path.join(work, 'broken'),
      '-l',
      'en',
      '-f',
      'pdf',
      '--browser',
      broken,
      '--timeout',
      '5',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not start');
    expect(result.stderr).toContain('hint:');
  });

  it('no browser at all: says how to get one, still builds HTML and EPUB, exit 1', async () => {
    const out = path.join(work, 'none');
    const result = await runCli([
      ARTICLES.article,
      '-o',
      out,
      '-l',
      'en',
      '--browser',
      path.join(work, 'no-such-chrome'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('apt-get install chromium');
    expect((await filesUnder(out)).map((f) => path.extname(f)).sort()).toEqual(['.epub', '.html']);
  });
});
