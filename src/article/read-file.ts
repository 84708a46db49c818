/**
 * Reading one file of the article safely: only a regular file, only inside the article
 * folder (a symbolic link may not lead out), and only up to a size bound, so that a FIFO,
 * a device such as /dev/zero or a huge file can neither hang nor exhaust a build.
 */
import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

export type ReadRefusal =
  | { reason: 'missing'; cause: unknown }
  | { reason: 'outside' }
  | { reason: 'not-file'; kind: string }
  | { reason: 'too-large'; bytes: number; limit: number };

export type ReadResult =
  | { ok: true; bytes: Uint8Array; mtimeMs: number }
  | ({ ok: false } & ReadRefusal);

/** "a folder", "a FIFO (named pipe)"… for a message saying what the path is instead of a file. */
export function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A relative path that climbs out of its folder ("..", "../x"), or one on another drive. */
export function leaves(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** Reads `file` (inside `dir`) if it is a regular file there of at most `limit` bytes. */
export async function readInsideFolder(
  dir: string,
  file: string,
  limit: number,
): Promise<ReadResult> {
  let real: string;
  try {
    const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file)]);
    if (leaves(path.relative(realDir, realFile))) return { ok: false, reason: 'outside' };
    real = realFile;
  } catch (cause) {
    // A link in a loop, or to nothing, is named as such: the file is there in a listing.
    const link = await lstat(file).catch(() => undefined);
    if (link?.isSymbolicLink()) {
      const loop = (cause as NodeJS.ErrnoException).code === 'ELOOP';
      const kind = loop ? 'a symbolic link in a loop' : 'a symbolic link to nothing';
      return { ok: false, reason: 'not-file', kind };
    }
    return { ok: false, reason: 'missing', cause };
  }
  // stat() never blocks; the file is opened non-blocking (a FIFO swapped in meanwhile
  // would otherwise wait for a writer) and checked again through its handle.
  const before = await stat(real);
  if (!before.isFile()) return { ok: false, reason: 'not-file', kind: kindOf(before) };
  if (before.size > limit) return { ok: false, reason: 'too-large', bytes: before.size, limit };
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: 'not-file', kind: kindOf(st) };
    // Read at most one byte past the bound: a file that grew since stat() is still refused.
    const buffer = Buffer.alloc(Math.min(st.size, limit) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > limit) return { ok: false, reason: 'too-large', bytes: length, limit };
    return { ok: true, bytes: buffer.subarray(0, length), mtimeMs: st.mtimeMs };
  } finally {
    await handle.close();
  }
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * For a file a library reads whole (a template, a configuration): a UserError unless `st` is
 * a regular file of at most `limit` bytes, worded for `what` it is. A folder, or nothing,
 * passes: that is for the caller to judge.
 */
export function refuseNonRegular(
  st: import('node:fs').Stats | undefined,
  location: { file: string },
  what: string,
  limit: number,
  hints: { kind: string; size: string },
): void {
  if (!st || st.isDirectory()) return;
  if (!st.isFile()) {
    throw new UserError(`the ${what} is ${kindOf(st)}, not a regular file`, {
      location,
      hint: hints.kind,
    });
  }
  if (st.size > limit) {
    throw new UserError(`the ${what} is larger than ${megabytes(limit)} (${megabytes(st.size)})`, {
      location,
      hint: hints.size,
    });
  }
}
