/** What front matter fields and repeated images may cost: bounded, with clear messages. */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, failedBuild, front, makeArticle, PNG } from './helpers.js';

/** A valid PNG of about `bytes` bytes: the fixture with a private chunk of padding. */
function paddedPng(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  const chunk = Buffer.alloc(12 + bytes);
  chunk.writeUInt32BE(bytes, 0);
  chunk.write('paDd', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + bytes)), 8 + bytes);
  const iend = PNG.length - 12;
  return Buffer.concat([PNG.subarray(0, iend), chunk, PNG.subarray(iend)]);
}

describe.concurrent('size amplification', () => {
  it('a 5 MB description is refused at its line, before anything is built', async () => {
    const en = `${front('Trams', `author: Jane Doe\ndate: 2024-05-10\ndescription: ${'x'.repeat(5_000_000)}`)}\nText.\n`;
    const stderr = await failedBuild(await makeArticle({ 'en.md': en }));
    expect(stderr).toContain(
      'article/en.md:5:1: error front matter "description" must be at most 5000 characters (it has 5000000 characters) [front-matter-field]',
    );
  });

  it('too many keywords, and an author name too long', async () => {
    const keywords = `[${Array(101).fill('tram').join(', ')}]`;
    const en = `${front('Trams', `author: ${'J'.repeat(301)}\ndate: 2024-05-10\nkeywords: ${keywords}`)}\nText.\n`;
    const run = await cli(await makeArticle({ 'en.md': en }), ['check', 'article']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('article/en.md:3:');
    expect(run.stderr).toContain(
      'front matter "keywords" must have at most 100 entries (it has 101 entries)',
    );
  });

  it('a 1 MB image shown 100 times is refused at the use that passes the bound', async () => {
    const uses = Array.from({ length: 100 }, (_, i) => `![Tram ${i}](images/big.png)`).join('\n\n');
    const en = `${front('Trams')}\n${uses}\n`;
    const cwd = await makeArticle({ 'en.md': en, 'images/big.png': paddedPng(1024 * 1024) });
    const stderr = await failedBuild(cwd);
    // Each use is embedded as base64 (4/3 of 1 MB): the 48th passes 64 MB.
    const line = en.split('\n').indexOf('![Tram 47](images/big.png)') + 1;
    expect(stderr).toContain(
      `article/en.md:${line}:1: error the images shown up to here add up to more than 64 MB embedded in the page (each use is embedded again; "images/big.png" is shown 48 times) [images-too-large]`,
    );
  });
});
