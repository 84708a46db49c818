/**
 * The configuration file, with the real CLI in temporary projects: every kind of file is
 * found, its values sit between the defaults and the flags, paths are relative to it, the
 * search stops at the project's root, and a JS configuration runs only when it is the one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/editions.js';
import { htmlDocument } from '../helpers/parse.js';
import { built, project, writeFiles } from './config-helpers.js';
import { cli } from './helpers.js';

const YAML = 'out: from-file\nformats: [html]\nlanguages: [it]\n';
const JSON_CONFIG = '{ "out": "from-file", "formats": ["html"], "languages": ["it"] }\n';
const JS_OBJECT = '{ out: "from-file", formats: ["html"], languages: ["it"] }';

const KINDS: Record<string, Record<string, string>> = {
  'build-article.config.json': { 'build-article.config.json': JSON_CONFIG },
  'build-article.config.yaml': { 'build-article.config.yaml': YAML },
  'build-article.config.yml': { 'build-article.config.yml': YAML },
  'build-article.config.mjs': { 'build-article.config.mjs': `export default ${JS_OBJECT};\n` },
  'build-article.config.cjs': { 'build-article.config.cjs': `module.exports = ${JS_OBJECT};\n` },
  'build-article.config.js (ESM package)': {
    'package.json': '{ "type": "module" }\n',
    'build-article.config.js': `export default ${JS_OBJECT};\n`,
  },
  '.build-articlerc (YAML)': { '.build-articlerc': YAML },
  '.build-articlerc.json': { '.build-articlerc.json': JSON_CONFIG },
  '.build-articlerc.yaml': { '.build-articlerc.yaml': YAML },
  'package.json "build-article"': {
    'package.json': `{ "name": "essay", "build-article": ${JSON_CONFIG.trim()} }\n`,
  },
};

const ONLY_IT_HTML = ['from-file/it/configured.html'];

describe.concurrent('the configuration file', () => {
  for (const [kind, files] of Object.entries(KINDS)) {
    it(`is read from ${kind}`, async () => {
      const cwd = await project(files);
      expect(built(await cli(cwd, '--json'), cwd)).toEqual(ONLY_IT_HTML);
    });
  }

  it('defaults < file < flags: a flag replaces the value from the file, the rest stays', async () => {
    const cwd = await project({
      'build-article.config.yaml': 'out: from-file\nformats: [html, epub]\nlanguages: [it]\n',
    });
    expect(built(await cli(cwd, '--json', '-o', 'from-flag', '-f', 'HTML'), cwd)).toEqual([
      'from-flag/it/configured.html',
    ]);
    expect(built(await cli(cwd, '--json', '--lang', 'en,it', '-f', 'html'), cwd)).toEqual([
      'from-file/en/configured.html',
      'from-file/it/configured.html',
    ]);
    // The file's values replace the defaults (out: dist, every language and format).
    expect(built(await cli(cwd, '--json'), cwd)).toEqual([
      'from-file/it/configured.epub',
      'from-file/it/configured.html',
    ]);
    expect(existsSync(path.join(cwd, 'dist'))).toBe(false);
  });

  it('paths are relative to the file, wherever the command runs', async () => {
    const cwd = await project({
      'package.json': '{ "name": "essay" }\n',
      'build-article.config.yaml': 'out: site\nformats: [html]\nlanguages: [en]\n',
    });
    expect(built(await cli(path.join(cwd, 'article'), '.', '--json'), cwd)).toEqual([
      'site/en/configured.html',
    ]);
  });

  it('templates from the file are read relative to it, by build and by preview', async () => {
    const labels = JSON.parse(readFileSync(path.join(ROOT, 'templates/labels/en.json'), 'utf8'));
    const cwd = await project({
      'conf/build-article.yaml': 'templates: own\nformats: [html]\nlanguages: [en]\n',
      'conf/own/labels/en.json': JSON.stringify({ ...labels, skipToText: 'Jump to the words' }),
      'conf/broken.yaml': 'templates: missing\n',
    });
    const run = await cli(cwd, '--config', 'conf/build-article.yaml', '--json');
    const [html] = built(run, cwd);
    const page = await htmlDocument(path.join(cwd, html ?? ''));
    expect(page.querySelector('a[href="#text"]')?.textContent?.trim()).toBe('Jump to the words');
    for (const command of [[], ['preview', '--port', '0']]) {
      const broken = await cli(cwd, ...command, '--config', 'conf/broken.yaml');
      expect(broken.code, broken.stderr).not.toBe(0);
      expect(broken.stderr).toContain(`templates folder "${path.join('conf', 'missing')}"`);
    }
  });

  it('the paper from the file sizes the PDF, and --paper wins over it', async () => {
    const cwd = await project({
      'build-article.config.yaml': 'paper: a5\nformats: [pdf]\nlanguages: [en]\ntimeout: 90\n',
    });
    const points = (mm: number) => Math.round((mm / 25.4) * 72);
    const pageSize = async (...flags: string[]) => {
      const [pdf] = built(await cli(cwd, '--json', ...flags), cwd);
      const page = (await PDFDocument.load(readFileSync(path.join(cwd, pdf ?? '')))).getPage(0);
      return [page.getWidth(), page.getHeight()].map(Math.round);
    };
    expect(await pageSize()).toEqual([points(148), points(210)]);
    expect(await pageSize('--paper', 'Letter', '-o', 'letter')).toEqual([612, 792]);
  });

  it('the timeout from the file holds, and --timeout wins over it', async () => {
    const cwd = await project({
      'build-article.config.yaml': 'timeout: 0.001\nformats: [pdf]\nlanguages: [en]\n',
    });
    const short = await cli(cwd, '--json');
    expect(short.code).toBe(1);
    const { editions } = JSON.parse(short.stdout) as {
      editions: { error?: { message: string } }[];
    };
    const [edition] = editions;
    expect(edition?.error?.message).toMatch(/did not respond within/);
    expect(built(await cli(cwd, '--json', '--timeout', '60'), cwd)).toEqual([
      'dist/en/configured.pdf',
    ]);
  });

  it('the browser named in the file is a path relative to it, and --browser wins', async () => {
    const cwd = await project({
      'conf/ci.yaml': 'browser: ../bin/no-such-chrome\nformats: [pdf]\n',
    });
    const fromFile = await cli(cwd, '--config', 'conf/ci.yaml', '--json');
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toContain(path.join(cwd, 'bin/no-such-chrome'));
    const fromFlag = await cli(
      cwd,
      '--config',
      'conf/ci.yaml',
      '--browser',
      'other-chrome',
      '--json',
    );
    expect(fromFlag.stdout).toContain('other-chrome');
    expect(fromFlag.stdout).not.toContain('no-such-chrome');
  });

  it('--config names the file: the one that would be found is not read', async () => {
    const cwd = await project({
      'build-article.config.yaml': 'out: found\nformats: [html]\n',
      'configs/ci.json': '{ "out": "../named", "formats": ["html"], "languages": ["en"] }',
    });
    expect(built(await cli(cwd, '--config', 'configs/ci.json', '--json'), cwd)).toEqual([
      'named/en/configured.html',
    ]);
  });

  it('is looked for from the article folder up to the project root, and no further', async () => {
    const cwd = await project({
      'build-article.config.yaml': 'out: outside\nformats: [html]\n',
      'essay/package.json': '{ "name": "essay" }\n',
      'essay/build-article.config.yaml': 'out: inside\nformats: [html]\nlanguages: [en]\n',
      'other/package.json': '{ "name": "other" }\n',
    });
    await cli(cwd, 'init', 'essay/drafts/one');
    await cli(cwd, 'init', 'other/one');
    expect(built(await cli(cwd, 'essay/drafts/one', '--json'), cwd)).toEqual([
      'essay/inside/en/a-first-article.html',
    ]);
    // other/ is a project of its own: the configuration above it is not its own.
    const other = await cli(cwd, 'other/one', '--json', '-f', 'html');
    expect(built(other, cwd)).toEqual(['dist/en/a-first-article.html']);
  });

  it('a JS configuration runs only when it is the file used, and never for --help', async () => {
    const marker = 'ran.txt';
    const js = `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { formats: ['html'] };\n`;
    const cwd = await project({
      'build-article.config.mjs': js,
      'article/.build-articlerc.json': '{ "formats": ["html"], "languages": ["en"] }',
    });
    expect((await cli(cwd, '--help')).code).toBe(0);
    expect((await cli(cwd, 'check', '--help')).code).toBe(0);
    expect(built(await cli(cwd, '--json'), cwd)).toEqual(['dist/en/configured.html']);
    expect(existsSync(path.join(cwd, marker))).toBe(false);
    expect(
      built(await cli(cwd, '--json', '--config', 'build-article.config.mjs'), cwd),
    ).toHaveLength(2);
    expect(existsSync(path.join(cwd, marker))).toBe(true);
  });

  it('defineConfig is imported from the package in a JS configuration', async () => {
    const cwd = await project({
      'package.json': '{ "type": "module" }\n',
      'build-article.config.js':
        "import { defineConfig } from 'build-article';\nexport default defineConfig({ out: 'typed', formats: ['html'], languages: ['en'] });\n",
    });
    await writeFiles(cwd, { 'node_modules/.keep': '' });
    await symlink(ROOT, path.join(cwd, 'node_modules/build-article'), 'dir');
    expect(built(await cli(cwd, '--json'), cwd)).toEqual(['typed/en/configured.html']);
  });
});
