/** A small two-language article in a temporary project, and the editions a build reports. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../helpers/editions.js';
import { type Run, tempFolder } from './helpers.js';

/**
 * Both editions have the same title: `check` finds a title-untranslated warning, which the
 * rule settings tests turn up, down and off.
 */
export async function project(files: Record<string, string> = {}): Promise<string> {
  const cwd = await tempFolder();
  await mkdir(path.join(cwd, 'article'));
  for (const lang of ['en', 'it']) {
    await writeFile(
      path.join(cwd, 'article', `${lang}.md`),
      `---\ntitle: Configured\nauthor: Jane Doe\n---\n\nA paragraph in ${lang}.\n`,
    );
  }
  await writeFiles(cwd, files);
  return cwd;
}

export async function writeFiles(cwd: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(cwd, name)), { recursive: true });
    await writeFile(path.join(cwd, name), text);
  }
}

/** The editions a successful --json build reports, as paths relative to `cwd`. */
export function built(run: Run, cwd: string): string[] {
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  return report.editions.map((e) => path.relative(cwd, path.resolve(cwd, e.path))).sort();
}

/** The error a failed --json run reports. */
export function jsonError(run: Run): {
  message: string;
  hint: string;
  file?: string;
  line?: number;
  column?: number;
} {
  expect(run.code).toBe(1);
  return (JSON.parse(run.stdout) as { error: ReturnType<typeof jsonError> }).error;
}
