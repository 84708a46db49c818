/**
 * Translations checked, not forced, through `check`: a name spelt in each language's way,
 * an author-id that must match, a named source edition the others are compared with, and
 * findings silenced with a reason in the front matter or the configuration, then listed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/check/findings.js';
import { writeFiles } from './config-helpers.js';
import { cli, tempFolder } from './helpers.js';

interface Silenced extends Finding {
  reason: string;
  silencedAt: { file: string; line: number; column?: number };
}
interface CheckReport {
  ok: boolean;
  findings: Finding[];
  silenced: Silenced[];
}

const page = (front: string, body = 'A paragraph.') => `---\n${front}\n---\n\n${body}\n`;

/** An article folder of these language files (and any other file), in a fresh project. */
async function article(files: Record<string, string>): Promise<string> {
  const cwd = await tempFolder();
  await writeFiles(
    cwd,
    Object.fromEntries(
      Object.entries(files).map(([name, text]) => [
        name.includes('/') ? name : path.join('article', name),
        text,
      ]),
    ),
  );
  return cwd;
}

async function check(cwd: string, ...flags: string[]) {
  const run = await cli(cwd, 'check', 'article', '--json', ...flags);
  return { code: run.code, report: JSON.parse(run.stdout) as CheckReport, stderr: run.stderr };
}

const rules = (report: CheckReport) => report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

describe.concurrent('the author of every edition', () => {
  it('may be spelt in each language’s own way, but not be fewer or more', async () => {
    const cwd = await article({
      'en.md': page('title: Watching cities\nauthor: Silvia Conticelli'),
      'ru.md': page('title: Города под надзором\nauthor: Сильвия Контичелли'),
      'zh-Hans.md': page('title: 被注视的城市\nauthor: 西尔维娅·孔蒂切利'),
    });
    const ok = await check(cwd, '--strict');
    expect(rules(ok.report)).not.toContain('article/ru.md:3 front-matter-author');
    expect(ok.report.findings.filter((f) => f.severity !== 'note')).toEqual([]);
    expect(ok.code).toBe(0);
    await writeFiles(cwd, {
      'article/ru.md': page('title: Города\nauthor: [Сильвия Контичелли, Иван Петров]'),
    });
    const two = await check(cwd);
    expect(two.code).toBe(1);
    expect(two.report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'front-matter-author',
        file: path.join('article', 'ru.md'),
        line: 3,
        message: expect.stringContaining('2 authors'),
      }),
    );
  });

  it('has one author-id in every edition that gives one', async () => {
    const cwd = await article({
      'en.md': page('title: Watching\nauthor: Silvia Conticelli\nauthor-id: 0000-0002-1825-0097'),
      'ru.md': page('title: Надзор\nauthor: Сильвия Контичелли\nauthor-id: 0000-0002-1825-0097'),
    });
    expect((await check(cwd, '--strict')).code).toBe(0);
    await writeFiles(cwd, {
      'article/ru.md': page('title: Надзор\nauthor: Сильвия Контичелли\nauthor-id: s-conticelli'),
    });
    const { code, report } = await check(cwd);
    expect(code).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'front-matter-author',
        file: path.join('article', 'ru.md'),
        line: 4,
        column: 1,
      }),
    );
  });
});

describe.concurrent('the source edition', () => {
  const files = (ruFront = '') => ({
    'ar.md': page('title: Smart\nauthor: سيلفيا'),
    'en.md': page('title: Smart\nauthor: Silvia'),
    'ru.md': page(`title: Умный\nauthor: Сильвия${ruFront}`),
  });
  const titleFinding = (report: CheckReport) =>
    report.findings.find((f) => f.rule === 'title-untranslated');

  it('is the first file by name unless a file names it with source:', async () => {
    const first = await check(await article(files()));
    expect(titleFinding(first.report)).toMatchObject({
      file: path.join('article', 'en.md'),
      message: expect.stringContaining(path.join('article', 'ar.md')),
    });
    const named = await check(await article(files('\nsource: en')));
    expect(titleFinding(named.report)).toMatchObject({
      file: path.join('article', 'ar.md'),
      message: expect.stringContaining(path.join('article', 'en.md')),
    });
  });

  it('a source the article does not have is an error at its line, with the nearest', async () => {
    const { code, report } = await check(await article(files('\nsource: eng')));
    expect(code).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        rule: 'front-matter-source',
        file: path.join('article', 'ru.md'),
        line: 4,
        hint: 'did you mean "en"?',
      }),
    );
  });

  it('files that name different sources disagree at the second one', async () => {
    const cwd = await article({
      ...files('\nsource: en'),
      'ar.md': page('title: Smart\nauthor: سيلفيا\nsource: ru'),
    });
    const { code, report } = await check(cwd);
    expect(code).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'front-matter-source', file: path.join('article', 'ru.md') }),
    );
  });
});

