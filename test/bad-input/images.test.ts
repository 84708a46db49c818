/** Images that cannot be published: missing, broken, of the wrong type, outside, remote. */
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, failedBuild, front, GOOD, makeArticle, PNG } from './helpers.js';

/** An article whose English edition shows `src` on line 9, with extra files. */
const showing = (src: string, files: Record<string, string | Uint8Array> = {}) =>
  makeArticle({
    ...GOOD,
    'en.md': `${front('Trams')}\nText.\n\n![A tram on the old bridge](${src})\n`,
    ...files,
  });

describe.concurrent('bad images', () => {
  it('a missing file', async () => {
    const stderr = await failedBuild(await showing('images/nope.png'));
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/nope.png" was not found [image-missing]',
    );
    expect(stderr).toContain('hint: put the image at article/images/nope.png');
  });

  it('a corrupt (truncated) file', async () => {
    const cwd = await showing('images/cut.png', { 'images/cut.png': PNG.subarray(0, 300) });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/cut.png" is corrupt or truncated [image-corrupt]',
    );
  });

  it('a file that is not an image', async () => {
    const cwd = await showing('images/notes.png', { 'images/notes.png': 'just text' });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error "images/notes.png" is not an image [image-not-image]',
    );
  });

  it('an image of an unsupported type', async () => {
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
    const cwd = await showing('images/scan.bmp', { 'images/scan.bmp': bmp });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/scan.bmp" is a BMP file [image-unsupported]',
    );
    expect(stderr).toContain('hint: convert it to PNG or JPEG');
  });

  it('an SVG that holds a script', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const cwd = await showing('images/bad.svg', { 'images/bad.svg': svg });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error SVG image "images/bad.svg" contains a <script> element at line 1 of the SVG [image-unsafe-svg]',
    );
  });

  it('an SVG with a namespaced script, parsed as XML rather than matched by a pattern', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg" width="10" height="10">\n<s:script>alert(1)</s:script></svg>';
    const cwd = await showing('images/bad.svg', { 'images/bad.svg': svg });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error SVG image "images/bad.svg" contains a <s:script> element at line 2 of the SVG [image-unsafe-svg]',
    );
  });

  it('an SVG <use> bomb (9 levels of 10) is refused before Chromium draws it', async () => {
    let defs = '<g id="l0"><rect width="1" height="1"/></g>';
    for (let level = 1; level <= 9; level += 1) {
      defs += `<g id="l${level}">${`<use href="#l${level - 1}"/>`.repeat(10)}</g>`;
    }
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs>${defs}</defs><use href="#l9"/></svg>`;
    const cwd = await showing('images/bomb.svg', { 'images/bomb.svg': svg });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error SVG image "images/bomb.svg" is too costly to draw: <use> elements that draw more than 200000 elements [image-too-complex]',
    );
    expect(stderr).not.toMatch(/timeout|this is a bug/i);
  });

  it('an empty SVG whose root closes itself builds; one cut after a closed child does not', async () => {
    const ns = 'xmlns="http://www.w3.org/2000/svg" width="10" height="10"';
    const whole = await makeArticle({
      'en.md': `${front('Trams')}\nText.\n\n![An empty frame](images/empty.svg)\n`,
      'images/empty.svg': `<svg ${ns}/>\n`,
    });
    const run = await build(whole, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    const cut = await showing('images/cut.svg', { 'images/cut.svg': `<svg ${ns}>\n<rect/>` });
    expect(await failedBuild(cut)).toContain(
      'article/en.md:9:1: error SVG image "images/cut.svg" is not well-formed XML',
    );
  });

  it('a path that climbs out with ../', async () => {
    const cwd = await showing('../secret.png');
    await writeFile(path.join(cwd, 'secret.png'), PNG);
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image path "../secret.png" leaves the article folder [image-outside]',
    );
  });

  it('an absolute path', async () => {
    const stderr = await failedBuild(await showing('/etc/passwd'));
    expect(stderr).toContain(
      'article/en.md:9:1: error image path "/etc/passwd" is absolute [image-outside]',
    );
  });

  it('a symbolic link to a file outside', async () => {
    const cwd = await showing('images/link.png');
    await writeFile(path.join(cwd, 'outside.png'), PNG);
    await symlink(path.join(cwd, 'outside.png'), path.join(cwd, 'article/images/link.png'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/link.png" is a link to a file outside the article folder [image-outside]',
    );
  });

  it('a remote URL: refused, nothing downloaded, with the hint to put the file in the folder', async () => {
    const stderr = await failedBuild(await showing('https://example.com/tram.png'));
    expect(stderr).toContain(
      'article/en.md:9:1: error remote image "https://example.com/tram.png" is not allowed [image-remote]',
    );
    expect(stderr).toContain('hint: download the image into the article folder');
  });

  it('a protocol-relative URL', async () => {
    const stderr = await failedBuild(await showing('//example.com/tram.png'));
    expect(stderr).toContain('remote image "//example.com/tram.png" is not allowed [image-remote]');
  });

  it('a data: URL', async () => {
    const data = `data:image/png;base64,${PNG.toString('base64')}`;
    const stderr = await failedBuild(await showing(data));
    expect(stderr).toMatch(
      /article\/en\.md:9:1: error image "data:image\/png;base64,.{0,80}" is a data: URL, not a file \[image-url\]/,
    );
  });

  it('every bad image at once, in every language', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': `${front('Trams')}\n![A tram](images/a.png)\n\n![A bus](https://x.example/b.png)\n`,
      'it.md': `${front('Tram')}\n![Un tram](images/a.png)\n\n![Un bus](../b.png)\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr.match(/^article\/\S+ error .*\[[a-z-]+\]$/gm)).toEqual([
      'article/en.md:7:1: error image "images/a.png" was not found [image-missing]',
      'article/en.md:9:1: error remote image "https://x.example/b.png" is not allowed [image-remote]',
      'article/it.md:9:1: error image path "../b.png" leaves the article folder [image-outside]',
      'article/it.md:9:1: error figure 2 is "../b.png" here but "https://x.example/b.png" at article/en.md:9:1 [structure-figures]',
    ]);
  });
});
