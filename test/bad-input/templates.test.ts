/** A --templates stylesheet or template may not bring the network (or other files) into any edition. */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideReference, templateReference } from '../../src/render/stylesheet-check.js';
import { build, cli, editions, GOOD, makeArticle, ROOT } from './helpers.js';

async function withStylesheet(css: string): Promise<string> {
  const cwd = await makeArticle(GOOD);
  await mkdir(path.join(cwd, 'mine/styles'), { recursive: true });
  await writeFile(path.join(cwd, 'mine/styles/base.css'), css);
  return cwd;
}

describe.concurrent('template stylesheets', () => {
  it.each([
    [
      'html,epub',
      'body {\n  background: url(https://evil.example/track.png);\n}\n',
      'url(https://evil.example/track.png',
      2,
    ],
    ['html', '/* fonts */\n@import "https://fonts.example/a.css";\n', '@import', 2],
    ['epub', 'h1 { background: \\75rl(//evil.example/x.png) }\n', 'url(//evil.example/x.png', 1],
  ])('-f %s refuses %j', async (formats, css, what, line) => {
    const cwd = await withStylesheet(css);
    const run = await build(cwd, '-f', formats, '--templates', 'mine');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error: mine/styles/base.css:${line}: the template refers to something outside the edition: ${what}`,
    );
    expect(await editions(path.join(cwd, 'out'))).toEqual([]);
  });

  it('a data: URL or a #fragment is fine', async () => {
    const cwd = await withStylesheet(
      'li::marker { content: "\\2022" }\nbody { background: url("data:image/png;base64,iVBORw0KGgo=") }\n',
    );
    const run = await build(cwd, '-f', 'html', '--templates', 'mine');
    expect(run.code, run.stderr).toBe(0);
  });
});

describe.concurrent('other templates', () => {
  it.each([
    ['page.liquid', '<html>\n<head>\n<script src="https://evil.example/t.js"></script>', 3],
    [
      'partials/title-block.liquid',
      '<h1 style="background: url(https://evil.example/x.png)">{{ title }}</h1>',
      1,
    ],
    [
      'pdf/running.css.liquid',
      '@page { @top-left { content: {{ title | css_string | raw }}; } }\n@import "//evil.example/a.css";',
      2,
    ],
  ])('%s is refused at its line', async (name, text, line) => {
    const cwd = await makeArticle(GOOD);
    await mkdir(path.dirname(path.join(cwd, 'mine', name)), { recursive: true });
    await writeFile(path.join(cwd, 'mine', name), text);
    const run = await build(cwd, '-f', 'html', '--templates', 'mine');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error: mine/${name}:${line}: the template refers to something outside the edition`,
    );
  });

  it('the shipped templates pass the same check', async () => {
    const dir = path.join(ROOT, 'templates');
    const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.liquid'));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(templateReference(await readFile(path.join(dir, name), 'utf8')), name).toBeUndefined();
    }
  });
});

// A FIFO used to block the build for ever (SIGTERM could not stop it), and /dev/zero to
// fill memory until the shipped file was silently used instead.
describe.concurrent('template files that are not regular files', () => {
  it.each([
    ['a FIFO', 'styles/base.css', 'a FIFO (named pipe)'],
    ['a FIFO', 'labels/en.json', 'a FIFO (named pipe)'],
    ['a link to /dev/zero', 'styles/base.css', 'a device'],
  ])(
    '%s as %s: build and check refuse it at once',
    { timeout: 30_000 },
    async (kind, name, what) => {
      const cwd = await makeArticle(GOOD);
      const file = path.join(cwd, 'mine', name);
      await mkdir(path.dirname(file), { recursive: true });
      if (kind === 'a FIFO') execFileSync('mkfifo', [file]);
      else await symlink('/dev/zero', file);
      const message = `error: mine/${name}: the template file is ${what}, not a regular file`;
      const run = await build(cwd, '--templates', 'mine');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
      expect(await editions(path.join(cwd, 'out'))).toEqual([]);
      const check = await cli(cwd, ['check', 'article', '--templates', 'mine', '--json']);
      expect(check.code).toBe(1);
      expect(JSON.parse(check.stdout).error).toMatchObject({ file: `mine/${name}` });
    },
  );

  it('a stylesheet larger than 8 MB', async () => {
    const cwd = await makeArticle(GOOD);
    await mkdir(path.join(cwd, 'mine/styles'), { recursive: true });
    await writeFile(path.join(cwd, 'mine/styles/base.css'), '');
    await truncate(path.join(cwd, 'mine/styles/base.css'), 9 * 1024 * 1024);
    const run = await build(cwd, '--templates', 'mine');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: mine/styles/base.css: the template file is larger than 8 MB (9 MB)',
    );
  });
});

describe('outsideReference', () => {
  it('reads through comments and escapes', () => {
    expect(outsideReference('/* url(https://x) */ a { color: red }')).toBeUndefined();
    expect(outsideReference('a { b: image-set("x.png" 1x) }')?.what).toContain('image-set');
    expect(outsideReference('a { b: url(x.png) }')?.what).toBe('url(x.png');
    expect(outsideReference('a{}\n\n@IMPORT url(x.css);')).toEqual({ what: '@import', line: 3 });
  });
});