describe.concurrent('a silenced finding', () => {
  const same = (extra = '') => ({
    'en.md': page('title: Shenzhen\nauthor: Jane Doe'),
    'it.md': page(`title: Shenzhen\nauthor: Jane Doe${extra}`),
  });

  it('in the front matter: passes --strict and is listed with its reason', async () => {
    const loud = await check(await article(same()), '--strict');
    expect(loud.code).toBe(1);
    expect(rules(loud.report)).toContain('article/it.md:2 title-untranslated');
    const cwd = await article(
      same('\nsilence:\n  title-untranslated: "the title is a city’s name"'),
    );
    const { code, report } = await check(cwd, '--strict');
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.silenced).toEqual([
      expect.objectContaining({
        rule: 'title-untranslated',
        file: path.join('article', 'it.md'),
        line: 2,
        reason: 'the title is a city’s name',
        silencedAt: { file: path.join('article', 'it.md'), line: 5, column: 3 },
      }),
    ]);
    const text = await cli(cwd, 'check', 'article', '--strict');
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/silenced \(1\):\n.*it\.md:2:1: .*\[title-untranslated\]/);
    expect(text.stderr).toContain('silenced at article/it.md:5:3: the title is a city’s name');
  });

  it('a silence must name a rule that can be silenced, and give a reason', async () => {
    const typo = await check(await article(same('\nsilence:\n  title-untranslatd: a name')));
    expect(typo.code).toBe(1);
    expect(typo.report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'front-matter-field',
        file: path.join('article', 'it.md'),
        line: 5,
        message: 'there is no rule "title-untranslatd" to silence',
        hint: 'did you mean "title-untranslated"?',
      }),
    );
    const fixed = await check(await article(same('\nsilence:\n  image-missing: later')));
    expect(fixed.report.findings[0]).toMatchObject({
      message: 'the rule "image-missing" cannot be silenced',
      line: 5,
    });
    const empty = await check(await article(same('\nsilence:\n  title-untranslated: " "')));
    expect(empty.code).toBe(1);
    expect(empty.report.findings[0]).toMatchObject({
      rule: 'front-matter-field',
      line: 5,
      message: expect.stringContaining('say why'),
    });
  });

  it('a silence that silences nothing is a warning at its line', async () => {
    const cwd = await article({
      'en.md': page('title: Shenzhen\nauthor: Jane Doe'),
      'it.md': page('title: Sorvegliata\nauthor: Jane Doe\nsilence:\n  title-untranslated: a name'),
    });
    const { code, report } = await check(cwd, '--strict');
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'silence-unused',
        file: path.join('article', 'it.md'),
        line: 5,
      }),
    ]);
  });

  it('in the configuration file, under the language file’s name', async () => {
    const config = 'silence:\n  it.md:\n    title-untranslated: the title is a city’s name\n';
    const cwd = await article({ ...same(), 'build-article.config.yaml': config });
    const { code, report } = await check(cwd, '--strict');
    expect(code).toBe(0);
    expect(report.silenced).toEqual([
      expect.objectContaining({
        rule: 'title-untranslated',
        file: path.join('article', 'it.md'),
        reason: 'the title is a city’s name',
        silencedAt: { file: path.join('article', 'build-article.config.yaml'), line: 3, column: 5 },
      }),
    ]);
    await writeFiles(cwd, {
      'article/build-article.config.yaml': 'silence:\n  it.md:\n    title-untranslatd: a name\n',
    });
    const typo = await cli(cwd, 'check', 'article', '--json');
    expect(typo.code).toBe(1);
    expect(JSON.parse(typo.stdout).error).toMatchObject({
      message: 'there is no rule "title-untranslatd" to silence',
      hint: 'did you mean "title-untranslated"?',
      file: path.join('article', 'build-article.config.yaml'),
      line: 3,
    });
  });
});
