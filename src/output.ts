/**
 * The only place that writes files. Each edition is written to a temporary file in its
 * own folder and renamed into place, so a reader never sees a half-written edition.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { access, constants, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';

const pendingTemps = new Set<string>();

export async function ensureWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    const probe = path.join(dir, `.build-article-probe-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new UserError(`output folder "${dir}" cannot be written`, {
      location: { file: dir },
      hint: 'choose another folder with --out, or fix its permissions',
      cause: error,
    });
  }
}

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  pendingTemps.add(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UserError(`could not write ${file}: ${(error as Error).message}`, {
      location: { file },
      hint: 'check free disk space and the permissions of the output folder',
      cause: error,
    });
  } finally {
    pendingTemps.delete(temp);
  }
}

/** For signal handlers: remove any temporary file a write left behind, synchronously. */
export function removeTempFiles(): void {
  for (const temp of pendingTemps) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
  }
  pendingTemps.clear();
}
