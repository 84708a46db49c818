/**
 * What CI reads on stdout: the JSON report of every kind of run (parsed), and GitHub's
 * annotations for findings, with their file, line and column.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/check/findings.js';
import { annotation, countBySeverity, findingAnnotation } from '../../src/cli/machine.js';
import { ROOT } from '../helpers/editions.js';
import { cli, tempFolder } from './helpers.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/second-article/images/chart.png');

/** An article whose en.md has an image without alt text (an error) on line 7 and a warning on line 9. */
async function faultyArticle(): Promise<string> {
  const cwd = await tempFolder();
  await mkdir(path.join(cwd, 'article/images'), { recursive: true });
  await writeFile(path.join(cwd, 'article/images/chart.png'), await readFile(FIXTURE));
  await writeFile(
    path.join(cwd, 'article/en.md'),
    [
      '---',
      'title: Trams',
      'author: Jane Doe',
      '---',
      '',
      'Text.',
      '![](images/chart.png)',
      '',
      '![Image of a tram](images/chart.png)',
      '',
    ].join('\n'),
  );
  return cwd;
}

interface JsonFinding {
  severity: string;
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

/** Every report shares this spine, whatever happened. */
function spine(stdout: string) {
  const report = JSON.parse(stdout) as {
    version: string;
    ok: boolean;
    counts: Record<string, number>;
    findings: JsonFinding[];
    error?: { message: string; hint?: string; usage?: boolean };
    editions?: unknown[];
  };
  expect(typeof report.version).toBe('string');
  expect(typeof report.ok).toBe('boolean');
  expect(Array.isArray(report.findings)).toBe(true);
  expect(report.counts).toEqual(countBySeverity(report.findings as Finding[]));
  return report;
}

describe.concurrent('the JSON report', () => {
  it('of a build stopped by check errors lists each finding, not one long string', async () => {
    const cwd = await faultyArticle();
    const run = await cli(cwd, '-f', 'html', '--json');
    expect(run.code).toBe(1);
    const report = spine(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.error?.message).toBe('the article has 1 problem(s); nothing was written');
    expect(
      report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`),
    ).toEqual(['article/en.md:7:1 error alt-missing', 'article/en.md:9:1 warning alt-image-of']);
    expect(report.counts).toEqual({ error: 1, warning: 1, note: 0 });
    // stderr still tells a person the whole story.
    expect(run.stderr).toContain('article/en.md:7:1: error');
  });

  it('of check has ok and counts, and ok follows --strict', async () => {
    const cwd = await faultyArticle();
    await writeFile(
      path.join(cwd, 'article/en.md'),
      (await readFile(path.join(cwd, 'article/en.md'), 'utf8')).replace(
        '![](images/chart.png)',
        '![A chart](images/chart.png)',
      ),
    );
    const plain = await cli(cwd, 'check', '--json');
    expect(plain.code).toBe(0);
    expect(spine(plain.stdout)).toMatchObject({ ok: true, counts: { error: 0, warning: 1 } });
    const strict = await cli(cwd, 'check', '--strict', '--json');
    expect(strict.code).toBe(1);
    expect(spine(strict.stdout)).toMatchObject({ ok: false, counts: { warning: 1 } });
  });

  it('of a successful build has counts and editions', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init')).code).toBe(0);
    const run = await cli(cwd, '-f', 'html', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = spine(run.stdout);
    expect(report).toMatchObject({ ok: true, counts: { error: 0, warning: 0, note: 0 } });
    expect(report.editions).toHaveLength(1);
  });

  it('of a usage error is a JSON error object on stdout, exit 2', async () => {
    const cwd = await tempFolder();
    for (const args of [
      ['--json', '--formt', 'html'],
      ['--json', '-f', 'docx'],
      ['check', '--json', '--reporter', 'junit'],
      ['chek', '--json'],
      ['--json', '--reporter', 'github'],
    ]) {
      const run = await cli(cwd, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      const report = spine(run.stdout);
      expect(report.ok).toBe(false);
      expect(report.error?.usage).toBe(true);
      expect(report.error?.message.length).toBeGreaterThan(0);
      expect(report.error?.hint?.length).toBeGreaterThan(0);
    }
    const typo = spine((await cli(cwd, '--json', '--formt', 'html')).stdout);
    expect(typo.error).toMatchObject({
      message: "unknown option '--formt'",
      hint: expect.stringMatching(/^did you mean --format\?/),
    });
  });

  it('of bad input keeps the error where it happened', async () => {
    const cwd = await tempFolder();
    const run = await cli(cwd, 'missing', '--json');
    expect(run.code).toBe(1);
    const report = spine(run.stdout) as ReturnType<typeof spine> & { error: { file: string } };
    expect(report.error.file).toBe('missing');
  });
});

describe.concurrent('--reporter github', () => {
  it('writes one workflow command per finding on stdout, with file, line and column', async () => {
    const cwd = await faultyArticle();
    for (const args of [['check'], ['-f', 'html']]) {
      const run = await cli(cwd, ...args, '--reporter', 'github');
      expect(run.code).toBe(1);
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      const [error, warning] = lines.map((l) =>
        /^::(\w+) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.*)$/.exec(l),
      );
      expect(error?.slice(1, 5)).toEqual(['error', 'article/en.md', '7', '1']);
      expect(error?.[5]).toBe('build-article alt-missing');
      expect(decodeURIComponent(error?.[6] ?? '')).toMatch(/^.+\nhint: .+$/);
      expect(warning?.slice(1, 5)).toEqual(['warning', 'article/en.md', '9', '1']);
      // People still read the findings on stderr.
      expect(run.stderr).toContain('article/en.md:7:1: error');
    }
  });

  it('an error that is not a finding becomes an annotation too', async () => {
    const cwd = await tempFolder();
    const run = await cli(cwd, 'check', 'missing', '--reporter', 'github');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=missing,title=build-article%3A missing::article folder/,
    );
  });

  it('an edition that failed is an error annotation naming it, beside those that were written', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init')).code).toBe(0);
    const run = await cli(
      cwd,
      '-f',
      'pdf,html',
      '--browser',
      '/nonexistent',
      '--reporter',
      'github',
    );
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^::error title=build-article::en pdf: the browser named by --browser .*%0Ahint: /,
      ),
    ]);
  });

  it('a clean article gives an empty stdout', async () => {
    const cwd = await tempFolder();
    expect((await cli(cwd, 'init')).code).toBe(0);
    const run = await cli(cwd, 'check', '--strict', '--reporter', 'github');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('annotations', () => {
  it('encode what GitHub would read as a separator or a line end', () => {
    expect(annotation('warning', '100% sure\nreally', { file: 'a,b:c.md', line: 3 })).toBe(
      '::warning file=a%2Cb%3Ac.md,line=3::100%25 sure%0Areally',
    );
    expect(annotation('note', 'just so')).toBe('::notice::just so');
    const f: Finding = {
      severity: 'error',
      rule: 'alt-missing',
      message: 'no alt',
      hint: 'add one',
      file: 'en.md',
      line: 2,
      column: 5,
    };
    expect(findingAnnotation(f)).toBe(
      '::error file=en.md,line=2,col=5,title=build-article alt-missing::no alt%0Ahint: add one',
    );
  });
});
