/**
 * `build-article init` run as a new user would: in an empty folder, then `check` and a
 * build with no folder named, the editions parsed and validated.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Report } from '../helpers/editions.js';
import { htmlDocument, openEpub, pdfText, squash } from '../helpers/parse.js';
import { epubcheck, vnu } from '../helpers/validators.js';
import { cli, tempFolder } from './helpers.js';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe.concurrent('build-article init', () => {
  it('starts an article that passes check --strict and builds with no folder named', async () => {
    const cwd = await tempFolder();
    const init = await cli(cwd, 'init');
    expect(init.code, init.stderr).toBe(0);
    expect(await files(cwd)).toEqual([
      '.gitignore',
      'article/en.md',
      'article/images/chart.svg',
      'article/images/divider.svg',
    ]);
    expect((await readFile(path.join(cwd, '.gitignore'), 'utf8')).split('\n')).toContain('/dist/');
    const check = await cli(cwd, 'check', '--strict', '--json');
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, findings: [] });

    const build = await cli(cwd, '-f', 'html,epub', '--json');
    expect(build.code, build.stderr).toBe(0);
    const report = JSON.parse(build.stdout) as Report;
    expect(report.editions.map((e) => path.relative(cwd, e.path)).sort()).toEqual([
      'dist/en/a-first-article.epub',
      'dist/en/a-first-article.html',
    ]);
    const html = await htmlDocument(path.join(cwd, 'dist/en/a-first-article.html'));
    const images = [...html.querySelectorAll('img')].map((img) => img.getAttribute('alt'));
    expect(images).toHaveLength(2);
    expect(images[0]).toMatch(/^A bar chart with three bars/);
    expect(images[1]).toBe('');
    expect(html.querySelector('figcaption')?.textContent).toMatch(/Growth over three years/);
    expect(html.querySelectorAll('li.footnote-item').length).toBe(1);
    expect(html.querySelector('a[href="#fn1"]')).not.toBeNull();
    const epub = await openEpub(path.join(cwd, 'dist/en/a-first-article.epub'));
    expect(epub.opf.getElementsByTagName('dc:title')[0]?.textContent).toBe('A first article');
  });

  it('in two languages, builds all six editions, which the validators pass', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init', 'essay', '--lang', 'en,IT')).code).toBe(0);
    expect(await files(path.join(cwd, 'essay'))).toEqual([
      'en.md',
      'images/chart.svg',
      'images/divider.svg',
      'it.md',
    ]);
    const check = await cli(cwd, 'check', 'essay', '--strict');
    expect(check.code, check.stderr).toBe(0);
    const build = await cli(cwd, 'essay', '--json');
    expect(build.code, build.stderr).toBe(0);
    const report = JSON.parse(build.stdout) as Report;
    expect(
      report.editions
        .filter((e) => e.ok)
        .map((e) => `${e.lang} ${e.format}`)
        .sort(),
    ).toEqual(['en epub', 'en html', 'en pdf', 'it epub', 'it html', 'it pdf']);
    const it = (format: string) =>
      report.editions.find((e) => e.lang === 'it' && e.format === format)?.path ?? '';
    expect(squash(await pdfText(it('pdf')))).toContain('Un primo articolo');
    const html = await htmlDocument(it('html'));
    expect(html.documentElement.getAttribute('lang')).toBe('it');
    expect(html.querySelector('img')?.getAttribute('alt')).toMatch(/^Un grafico a barre/);
    const [checked, nu] = await Promise.all([epubcheck(it('epub')), vnu([it('html')])]);
    expect(checked.findings, checked.summary).toEqual([]);
    expect(nu.get(it('html'))?.findings).toEqual([]);
  });

  it('a language with no starter text gets the English one, with a note in the file and on screen', async () => {
    const cwd = await tempFolder();
    const init = await cli(cwd, 'init', '--lang', 'en,fr');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/note: article\/fr\.md holds the English starter text/);
    const fr = await readFile(path.join(cwd, 'article/fr.md'), 'utf8');
    const en = await readFile(path.join(cwd, 'article/en.md'), 'utf8');
    const yaml = fr.split('---\n')[1] ?? '';
    expect(yaml).toMatch(/^\s*# No starter text is shipped in Français \(fr\)/);
    expect(parse(yaml).title).toBe(parse(en.split('---\n')[1] ?? '').title);
    const check = await cli(cwd, 'check', '--json');
    expect(check.code).toBe(0);
    const rules = (JSON.parse(check.stdout).findings as { rule: string; file: string }[]).map(
      (f) => `${f.file} ${f.rule}`,
    );
    expect(rules).toContain('article/fr.md title-untranslated');
  });

  it('refuses to overwrite: an existing file is named, kept as it was, and nothing is written', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init')).code).toBe(0);
    await writeFile(path.join(cwd, 'article/en.md'), 'my own words');
    const again = await cli(cwd, 'init', '--lang', 'en,it');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"article/en.md" already exists');
    expect(again.stderr).toMatch(/hint: start the article in a new folder/);
    expect(await readFile(path.join(cwd, 'article/en.md'), 'utf8')).toBe('my own words');
    expect(await files(path.join(cwd, 'article'))).not.toContain('it.md');
  });

  it('refuses a folder that already holds an article in other languages', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init', '--lang', 'it')).code).toBe(0);
    const again = await cli(cwd, 'init', '--lang', 'en');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"article" already holds an article (it.md)');
    expect(await files(path.join(cwd, 'article'))).not.toContain('en.md');
  });

  it('adds /dist/ to an existing .gitignore once', async () => {
    const cwd = await tempFolder();
    await writeFile(path.join(cwd, '.gitignore'), 'node_modules');
    expect((await cli(cwd, 'init')).code).toBe(0);
    expect(await readFile(path.join(cwd, '.gitignore'), 'utf8')).toBe('node_modules\n/dist/\n');
    expect((await cli(cwd, 'init', 'second')).code).toBe(0);
    expect(await readFile(path.join(cwd, '.gitignore'), 'utf8')).toBe('node_modules\n/dist/\n');
  });

  it('--ci writes a GitHub workflow that checks and builds the folder and uploads the editions', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init', 'my essay', '--ci')).code).toBe(0);
    const workflow = parse(
      await readFile(path.join(cwd, '.github/workflows/editions.yml'), 'utf8'),
    );
    const steps = Object.values(
      workflow.jobs as Record<string, { steps: { run?: string; uses?: string }[] }>,
    ).flatMap((job) => job.steps);
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toContain("npx --yes build-article check 'my essay' --strict --reporter github");
    expect(runs).toContain("npx --yes build-article 'my essay' --out dist --reporter github");
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('a file where the folder goes is a message, not a crash', async () => {
    const cwd = await tempFolder();
    await writeFile(path.join(cwd, 'article'), 'a file');
    const run = await cli(cwd, 'init');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: article\/en\.md: cannot write "article\/en\.md"/m);
    expect(run.stderr).not.toContain('crashed');
  });

  it('a wrong --lang is a usage error and writes nothing', async () => {
    const cwd = await tempFolder();
    const run = await cli(cwd, 'init', '--lang', 'en,english');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lang has "english", which is not a language tag');
    expect(await files(cwd)).toEqual([]);
  });
});

describe.concurrent('finding the article', () => {
  it('where there is none, the error points to init', async () => {
    const cwd = await tempFolder();
    for (const args of [[], ['check'], ['-f', 'html']]) {
      const run = await cli(cwd, ...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error: no article here');
      expect(run.stderr).toMatch(/hint: start one with "build-article init"/);
    }
  });

  it('language files in the working folder are the article when no folder is named', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init', '.')).code).toBe(0);
    expect(await files(cwd)).toContain('en.md');
    const build = await cli(cwd, '-f', 'html', '--json');
    expect(build.code, build.stderr).toBe(0);
    const [edition] = (JSON.parse(build.stdout) as Report).editions;
    expect(path.relative(cwd, edition?.path ?? '')).toBe('dist/en/a-first-article.html');
    const doc = await htmlDocument(edition?.path ?? '');
    expect(doc.querySelector('h1')?.textContent).toBe('A first article');
  });
});
