/**
 * Untrusted HTML end to end, with real Chromium: raw HTML in the Markdown never reaches an
 * edition as it is, and a template that asks for anything outside the build fails the PDF.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cli, editions, front, GOOD, makeArticle, ROOT } from './helpers.js';

const ATTACKS = `
Inline <script>alert(1)</script> and <span onclick="alert(2)">a span</span>, a
<a href="javascript:alert(3)">link</a> and <img src="https://evil.example/pixel.png" alt="">.

<iframe src="https://evil.example/frame"></iframe>

<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y.swf">

<div onmouseover="alert(4)"><style>@import url(https://evil.example/x.css);</style>Kept text.</div>
`;

const DANGER =
  /<script|<iframe|<object|<embed|<style[^>]*>[^<]*evil|\son(?:click|mouseover|error)=|javascript:|evil\.example/i;

describe('raw HTML in the Markdown', () => {
  it('is removed from the HTML, EPUB and PDF editions and reported with its line', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': `${front('Trams')}${ATTACKS}\n![A tram on the old bridge](images/tram.png)\n`,
      'it.md': `${front('Tram')}${ATTACKS}\n![Un tram sul ponte vecchio](images/tram.png)\n`,
    });
    const run = await cli(cwd, ['article', '-o', 'out']);
    // Only warnings: the build goes on, and the PDF shows that no request left the page.
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'article/en.md:7:8: warning raw HTML <script> was removed [raw-html-removed]',
    );
    expect(run.stderr).toContain(
      'article/en.md:10:1: warning raw HTML <iframe> was removed [raw-html-removed]',
    );
    const out = path.join(cwd, 'out');
    const written = await editions(out);
    expect(written).toHaveLength(6);
    for (const file of written.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(path.join(out, file), 'utf8');
      expect(html).toContain('Kept text.');
      expect(html).not.toMatch(DANGER);
    }
    for (const file of written.filter((f) => f.endsWith('.epub'))) {
      const zip = await JSZip.loadAsync(await readFile(path.join(out, file)));
      const texts = await Promise.all(
        Object.values(zip.files)
          .filter((f) => /\.(?:xhtml|html|opf|css|ncx)$/.test(f.name))
          .map((f) => f.async('string')),
      );
      expect(texts.join('\n')).toContain('Kept text.');
      expect(texts.join('\n')).not.toMatch(DANGER);
    }
  });
});

describe('a template that reaches outside the build', () => {
  const article = path.join(ROOT, 'test/fixtures/second-article');

  it.each([
    // Written plainly, these are refused when the templates are loaded (templates.test.ts);
    // a URL put together by Liquid is only seen when Chromium is asked for it.
    [
      'a remote stylesheet',
      `<link rel="stylesheet" href="{{ 'https:' }}//example.com/remote.css">`,
      'https://example.com/remote.css',
    ],
    [
      'a remote image',
      `<img src="{{ 'https:' }}//example.com/logo.png" alt="Logo">`,
      'https://example.com/logo.png',
    ],
  ])('fails the PDF edition for %s, exit 1', async (_what, tag, url) => {
    const cwd = await makeArticle({});
    const templates = path.join(cwd, 'templates');
    await mkdir(templates);
    const page = await readFile(path.join(ROOT, 'templates/page.liquid'), 'utf8');
    expect(page).toContain('</head>');
    await writeFile(
      path.join(templates, 'page.liquid'),
      page.replace('</head>', `${tag}\n</head>`),
    );
    const run = await cli(cwd, [
      article,
      '-o',
      'out',
      '-f',
      'pdf',
      '-l',
      'en',
      '--templates',
      'templates',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the page asked for 1 resource(s) outside the build: ${url}`);
    expect(run.stderr).toContain(
      'hint: every image, font and stylesheet must come from the article folder or the templates',
    );
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });

  it('a remote stylesheet written plainly is refused before anything is built', async () => {
    const cwd = await makeArticle({});
    const templates = path.join(cwd, 'templates');
    await mkdir(templates);
    const page = await readFile(path.join(ROOT, 'templates/page.liquid'), 'utf8');
    const tag = '<link rel="stylesheet" href="https://example.com/remote.css">';
    await writeFile(
      path.join(templates, 'page.liquid'),
      page.replace('</head>', `${tag}\n</head>`),
    );
    const run = await cli(cwd, [
      article,
      '-o',
      'out',
      '-f',
      'html,epub',
      '--templates',
      'templates',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /templates\/page\.liquid:\d+: the template refers to something outside the edition: <link rel="stylesheet" href="https:\/\//,
    );
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });
});
