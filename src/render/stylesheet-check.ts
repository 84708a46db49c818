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

/** Elements that load what their src/href/srcset/data/poster names, when it is remote. */
const REMOTE_LOAD =
  /<(?:script|img|iframe|link|source|video|audio|embed|object|image|use|track|input)\b[^>]*?\b(?:src|href|srcset|data|poster)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** A template's first outside reference: remote loads, and CSS in <style> or style="". */
export function templateReference(text: string): { what: string; line: number } | undefined {
  const remote = REMOTE_LOAD.exec(text);
  if (remote) {
    const what = remote[0].length > 80 ? `${remote[0].slice(0, 79)}…` : remote[0];
    return { what, line: text.slice(0, remote.index).split('\n').length };
  }
  return outsideReference(
    text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (t) => t.replace(/[^\n]/g, ' ')),
  );
}

/**
 * Checks every stylesheet and template of a --templates folder (the CSS of stylesheets,
 * of `*.css.liquid` and of <style> and style="" in templates, and remote loads in
 * templates); throws a UserError at the first problem.
 */
export async function checkStylesheets(templatesDir: string): Promise<void> {
  const names = await readdir(templatesDir, { recursive: true }).catch(() => [] as string[]);
  for (const name of names.filter((n) => /\.(?:css|liquid)$/.test(n)).sort()) {
    const file = path.join(templatesDir, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const found = /\.css$/.test(name) ? outsideReference(text) : templateReference(text);
    if (found) {
      throw new UserError(`the template refers to something outside the edition: ${found.what}`, {
        location: { file: path.relative(process.cwd(), file) || file, line: found.line },
        hint: 'editions carry nothing from the network or other files: remove the @import, url() or remote src/href, or embed the resource as a data: URL',
      });
    }
  }
}
