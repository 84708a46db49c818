/** The checks through the CLI: what stops a build, what only warns, and the JSON report. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { build, cli, editions, failedBuild, front, GOOD, makeArticle, ROOT } from './helpers.js';

/** Warnings only: alt text that starts with "Image of" in the English edition (line 9). */
const WARNED = {
  ...GOOD,
  'en.md': `${front('Trams')}\nText.\n\n![Image of a tram on the old bridge](images/tram.png)\n`,
};

describe.concurrent('check', () => {
  it.each(['article', 'test/fixtures/second-article'])('reports nothing on %s', async (dir) => {
    const run = await cli(ROOT, ['check', dir]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    const json = await cli(ROOT, ['check', dir, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ findings: [] });
  });

  it('prints warnings and exits 0; --strict makes them errors', async () => {
    const cwd = await makeArticle(WARNED);
    const run = await cli(cwd, ['check', 'article']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'article/en.md:9:1: warning alt text starts with "Image of": screen readers already announce an image [alt-image-of]',
    );
    expect((await cli(cwd, ['check', 'article', '--strict'])).code).toBe(1);
  });

  it('--json prints only the findings on stdout, each with file, line, column, rule, message and hint', async () => {
    const cwd = await makeArticle({
      ...WARNED,
      'it.md': `${front('Tram')}\nTesto.\n\n![](images/tram.png)\n`,
    });
    const run = await cli(cwd, ['check', 'article', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([
      {
        severity: 'warning',
        rule: 'alt-image-of',
        message: 'alt text starts with "Image of": screen readers already announce an image',
        hint: expect.any(String),
        file: 'article/en.md',
        line: 9,
        column: 1,
      },
      {
        severity: 'error',
        rule: 'alt-missing',
        message: 'image "images/tram.png" has no alt text',
        hint: expect.stringContaining('{.decorative}'),
        file: 'article/it.md',
        line: 9,
        column: 1,
      },
    ]);
  });
});

describe.concurrent('a build runs the same checks first', () => {
  it('stops on an error in any language, even one it was not asked to build', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'it.md': `${front('Tram')}\nTesto.\n\n![](images/tram.png)\n`,
    });
    const stderr = await failedBuild(cwd, '-l', 'en');
    expect(stderr).toContain('error: the article has 1 problem(s); nothing was written:');
    expect(stderr).toContain(
      'article/it.md:9:1: error image "images/tram.png" has no alt text [alt-missing]',
    );
  });

  it('stops before the PDF too: nothing is written in any format', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'it.md': `${front('Tram')}\n## Extra\n\nTesto.\n\n![Un tram](images/tram.png)\n`,
    });
    const run = await cli(cwd, ['article', '-o', 'out']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'article/it.md:7:1: error heading 1, "## Extra", is not in article/en.md, which has 0 headings [structure-headings]',
    );
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });

  it('names both files and lines when the editions drift apart', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': `${front('Trams')}\nText[^1].\n\n![A tram on the old bridge](images/tram.png)\n\n[^1]: A note.\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/it.md:6:1: error this edition has 0 footnotes but article/en.md has 1 footnote (line 7) [structure-footnotes]',
    );
  });

  it('writes the editions when there are only warnings, and prints them', async () => {
    const cwd = await makeArticle(WARNED);
    const run = await build(cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('[alt-image-of]');
    expect(await editions(path.join(cwd, 'out'))).toEqual([
      'en/trams.epub',
      'en/trams.html',
      'it/tram.epub',
      'it/tram.html',
    ]);
  });

  it('--strict stops on warnings and writes nothing', async () => {
    const stderr = await failedBuild(await makeArticle(WARNED), '--strict');
    expect(stderr).toContain('article/en.md:9:1: warning alt text starts with "Image of"');
  });
});

describe.concurrent('the decorative marker', () => {
  it('{.decorative} builds without alt text and publishes alt="" in HTML and EPUB', async () => {
    const decorative = '![](images/tram.png){.decorative}';
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': `${front('Trams')}\nText.\n\n${decorative}\n`,
      'it.md': `${front('Tram')}\nTesto.\n\n${decorative}\n`,
    });
    const run = await build(cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('[alt-');
    const html = await readFile(path.join(cwd, 'out/en/trams.html'), 'utf8');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="" /);
    const zip = await JSZip.loadAsync(await readFile(path.join(cwd, 'out/it/tram.epub')));
    const chapter = Object.values(zip.files).find((f) => f.name.endsWith('text.xhtml'));
    expect(await chapter?.async('string')).toMatch(/<img src="images\/figure-1\.png" alt="" /);
  });
});
