/** A language file that cannot be read as an edition: encoding and front matter. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, failedBuild, front, GOOD, makeArticle } from './helpers.js';

const withEn = (en: string | Uint8Array) => makeArticle({ ...GOOD, 'en.md': en });

describe.concurrent('bad language files', () => {
  it('a file that is not UTF-8, at the first bad byte', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${front('Trams')}\nThe first line.\nUn caf`),
      Buffer.from([0xe9]),
      Buffer.from(' au lait.\n'),
    ]);
    const stderr = await failedBuild(await withEn(latin1));
    expect(stderr).toContain(
      'article/en.md:8:7: error the file is not valid UTF-8 text [file-encoding]',
    );
    expect(stderr).toContain('hint: save the file as UTF-8');
  });

  it.each([
    ['UTF-16LE', 'utf16le', true],
    ['UTF-16BE', 'utf16be', false],
  ])('a file saved as %s is named as such, not as a bad byte or a NUL', async (name, _, bom) => {
    const text = `${front('Trams')}\nText.\n`;
    let bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
    if (name === 'UTF-16BE') bytes = bytes.swap16();
    const stderr = await failedBuild(await withEn(bytes));
    expect(stderr).toContain(
      `article/en.md:1:1: error the file is ${name} text, not UTF-8 [file-encoding]`,
    );
    expect(stderr).toContain(`iconv -f ${name.toLowerCase()} -t utf-8`);
  });

  it('a language file that cannot be read', async () => {
    const cwd = await makeArticle({
      'it.md': GOOD['it.md'] ?? '',
      'images/tram.png': GOOD['images/tram.png'] ?? '',
    });
    await mkdir(path.join(cwd, 'article/en.md'));
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md: error the language file is a folder, not a regular file [file-unreadable]',
    );
  });

  it('two headings given the same {#id}, at the second', async () => {
    const en = `${front('Trams')}\n# Trams {#lines}\n\nText.\n\n## The lines {#lines}\n`;
    const stderr = await failedBuild(await withEn(en));
    const first = en.split('\n').indexOf('# Trams {#lines}') + 1;
    const second = en.split('\n').indexOf('## The lines {#lines}') + 1;
    expect(stderr).toContain(
      `article/en.md:${second}:14: error the heading id "lines" is used twice (also at en.md:${first}) [heading-id-duplicate]`,
    );
    expect(stderr).toContain('hint: give each heading its own {#id}');
  });

  it('no front matter', async () => {
    const stderr = await failedBuild(await withEn('# Trams\n\nText.\n'));
    expect(stderr).toContain(
      'article/en.md:1:1: error the file has no front matter [front-matter-syntax]',
    );
  });

  it('malformed YAML, with its line', async () => {
    const stderr = await failedBuild(
      await withEn('---\ntitle: Trams\nauthor: Jane: Doe\ndate: 2024-05-10\n---\nText.\n'),
    );
    expect(stderr).toMatch(
      /article\/en\.md:3:\d+: error the front matter is not valid YAML: .+ \[front-matter-syntax\]/,
    );
  });

  it('a missing required field', async () => {
    const stderr = await failedBuild(
      await withEn('---\ntitle: Trams\ndate: 2024-05-10\n---\nText.\n'),
    );
    expect(stderr).toContain(
      'article/en.md:2:1: error the front matter has no "author" [front-matter-field]',
    );
  });

  it('a wrong type', async () => {
    const stderr = await failedBuild(
      await withEn(`${front('Trams', 'author: Jane Doe\ndate: 12')}Text.\n`),
    );
    expect(stderr).toContain(
      'article/en.md:4:1: error front matter "date" must be a date written YYYY-MM-DD, not a number (12) [front-matter-field]',
    );
  });

  it('an unknown key', async () => {
    const stderr = await failedBuild(
      await withEn(`${front('Trams', 'author: Jane Doe\ndate: 2024-05-10\nautor: X')}Text.\n`),
    );
    expect(stderr).toContain(
      'article/en.md:5:1: error unknown front matter key "autor" [front-matter-field]',
    );
  });

  it('the problems of every file at once', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': '---\ntitle: 1\n---\n',
      'it.md': '# no front matter\n',
    });
    const run = await cli(cwd, ['check', 'article']);
    expect(run.code).toBe(1);
    expect(run.stderr.match(/^article\/\S+/gm)).toEqual([
      'article/en.md:2:1:',
      'article/en.md:2:1:',
      'article/it.md:1:1:',
    ]);
  });
});
