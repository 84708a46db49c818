/**
 * What the preview tests share: a temporary copy of an article, the real CLI's preview
 * started as a child process, a puppeteer browser, and the process tree from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { launchChromium } from '../helpers/chromium.js';
import { CLI, ROOT } from '../helpers/editions.js';
import { waitFor } from '../helpers/processes.js';

export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

/** A copy of an article under a fresh temporary folder, named like the original. */
export async function copyArticle(
  source: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'build-article-preview-'));
  const dir = path.join(work, path.basename(source));
  await cp(source, dir, { recursive: true });
  return { dir, cleanup: () => rm(work, { recursive: true, force: true }) };
}

/** Rewrites a file with `edit` applied; fails if the edit changes nothing. */
export async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in ${file}`);
  await writeFile(file, after);
}

export interface RunningPreview {
  child: ChildProcess;
  url: string;
  port: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startPreview(args: string[], timeoutMs = 30_000): Promise<RunningPreview> {
  const child = spawn(process.execPath, [CLI, 'preview', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const match = await Promise.race([
    waitFor(
      () => /build-article preview: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(stderr) ?? undefined,
      timeoutMs,
      'the preview URL',
    ),
    exited.then(({ code }) => {
      throw new Error(`the preview exited with code ${code} before serving:\n${stderr}`);
    }),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    url: match[1] ?? '',
    port: Number(match[2]),
    stderr: () => stderr,
    exited,
  };
}

/** For cleanup after a failure: SIGINT (so it closes its browser), SIGKILL if that hangs. */
export async function stopPreview(preview: RunningPreview | undefined): Promise<void> {
  if (!preview || preview.child.exitCode !== null || preview.child.signalCode !== null) return;
  preview.child.kill('SIGINT');
  const timer = setTimeout(() => preview.child.kill('SIGKILL'), 3000);
  await preview.exited;
  clearTimeout(timer);
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export {
  descendants,
  isRunning,
  type ProcessInfo,
  processesMatching,
  waitFor,
} from '../helpers/processes.js';
