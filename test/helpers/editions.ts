/**
 * Where the end-to-end tests find the editions that test/global-setup.ts built once per
 * run with the real CLI and real Chromium, and the JSON report of each build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUTPUT = path.join(ROOT, '.test-output');
export const CLI = path.join(ROOT, 'bin/build-article.js');

export const ARTICLES = {
  article: path.join(ROOT, 'article'),
  second: path.join(ROOT, 'test/fixtures/second-article'),
  /** The same short essay in seven languages and five scripts, right-to-left and CJK among them. */
  world: path.join(ROOT, 'test/fixtures/world-article'),
} as const;

export type ArticleName = keyof typeof ARTICLES;

export interface ReportedEdition {
  lang: string;
  format: 'html' | 'pdf' | 'epub';
  path: string;
  ok: boolean;
  bytes: number;
  sha256: string;
  ms: number;
}

export interface Report {
  version: string;
  ok: boolean;
  ms: number;
  editions: ReportedEdition[];
  findings: unknown[];
  /** The browser that printed the PDFs, when one was started. */
  browser?: { executablePath: string; source: string };
}

export function outDir(name: ArticleName): string {
  return path.join(OUTPUT, name);
}

export function report(name: ArticleName): Report {
  return JSON.parse(readFileSync(path.join(OUTPUT, `${name}.report.json`), 'utf8')) as Report;
}

export function editions(name: ArticleName, format?: ReportedEdition['format']): ReportedEdition[] {
  return report(name).editions.filter((e) => !format || e.format === format);
}
