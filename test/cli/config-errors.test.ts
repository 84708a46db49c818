/**
 * A configuration that is wrong stops the command before anything is written, at the
 * file, line and column of the key (JSON, YAML, package.json) or the file and the key's
 * path (JS), with a hint; and rule settings change what `check` finds.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonError, project } from './config-helpers.js';
import { cli } from './helpers.js';

describe.concurrent('a wrong configuration', () => {
  it('an unknown key in YAML: file:line:column and "did you mean"', async () => {
    const cwd = await project({
      'build-article.config.yaml': '# the essay\nout: site\n\n  \nfromats: [html]\n',
    });
    const run = await cli(cwd, '--json');
    expect(jsonError(run)).toMatchObject({
      message: 'unknown configuration key "fromats"',
      hint: 'did you mean "formats"?',
      file: 'build-article.config.yaml',
      line: 5,
      column: 1,
    });
    expect(run.stderr).toContain('build-article.config.yaml:5:1: unknown configuration key');
    expect(existsSync(path.join(cwd, 'site'))).toBe(false);
  });

  it('a wrong value in JSON: the line and column of its key, or of the list item', async () => {
    const paper = await project({
      'build-article.config.json': '{\n  "out": "site",\n    "paper": "A3"\n}\n',
    });
    expect(jsonError(await cli(paper, '--json'))).toMatchObject({
      message: 'configuration "paper" must be one of a4, a5, letter, 6x9in, not "A3"',
      file: 'build-article.config.json',
      line: 3,
      column: 5,
    });
    const format = await project({
      '.build-articlerc.json': '{\n  "formats": [\n    "html",\n    "docx"\n  ]\n}\n',
    });
    expect(jsonError(await cli(format, 'check', '--json'))).toMatchObject({
      message: 'configuration "formats[1]" must be one of html, pdf, epub, not "docx"',
      file: '.build-articlerc.json',
      line: 4,
      column: 5,
    });
  });

  it('in package.json: the line of the key under "build-article"', async () => {
    const cwd = await project({
      'package.json':
        '{\n  "name": "essay",\n  "build-article": {\n    "timeout": "soon"\n  }\n}\n',
    });
    expect(jsonError(await cli(cwd, '--json'))).toMatchObject({
      message: 'configuration "timeout" must be a number, not "soon"',
      file: 'package.json',
      line: 4,
      column: 5,
    });
  });

  it('in a JS configuration: the file and the key, without a line', async () => {
    const cwd = await project({
      'build-article.config.mjs': "export default { rules: { 'title-untranslated': 'loud' } };\n",
    });
    const error = jsonError(await cli(cwd, 'check', '--json'));
    expect(error).toMatchObject({
      message:
        'configuration "rules.title-untranslated" must be one of error, warning, note, off, not "loud"',
      file: 'build-article.config.mjs',
    });
    expect(error.line).toBeUndefined();
    const throws = await project({
      'build-article.config.cjs': "throw new Error('no network here');\n",
    });
    expect(jsonError(await cli(throws, '--json'))).toMatchObject({
      message: 'the configuration could not be run: no network here',
      file: 'build-article.config.cjs',
    });
  });

  it('YAML that does not parse: the line of the mistake', async () => {
    const cwd = await project({ '.build-articlerc.yaml': 'out: site\nformats: [html\n' });
    const error = jsonError(await cli(cwd, '--json'));
    expect(error.message).toMatch(/^the configuration is not valid: /);
    expect(error).toMatchObject({ file: '.build-articlerc.yaml', line: 3 });
  });

  it('YAML aliases that expand a billion times are refused, not expanded', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const cwd = await project({ '.build-articlerc.yaml': `${lines.join('\n')}\n` });
    expect(jsonError(await cli(cwd, 'check', '--json'))).toMatchObject({
      message: "the configuration's YAML aliases (*name) expand too much",
      file: '.build-articlerc.yaml',
    });
  });

  it('--config with a file that is missing, of another kind, or a package.json without the key', async () => {
    const cwd = await project({
      'package.json': '{ "name": "essay" }\n',
      'conf.toml': 'out = "x"\n',
    });
    expect(jsonError(await cli(cwd, '--config', 'nope.yaml', '--json')).message).toMatch(
      /the configuration file .*nope\.yaml does not exist/,
    );
    expect(jsonError(await cli(cwd, '--config', 'conf.toml', '--json')).message).toBe(
      '--config cannot read conf.toml',
    );
    expect(jsonError(await cli(cwd, '--config', 'package.json', '--json')).message).toBe(
      'package.json has no "build-article" key',
    );
  });

  it('a folder named as a configuration file is a problem to fix, not a crash', async () => {
    const cwd = await project();
    await mkdir(path.join(cwd, 'article/.build-articlerc'));
    const run = await cli(cwd, 'check', '--json');
    expect(jsonError(run).message).toMatch(/^a configuration file cannot be read: EISDIR/);
    expect(run.stderr).not.toContain('crashed');
    // A YAML file of comments only is an empty configuration.
    const comments = await project({ '.build-articlerc.yaml': '# to fill in\n' });
    expect((await cli(comments, 'check', '--json')).code).toBe(0);
  });

  it('a rule whose errors stop the build cannot be set', async () => {
    const cwd = await project({
      'build-article.config.yaml': 'rules:\n  front-matter-field: off\n',
    });
    expect(jsonError(await cli(cwd, 'check', '--json'))).toMatchObject({
      message: 'the rule "front-matter-field" cannot be set',
      line: 2,
      column: 3,
    });
    const typo = await project({
      'build-article.config.yaml': 'rules:\n  title-untranslatd: off\n',
    });
    expect(jsonError(await cli(typo, 'check', '--json')).hint).toBe(
      'did you mean "title-untranslated"?',
    );
  });
});

describe.concurrent('rule settings', () => {
  const findings = (run: { code: number; stdout: string }) =>
    JSON.parse(run.stdout) as { ok: boolean; findings: { rule: string; severity: string }[] };

  it('turn a warning up, down or off; --strict still counts what stays a warning', async () => {
    const plain = await project();
    const before = await cli(plain, 'check', '--strict', '--json');
    expect(before.code).toBe(1);
    expect(findings(before).findings).toMatchObject([
      { rule: 'title-untranslated', severity: 'warning' },
    ]);
    const levels = { error: 1, warning: 1, note: 0, off: 0 } as const;
    for (const [level, code] of Object.entries(levels)) {
      const cwd = await project({
        'build-article.config.yaml': `strict: true\nrules:\n  title-untranslated: ${level}\n`,
      });
      const run = await cli(cwd, 'check', '--json');
      expect(run.code, level).toBe(code);
      expect(findings(run).findings.map((f) => f.severity)).toEqual(level === 'off' ? [] : [level]);
    }
  });

  it('a build applies them: a warning made an error stops it, one made a note never does', async () => {
    const louder = await project({
      'build-article.config.yaml': 'formats: [html]\nrules:\n  title-untranslated: error\n',
    });
    const stopped = await cli(louder, '--json');
    expect(stopped.code).toBe(1);
    expect(findings(stopped).findings).toMatchObject([
      { rule: 'title-untranslated', severity: 'error' },
    ]);
    expect(existsSync(path.join(louder, 'dist'))).toBe(false);
    const quieter = await project({
      'build-article.config.yaml':
        'formats: [html]\nstrict: true\nrules:\n  title-untranslated: note\n',
    });
    const built = await cli(quieter, '--json');
    expect(built.code, built.stderr).toBe(0);
    expect(findings(built).findings).toMatchObject([{ severity: 'note' }]);
  });

  it('an error turned up fails check without --strict', async () => {
    const cwd = await project({
      'build-article.config.json': '{ "rules": { "title-untranslated": "error" } }',
    });
    const run = await cli(cwd, 'check', '--json');
    expect(run.code).toBe(1);
    expect(findings(run)).toMatchObject({ ok: false, findings: [{ severity: 'error' }] });
  });
});
