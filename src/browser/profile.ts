/** Chromium's throwaway profile folders in the temporary folder, and those left behind. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';

const PROFILE_PREFIX = 'build-article-chromium-';

/**
 * Chromium's throwaway profile, in the temporary folder (TMPDIR), named by this process so
 * that profiles left by a process that was killed (SIGKILL, a power cut) are removed later.
 */
export async function makeProfileDir(): Promise<string> {
  const tmp = os.tmpdir();
  await removeLeftProfiles(tmp);
  try {
    return await mkdtemp(path.join(tmp, `${PROFILE_PREFIX}${process.pid}-`));
  } catch (error) {
    throw new UserError(
      `cannot create Chromium's profile in the temporary folder "${tmp}": ${String((error as Error)?.message ?? error).split('\n')[0]}`,
      {
        hint: 'set TMPDIR to an existing folder you can write to (for example TMPDIR=/tmp), or unset it',
        location: { file: tmp },
        cause: error,
      },
    );
  }
}

/** Profiles whose process no longer runs (or, unnamed ones, older than a day). */
async function removeLeftProfiles(tmp: string): Promise<void> {
  const names = await readdir(tmp).catch(() => [] as string[]);
  const left = names.filter((name) => name.startsWith(PROFILE_PREFIX));
  await Promise.all(
    left.map(async (name) => {
      const full = path.join(tmp, name);
      const pid = Number(/^build-article-chromium-(\d+)-/.exec(name)?.[1]);
      const gone = pid > 0 ? !isAlive(pid) : Date.now() - (await stat(full)).mtimeMs > 86_400_000;
      if (gone) await rm(full, { recursive: true, force: true });
    }),
  ).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
