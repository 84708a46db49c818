/** Process-tree helpers for the tests that check nothing is left running (Linux /proc). */
import { readdirSync, readFileSync } from 'node:fs';

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
