/**
 * Templates, stylesheets and labels from templates/, with a user's --templates folder
 * taking precedence file by file. LiquidJS escapes every output unless marked `raw`.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Liquid } from 'liquidjs';
import { UserError } from '../errors.js';
import { compactCss } from './css-compact.js';
import { labelCatalog, SHIPPED_TEMPLATES } from './label-files.js';
import type { LabelFile, LabelStatus } from './labels.js';
import { checkStylesheets } from './stylesheet-check.js';
import { checkTemplateFiles } from './template-files.js';

export const DEFAULT_TEMPLATES = SHIPPED_TEMPLATES;

export interface Templates {
  render(name: string, context: object): Promise<string>;
  /** The concatenated stylesheets for a format, e.g. ['base', 'screen']. */
  css(names: string[]): Promise<string>;
  /** English's labels with the language's over them (see labels.ts), typeset. */
  labels(lang: string): Promise<LabelFile>;
  /** Which file serves a language's labels and what it lacks: for the labels check. */
  labelStatus(lang: string): LabelStatus;
}

export async function loadTemplates(userDir?: string): Promise<Templates> {
  if (userDir) {
    await assertFolder(userDir);
    await checkTemplateFiles(userDir);
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
  const catalog = labelCatalog(roots);
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
        // Rendered synchronously: LiquidJS's asynchronous renderer passes every tag and
        // output through promises and generators, which took a build a fiftieth of a second
        // more, and no filter or tag of ours waits for anything (partials are read once).
        return engine.renderFileSync(`${name}.liquid`, context);
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
    labels: async (lang) => catalog.labels(lang),
    labelStatus: (lang) => catalog.status(lang),
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
