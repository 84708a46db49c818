/**
 * The only place that writes files. Each edition is written to a temporary file in its
 * own folder and renamed into place, so a reader never sees a half-written edition.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { access, constants, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';

/** Locks to remove if the process is interrupted. */
const heldLocks = new Set<string>();

export async function ensureWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    const probe = path.join(
      dir,
      `.build-article-probe-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    // A name no one can plant a link under, created exclusively ('wx'): the probe never
    // follows a link and truncates what it points to.
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it is a file, or a file is in its path'
        : String((error as Error).message);
    throw new UserError(`output folder "${dir}" cannot be written: ${why}`, {
      location: { file: dir },
      hint: 'choose another folder with --out, or fix its permissions',
      cause: error,
    });
  }
}

/**
 * Write, then rename into place. Both happen synchronously, in one turn of the event
 * loop: a signal handler (which runs between turns) never finds a temporary file half
 * written or left behind, and an edition file is always whole. Editions are small.
 */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file);
  await makeFolder(dir);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // never created (a name too long, a folder gone): nothing to remove
    }
    throw new UserError(`could not write ${file}: ${(error as Error).message}`, {
      location: { file },
      hint: 'check free disk space and the permissions of the output folder',
      cause: error,
    });
  }
}

/** Creates each edition's folder before anything is rendered, or says what is in the way. */
export async function makeFolders(dirs: string[]): Promise<void> {
  for (const dir of new Set(dirs)) await makeFolder(dir);
}

async function makeFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    // Named as the user would write it ("out/it"), as the other output messages do.
    const dir = path.relative(process.cwd(), folder) || folder;
    const code = (error as NodeJS.ErrnoException).code;
    const inTheWay = code === 'EEXIST' || code === 'ENOTDIR';
    throw new UserError(
      inTheWay
        ? `cannot create the folder ${dir}: a file of that name is in the way`
        : `cannot create the folder ${dir}: ${(error as Error).message}`,
      {
        location: { file: dir },
        hint: inTheWay
          ? `remove or rename the file ${dir}, or build into another folder with --out`
          : 'check the permissions of the output folder, or build into another folder with --out',
        cause: error,
      },
    );
  });
}

/** For signal handlers: remove this process's locks, synchronously. */
export function removeLocksNow(): void {
  for (const lock of heldLocks) {
    try {
      unlinkSync(lock);
    } catch {
      // already removed
    }
  }
  heldLocks.clear();
}

/**
 * One build at a time per output folder: a second build into the same folder is refused
 * with a clear message instead of racing the first. A lock left by a process that no
 * longer runs is taken over. Returns the function that releases the lock.
 */
export async function lockOutput(dir: string): Promise<() => Promise<void>> {
  const lock = path.join(dir, '.build-article.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Synchronous, so that the lock exists exactly when it is registered for removal.
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      heldLocks.add(lock);
      return async () => {
        heldLocks.delete(lock);
        await rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (holder > 0 && holder !== process.pid && isRunning(holder) && mayBeBuilding(holder)) {
        throw new UserError(`another build-article (process ${holder}) is writing to "${dir}"`, {
          location: { file: dir },
          hint: `wait for it to finish, or build into another folder with --out; if no build is running, remove ${lock}`,
        });
      }
      await rm(lock, { force: true });
    }
  }
  throw new UserError(`could not lock the output folder "${dir}"`, {
    location: { file: dir },
    hint: `remove ${lock} if no build is running`,
  });
}

/**
 * Whether a running process could be a build: a pid reused by an unrelated program (init,
 * a shell) must not hold the folder for ever. Where /proc cannot tell, it could.
 */
function mayBeBuilding(pid: number): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|build-article/i.test(command);
  } catch {
    return true;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
