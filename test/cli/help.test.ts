/** A CLI that helps: "did you mean", the build options in the top-level help, choices in any case. */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCommands, mistypedCommand } from '../../src/cli/suggest.js';
import { editDistance } from '../../src/edit-distance.js';
import { ARTICLES } from '../helpers/editions.js';
import { cli, tempFolder } from './helpers.js';

const SECOND = ARTICLES.second;

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('chek', 'check')).toBe(1);
    expect(editDistance('chcek', 'check')).toBe(1);
    expect(editDistance('biuld', 'build')).toBe(1);
    expect(editDistance('perview', 'preview')).toBe(1);
    expect(editDistance('missing', 'preview')).toBeGreaterThan(2);
  });

  it('takes an argument for a mistyped command only when no such path exists', () => {
    const commands = ['build', 'check', 'preview', 'init', 'help'];
    expect(mistypedCommand('chek', commands, () => false)).toBe('check');
    expect(mistypedCommand('chek', commands, () => true)).toBeUndefined();
    expect(mistypedCommand('CHECK', commands, () => false)).toBe('check');
    expect(mistypedCommand('essay', commands, () => false)).toBeUndefined();
    expect(closeCommands('ini', commands)).toEqual(['init']);
  });

  it.concurrent('a mistyped command is a usage error that names the command meant', async () => {
    const cwd = await tempFolder();
    for (const [typed, meant] of [
      ['chek', 'check'],
      ['inti', 'init'],
      ['preveiw', 'preview'],
    ] as const) {
      const run = await cli(cwd, typed);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`error: unknown command "${typed}": did you mean "${meant}"?`);
      expect(await readdir(cwd)).toEqual([]);
    }
  });

  it.concurrent('a folder of that name is built, not taken for a command', async () => {
    const cwd = await tempFolder();
    await mkdir(path.join(cwd, 'chek'));
    const run = await cli(cwd, 'chek', '-f', 'html');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('article folder "chek" is empty');
  });

  it.concurrent('an unknown option suggests the one meant, exit 2', async () => {
    const cwd = await tempFolder();
    const build = await cli(cwd, SECOND, '--formt', 'html');
    expect(build.code).toBe(2);
    expect(build.stderr).toContain("error: unknown option '--formt'");
    expect(build.stderr).toContain('(Did you mean --format?)');
    const check = await cli(cwd, 'check', SECOND, '--stric');
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('(Did you mean --strict?)');
  });
});

describe.concurrent('the top-level help', () => {
  it('lists the build options and the commands, init included', async () => {
    const cwd = await tempFolder();
    for (const args of [['--help'], ['help']]) {
      const run = await cli(cwd, ...args);
      expect(run.code).toBe(0);
      const section = run.stdout.slice(run.stdout.indexOf('Build options'));
      const options = [...section.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
      expect(options).toEqual([
        '--out',
        '--lang',
        '--format',
        '--strict',
        '--json',
        '--reporter',
        '--quiet',
        '--templates',
        '--browser',
        '--paper',
        '--timeout',
        '--config',
      ]);
      expect(run.stdout).toMatch(/^ {2}init \[options\] \[dir\]/m);
    }
  });

  it('a usage error points to a help that does list the option', async () => {
    const cwd = await tempFolder();
    const run = await cli(cwd, SECOND, '--paper', 'a3', '-f', 'html');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('see build-article --help');
    const help = await cli(cwd, '--help');
    expect(help.stdout).toMatch(/^ {2}--paper <size> +PDF paper size/m);
  });
});

describe.concurrent('choices in any case', () => {
  it('-f HTML,EPub, --paper A4 and --lang EN build as their lower-case forms', async () => {
    const cwd = await tempFolder();
    const run = await cli(cwd, SECOND, '-o', 'out', '-f', 'HTML,EPub', '--lang', 'EN', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { editions: { lang: string; format: string }[] };
    expect(report.editions.map((e) => `${e.lang} ${e.format}`)).toEqual(['en html', 'en epub']);
    const paper = await cli(cwd, SECOND, '-o', 'out', '-f', 'Html', '--paper', 'A4');
    expect(paper.code, paper.stderr).toBe(0);
  });

  it('--reporter GitHub is --reporter github, for check and build', async () => {
    const cwd = await tempFolder();
    const check = await cli(cwd, 'check', SECOND, '--reporter', 'GitHub');
    expect(check.code, check.stderr).toBe(0);
    const build = await cli(cwd, SECOND, '-o', 'out', '-f', 'HTML', '--reporter=GITHUB');
    expect(build.code, build.stderr).toBe(0);
  });

  it('an unknown choice is refused whatever its case, naming the choices', async () => {
    const cwd = await tempFolder();
    const format = await cli(cwd, SECOND, '-f', 'DOCX');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format has unknown format "docx"');
    const reporter = await cli(cwd, 'check', SECOND, '--reporter', 'Junit');
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toContain('--reporter must be one of text, json, github');
  });
});
