/**
 * A --templates stylesheet may not reach outside the edition: no @import, and url() or
 * image-set() only to data: URLs or #fragments. Chromium blocks such requests while it
 * prints a PDF (and the PDF fails); the HTML and EPUB editions would ship them, so the same
 * rule is applied to every format, before anything is built.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

const REFERENCE =
  /@import\b|\b(?:url|image-set|-webkit-image-set|src)\s*\(\s*(['"]?)\s*([^'")\s]*)/gi;

/** The first outside reference of a stylesheet, with its line, or undefined. */
export function outsideReference(css: string): { what: string; line: number } | undefined {
  // Comments blanked, not removed, so that line numbers stay right; escapes decoded, so
  // that "\75rl(" is read as the url( it is.
  const text = css
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/\\([0-9a-f]{1,6})[ \t]?/gi, (_, hex: string) =>
      String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd),
    )
    .replace(/\\([^\n])/g, '$1');
  for (const match of text.matchAll(REFERENCE)) {
    const target = match[2] ?? '';
    if (!match[0].startsWith('@') && (/^data:/i.test(target) || target.startsWith('#'))) continue;
    const line = text.slice(0, match.index).split('\n').length;
    return { what: match[0].startsWith('@') ? '@import' : match[0].trim(), line };
  }
  return undefined;
}

/** Checks every stylesheet of a --templates folder; throws a UserError at the first problem. */
export async function checkStylesheets(templatesDir: string): Promise<void> {
  const dir = path.join(templatesDir, 'styles');
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.css')).sort()) {
    const file = path.join(dir, name);
    const found = outsideReference(await readFile(file, 'utf8'));
    if (found) {
      throw new UserError(`the stylesheet refers to something outside the edition: ${found.what}`, {
        location: { file: path.relative(process.cwd(), file) || file, line: found.line },
        hint: 'editions carry nothing from the network or other files: remove the @import or url(), or embed the resource as a data: URL',
      });
    }
  }
}
