/**
 * What the preview tests share: a temporary copy of an article, the real CLI's preview
 * started as a child process, a puppeteer browser, and the process tree from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { CLI, ROOT } from '../helpers/editions.js';

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
  return puppeteer.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ProcessInfo {
  pid: number;
  cmdline: string;
}

/** Every process whose parent chain leads to `root`, with its command line. */
export function descendants(root: number): ProcessInfo[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined) parents.set(Number(entry), parent);
  }
  const found: ProcessInfo[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push({ pid: child, cmdline: cmdlineOf(child) ?? '' });
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** Every running process whose command line contains `text`. */
export function processesMatching(text: string): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => ({ pid: Number(entry), cmdline: cmdlineOf(Number(entry)) ?? '' }))
    .filter((info) => info.cmdline.includes(text) && isRunning(info));
}

/** Still running (not a zombie) and still the same program, not a reused pid. */
export function isRunning(info: ProcessInfo): boolean {
  try {
    const stat = readFileSync(`/proc/${info.pid}/stat`, 'utf8');
    return !/\) [ZX] /.test(stat) && cmdlineOf(info.pid) === info.cmdline;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return undefined;
  }
}
