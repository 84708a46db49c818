/** Deeply nested lists and quotes: every word is published, or the build stops at the line. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, failedBuild, front, GOOD, makeArticle } from './helpers.js';

const outline = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');

async function published(en: string): Promise<string> {
  const cwd = await makeArticle({ 'en.md': en });
  const run = await build(cwd, '-f', 'html');
  expect(run.code, run.stderr).toBe(0);
  return readFile(path.join(cwd, 'out/en/trams.html'), 'utf8');
}

describe.concurrent('deep nesting', () => {
  it('a list nested 10 deep, written "- - - …", keeps its item and the text after it', async () => {
    const html = await published(
      `${front('Trams')}\n- - - - - - - - - - deepest\n\nAfter the list.\n`,
    );
    expect(html).toContain('deepest');
    expect(html).toContain('After the list.');
  });

  it('an outline indented 30 levels keeps every level and the text after it', async () => {
    const html = await published(`${front('Trams')}\n${outline(30)}\n\nAfter the outline.\n`);
    for (let i = 1; i <= 30; i += 1) expect(html).toMatch(new RegExp(`level ${i}(?!\\d)`));
    expect(html).toContain('After the outline.');
  });

  it('quotes nested 100 deep and a 50-level outline keep all their text', async () => {
    const html = await published(
      `${front('Trams')}\n${'> '.repeat(100)}inner words\n\n${outline(50)}\n\nAfter.\n`,
    );
    expect(html).toContain('inner words');
    expect(html.match(/<blockquote>/g)).toHaveLength(100);
    expect(html).toMatch(/level 50(?!\d)/);
    expect(html).toContain('After.');
  });

  it('an outline deeper than the limit stops the build at its line', async () => {
    const en = `${front('Trams')}\nText.\n\n${outline(60)}\n`;
    const cwd = await makeArticle({ 'en.md': en });
    const stderr = await failedBuild(cwd);
    // The 51st level is the first one past the limit.
    const line = en.split('\n').indexOf(`${'  '.repeat(50)}- level 51`) + 1;
    expect(stderr).toContain(
      `article/en.md:${line}:1: error lists or quotes are nested more than 50 levels deep here`,
    );
    expect(stderr).toContain('[markdown-nesting]');
    expect(stderr).not.toContain('this is a bug');
  });

  it('quotes nested 150 deep stop the build, with --json still printing a report', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': `${front('Trams')}\n${'>'.repeat(150)} x\n`,
    });
    const run = await build(cwd, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(JSON.stringify(report)).toContain('markdown-nesting');
  });
});
