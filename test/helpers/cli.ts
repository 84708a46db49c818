/** Run the real CLI as a child process and collect what it says. */
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI, ROOT } from './editions.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd: string = ROOT,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  // Resolve when the CLI exits and its output is read, even if a process it left behind
  // still holds the pipes (the tests that care look for such processes themselves).
  const done = new Promise<CliResult>((resolve) => {
    child.on('exit', (code, signal) => {
      const finish = () => resolve({ code, signal, stdout, stderr });
      child.on('close', finish);
      setTimeout(finish, 500).unref();
    });
  });
  return { child, done };
}

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd: string = ROOT,
): Promise<CliResult> {
  return startCli(args, env, cwd).done;
}
