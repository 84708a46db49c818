/**
 * Templates, stylesheets and labels from templates/, with a user's --templates folder
 * taking precedence file by file. LiquidJS escapes every output unless marked `raw`.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid } from 'liquidjs';
import { UserError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { typograph } from '../typeset/typography.js';
import { compactCss } from './css-compact.js';
import { checkStylesheets } from './stylesheet-check.js';

export const DEFAULT_TEMPLATES = fileURLToPath(new URL('templates/', PACKAGE_ROOT));

export type Labels = Record<string, string>;

export interface Templates {
  render(name: string, context: object): Promise<string>;
  /** The concatenated stylesheets for a format, e.g. ['base', 'screen']. */
  css(names: string[]): Promise<string>;
  labels(lang: string): Promise<Labels>;
}

export async function loadTemplates(userDir?: string): Promise<Templates> {
  if (userDir) {
    await assertFolder(userDir);
    await checkStylesheets(userDir);
  }
  const roots = userDir ? [path.resolve(userDir), DEFAULT_TEMPLATES] : [DEFAULT_TEMPLATES];
  const engine = new Liquid({
    root: roots,
    partials: roots,
    extname: '.liquid',
    outputEscape: 'escape',
    strictFilters: true,
    cache: true,
  });
  engine.registerFilter('css_string', cssString);
  const textCache = new Map<string, Promise<string | undefined>>();
  const labelCache = new Map<string, Promise<Labels>>();
  const readFirst = (rel: string) => {
    let pending = textCache.get(rel);
    if (!pending) {
      pending = firstExisting(roots, rel);
      textCache.set(rel, pending);
    }
    return pending;
  };
  return {
    render: async (name, context) => {
      try {
        return await engine.renderFile(`${name}.liquid`, context);
      } catch (error) {
        throw new UserError(`template "${name}" failed: ${(error as Error).message}`, {
          location: { file: name },
          hint: 'fix the template syntax, or remove the file from your --templates folder to use the default',
          cause: error,
        });
      }
    },
    css: async (names) => {
      const sheets = await Promise.all(names.map((n) => readFirst(`styles/${n}.css`)));
      return compactCss(sheets.filter((s): s is string => s !== undefined).join('\n'));
    },
    labels: (lang) => {
      // Read and typeset once per language and run: every format of every edition asks.
      let pending = labelCache.get(lang);
      if (!pending) {
        pending = (async () => {
          const primary = lang.split('-')[0] ?? lang;
          const own =
            (await readFirst(`labels/${lang}.json`)) ?? (await readFirst(`labels/${primary}.json`));
          const fallback = (await readFirst('labels/en.json')) ?? '{}';
          // Typeset like the text they sit in: "dell'autrice" -> "dell’autrice". English
          // labels standing in for missing ones keep English quotes.
          return {
            ...parseLabels(fallback, 'labels/en.json', 'en'),
            ...(own ? parseLabels(own, `labels/${lang}.json`, lang) : {}),
          };
        })();
        labelCache.set(lang, pending);
      }
      return pending;
    },
  };
}

/**
 * A CSS string literal: quoted, with backslashes, quotes and `<` escaped (so that no text
 * can end the <style> element it sits in) and line breaks made spaces.
 */
export function cssString(value: unknown): string {
  const text = String(value ?? '')
    .replace(/[\\"<]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)
    .replace(/[\n\r\f]+/g, ' ');
  return `"${text}"`;
}

async function assertFolder(dir: string): Promise<void> {
  try {
    await access(dir);
  } catch (error) {
    throw new UserError(`templates folder "${dir}" does not exist`, {
      location: { file: dir },
      hint: 'pass a folder holding the templates you want to override (see "Own templates" in the README)',
      exitCode: 2,
      cause: error,
    });
  }
}

async function firstExisting(roots: string[], rel: string): Promise<string | undefined> {
  for (const root of roots) {
    try {
      return await readFile(path.join(root, rel), 'utf8');
    } catch {
      // not in this root; try the next one
    }
  }
  return undefined;
}

function parseLabels(text: string, file: string, lang: string): Labels {
  let labels: Labels;
  try {
    labels = JSON.parse(text) as Labels;
  } catch (error) {
    throw new UserError(`labels file ${file} is not valid JSON`, {
      location: { file },
      hint: 'fix the JSON syntax (a trailing comma is a common cause)',
      cause: error,
    });
  }
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [
      key,
      typeof value === 'string' ? typograph(value, lang) : value,
    ]),
  );
}
