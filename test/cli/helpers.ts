/** Temporary folders for the CLI tests, removed after each file's tests, and a CLI run in one. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { runCli } from '../helpers/cli.js';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'build-article-cli-'));
  made.push(dir);
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI, run in `cwd`. */
export async function cli(cwd: string, ...args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await runCli(args, {}, cwd);
  return { code: code ?? 1, stdout, stderr };
}
