/** Links and images whose URL cannot be published are findings, not silent literal text. */
import { describe, expect, it } from 'vitest';
import { cli, failedBuild, front, makeArticle } from './helpers.js';

describe.concurrent('refused links and images', () => {
  it('javascript:, data: and vbscript: links, inline, autolinked or by reference', async () => {
    const en = `${front('Trams')}\nSee [x](javascript:alert(1)), [y](data:text/html,hi) and <javascript:alert(2)>.\n\n[z][r]\n\n[r]: vbscript:msgbox\n`;
    const cwd = await makeArticle({ 'en.md': en });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:7:9: error link to "javascript:alert(1)" is a javascript: URL and cannot be published [link-refused]',
    );
    expect(stderr).toContain(
      'article/en.md:7:35: error link to "data:text/html,hi" is a data: URL',
    );
    expect(stderr).toContain('article/en.md:7:59: error link to "javascript:alert(2)"');
    expect(stderr).toContain(
      'article/en.md:9:1: error link to "vbscript:msgbox" is a vbscript: URL',
    );
  });

  it('a file: link says why', async () => {
    const en = `${front('Trams')}\nMy [notes](file:///home/me/notes.txt).\n`;
    const run = await cli(await makeArticle({ 'en.md': en }), ['check', 'article', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings[0]).toMatchObject({
      rule: 'link-refused',
      line: 7,
      column: 12,
      message: 'link to "file:///home/me/notes.txt" is a file: URL and cannot be published',
    });
  });

  it('a file: image is refused, not published as a local path', async () => {
    const en = `${front('Trams')}\n![The password file](file:///etc/passwd)\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:7:1: error image "file:///etc/passwd" is a file: URL, not a file [image-url]',
    );
  });

  it('a data: image is refused at its line', async () => {
    const en = `${front('Trams')}\nText.\n\n![A dot](data:image/png;base64,iVBORw0KGgo=)\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:9:1: error image "data:image/png;base64,iVBORw0KGgo=" is a data: URL',
    );
  });
});
