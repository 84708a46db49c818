/**
 * A configuration file is read whole (by lilconfig, or for --config): a FIFO in its place
 * would block build, check and preview for ever, and a link to /dev/zero would fill
 * memory. Each place a configuration may be is looked at first, without opening it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { refuseNonRegular } from '../article/read-file.js';

/** Far above any configuration, or any package.json met on the way up. */
const CONFIG_FILE_LIMIT = 8 * 1024 * 1024;

/** Every file the search from `start` up to `stopDir` may read, in each folder. */
export function searchedFiles(start: string, stopDir: string, places: string[]): string[] {
  const files: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    files.push(...places.map((name) => path.join(dir, name)));
    if (dir === stopDir || path.dirname(dir) === dir) return files;
  }
}

/** Throws a UserError for the first of `files` that exists and is not a sane regular file. */
export async function refuseSpecialFiles(
  files: string[],
  shown: (file: string) => string,
): Promise<void> {
  const found = await Promise.all(files.map((file) => stat(file).catch(() => undefined)));
  for (const [i, st] of found.entries()) {
    refuseNonRegular(st, { file: shown(files[i] ?? '') }, 'configuration file', CONFIG_FILE_LIMIT, {
      kind: 'replace it with a regular file, or remove it',
      size: 'is this the right file? a configuration is a few lines',
    });
  }
}
