/**
 * Input that used to give an invalid HTML or EPUB with exit 0: control characters, and
 * author ids equal to the page's own (id="text" of <main>, id="title" of the <h1>).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEpub } from '../helpers/parse.js';
import { epubcheck } from '../helpers/validators.js';
import { build, failedBuild, front, makeArticle } from './helpers.js';

describe.concurrent('control characters', () => {
  it('a NUL in the body, at its line and column', async () => {
    const en = `${front('Trams')}\nText.\nA tram\u0000 stop.\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:8:7: error the file contains the control character U+0000 (NUL) [file-control-character]',
    );
    expect(stderr).not.toContain('this is a bug');
  });

  it('a BEL in the front matter', async () => {
    const en = `---\ntitle: Trams\u0007\nauthor: Jane Doe\ndate: 2024-05-10\n---\nText.\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:2:13: error the file contains the control character U+0007 (BEL)',
    );
  });

  it('an ESC and a C1 control are refused too; a tab and CRLF are not', async () => {
    const esc = await failedBuild(await makeArticle({ 'en.md': `${front('T')}\n\u001b[31mred\n` }));
    expect(esc).toContain('U+001B (ESC)');
    const c1 = await failedBuild(await makeArticle({ 'en.md': `${front('T')}\nx\u0085y\n` }));
    expect(c1).toContain('U+0085');
    const fine = `${front('T')}\nA\ttab.\r\nAnother line.\r\n`;
    const run = await build(await makeArticle({ 'en.md': fine }), '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
  });
});

/** Every id="…" of a page, and those used twice. */
function duplicateIds(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? '');
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

describe.concurrent('ids', () => {
  it('a heading "## Text" or "## Title" gets an id of its own; HTML and EPUB stay valid', async () => {
    const en = `${front('Trams')}\n## Text\n\nOne.\n\n## Title\n\nTwo.\n\n## fn1\n\nThree.[^1]\n\n[^1]: A note.\n`;
    const cwd = await makeArticle({ 'en.md': en });
    const run = await build(cwd);
    expect(run.code, run.stderr).toBe(0);
    const dir = path.join(cwd, 'out/en');
    const html = await readFile(path.join(dir, 'trams.html'), 'utf8');
    expect(duplicateIds(html)).toEqual([]);
    expect(html).toContain('<h2 id="text-section">Text</h2>');
    const epubFile = path.join(dir, (await readdir(dir)).find((f) => f.endsWith('.epub')) ?? '');
    const epub = await openEpub(epubFile);
    const xhtml = await epub.text(path.posix.join(path.posix.dirname(epub.opfPath), 'text.xhtml'));
    expect(duplicateIds(xhtml)).toEqual([]);
    expect((await epubcheck(epubFile)).findings).toEqual([]);
  });

  it('an id written by the author that the page uses is an error at its line', async () => {
    const en = `${front('Trams')}\n## Lines {#text}\n\nA <span id="title">tram</span> and <span id="fnref1">x</span>.\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:7:1: error the id "text" is used by the page itself [id-reserved]',
    );
    expect(stderr).toContain(
      'article/en.md:9:1: error the id "title" is used by the page itself [id-reserved]',
    );
    expect(stderr).toContain('article/en.md:9:1: error the id "fnref1" is used by the page itself');
  });

  it('a raw HTML id equal to a heading id is an error at the second', async () => {
    const en = `${front('Trams')}\n## Lines\n\nThe <span id="lines">lines</span>.\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:9:1: error the id "lines" is also used on line 7 [id-duplicate]',
    );
  });
});
