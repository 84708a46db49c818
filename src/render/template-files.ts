/**
 * A --templates folder holds only regular files of a sane size. Templates, stylesheets and
 * labels are read whole, by LiquidJS and by us: a FIFO would block the build for ever (and
 * keep it from stopping on SIGTERM), and a link to /dev/zero would fill memory until the
 * read failed and the shipped file was silently used instead.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { refuseNonRegular } from '../article/read-file.js';

/** No template, stylesheet or labels file comes near this, even with fonts as data: URLs. */
export const TEMPLATE_FILE_LIMIT = 8 * 1024 * 1024;

/** Throws a UserError naming the first file of `dir` that is not a regular file or too large. */
export async function checkTemplateFiles(dir: string): Promise<void> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    // stat() follows a link and never blocks, not even on a FIFO.
    const st = await stat(file).catch(() => undefined);
    refuseNonRegular(
      st,
      { file: path.relative(process.cwd(), file) || file },
      'template file',
      TEMPLATE_FILE_LIMIT,
      {
        kind: 'replace it with a regular file, or remove it from the templates folder',
        size: 'templates, stylesheets and labels are small text files: remove this one',
      },
    );
  }
}
