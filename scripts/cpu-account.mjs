/**
 * The CPU time a command and every process it starts take, Chromium's included: the
 * benchmark runs each measured command in a control group of its own and reads the group's
 * CPU use. A build whose CPU time, shared over the machine's cores, is already longer than a
 * target cannot meet that target by any reordering of its work; this shows how far it is.
 * Needs a writable cgroup file system (Linux, as root: CI and this project's machines);
 * elsewhere `cpuAccount()` returns undefined and the benchmark reports only build-article's
 * own CPU time.
 * Reading the process's own CPU time is not enough: Chromium's renderers are not children
 * that build-article waits for, so their time never reaches its resource usage.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';

/** A group under cgroup v2's unified hierarchy, or under v1's cpuacct controller. */
function makeGroup(name) {
  const candidates = [
    // v2, alone (/sys/fs/cgroup) or beside v1 (/sys/fs/cgroup/unified).
    ...['/sys/fs/cgroup', '/sys/fs/cgroup/unified'].map((root) => ({
      root,
      ok: existsSync(path.join(root, 'cgroup.procs')) && existsSync(path.join(root, 'cpu.stat')),
      usage: (dir) => {
        const stat = readFileSync(path.join(dir, 'cpu.stat'), 'utf8');
        return Number(/^usage_usec (\d+)/m.exec(stat)?.[1] ?? Number.NaN) / 1000;
      },
    })),
    {
      root: '/sys/fs/cgroup/cpuacct',
      ok: existsSync('/sys/fs/cgroup/cpuacct/cpuacct.usage'),
      usage: (dir) => Number(readFileSync(path.join(dir, 'cpuacct.usage'), 'utf8')) / 1e6,
    },
  ];
  for (const candidate of candidates.filter((c) => c.ok)) {
    const dir = path.join(candidate.root, name);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(path.join(dir, 'cgroup.procs'), constants.W_OK);
      if (!Number.isFinite(candidate.usage(dir))) throw new Error('no CPU figure');
      return { dir, usage: () => candidate.usage(dir) };
    } catch {
      try {
        rmdirSync(dir);
      } catch {}
    }
  }
  return undefined;
}

/**
 * `wrap(command, args)` gives the command and arguments that run `command` inside the group;
 * `usage()` is the group's CPU time so far, in milliseconds (the difference across a run is
 * that run's); `close()` removes the group.
 */
export function cpuAccount() {
  const group = makeGroup(`build-article-bench-${process.pid}`);
  if (!group) return undefined;
  const procs = path.join(group.dir, 'cgroup.procs');
  return {
    wrap: (command, args) => [
      '/bin/sh',
      ['-c', `echo $$ > '${procs}' && exec "$0" "$@"`, command, ...args],
    ],
    usage: group.usage,
    close() {
      try {
        rmdirSync(group.dir);
      } catch {}
    },
  };
}
