/**
 * An article in French, Russian and Esperanto (the second test article's English text
 * under those names) built with the real CLI, HTML and EPUB: French and Russian editions
 * show their own words, Esperanto, which has no labels file, English ones with a warning.
 * Only text is read here: the shipped fonts do not draw Cyrillic yet (issue 13, point 2).
 */
import { copyFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/editions.js';
import { htmlDocument, openEpub, squash, xmlDocument } from '../helpers/parse.js';
import { epubchecks, vnu } from '../helpers/validators.js';

let work: string;
let out: string;
let check: {
  findings: { rule: string; file: string; line: number; message: string; severity: string }[];
};

const text = (doc: Document, selector: string) =>
  squash(doc.querySelector(selector)?.textContent ?? '');

async function edition(lang: string, format: 'html' | 'epub'): Promise<string> {
  const files = await readdir(path.join(out, lang));
  const file = files.find((f) => f.endsWith(`.${format}`));
  if (!file) throw new Error(`no ${format} for ${lang} in ${files.join(', ')}`);
  return path.join(out, lang, file);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'build-article-labels-'));
  const dir = path.join(work, 'article');
  out = path.join(work, 'dist');
  await cp(path.join(ROOT, 'test/fixtures/second-article'), dir, { recursive: true });
  for (const lang of ['fr', 'ru', 'eo'])
    await copyFile(path.join(dir, 'en.md'), path.join(dir, `${lang}.md`));
  const built = await runCli([dir, '-o', out, '-f', 'html,epub', '-l', 'en,fr,ru,eo', '-q']);
  if (built.code !== 0) throw new Error(`the build failed:\n${built.stderr}`);
  const checked = await runCli(['check', dir, '--json']);
  check = JSON.parse(checked.stdout);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('an edition in a language with labels', () => {
  it('French: the page’s words are French, the date as French writes it', async () => {
    const doc = await htmlDocument(await edition('fr', 'html'));
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(text(doc, '.skip-link')).toBe('Aller à l’essai');
    expect(text(doc, '.byline')).toBe('Par Test Author');
    expect(text(doc, '.dateline')).toBe('Publié le 10 mai 2024');
    expect(text(doc, '.dateline time')).toBe('10 mai 2024');
    expect(text(doc, '.footnotes h2')).toBe('Notes');
    expect(text(doc, '.edition-notes h2')).toBe('Notes sur cette édition');
    expect(text(doc, '.footnote-backref')).toBe('retour au texte');
    expect(doc.querySelector('.language-switch')?.getAttribute('aria-label')).toBe('Langues');
  });

  it('Russian: Russian words, the byline’s number and the date in the genitive', async () => {
    const doc = await htmlDocument(await edition('ru', 'html'));
    expect(text(doc, '.skip-link')).toBe('Перейти к эссе');
    expect(text(doc, '.byline')).toBe('Автор: Test Author');
    expect(text(doc, '.dateline')).toBe('Опубликовано 10 мая 2024 г.');
    expect(text(doc, '.footnotes h2')).toBe('Примечания');
    expect(text(doc, '.edition-notes h2')).toBe('Примечания к этому изданию');
    expect(text(doc, '.made-with')).toBe('Сделано с помощью build-article');
    expect(text(doc, '.language-switch p')).toMatch(/^Это эссе на других языках: /);
  });

  it.each([
    ['fr', /^Cet EPUB contient un seul essai/, 'Sommaire'],
    ['ru', /^Этот EPUB содержит одно эссе/, 'Содержание'],
  ])(
    '%s: the EPUB’s accessibility summary and navigation are in the language',
    async (lang, summary, contents) => {
      const epub = await openEpub(await edition(lang, 'epub'));
      const meta = [...epub.opf.querySelectorAll('meta')].find(
        (m) => m.getAttribute('property') === 'schema:accessibilitySummary',
      );
      expect(squash(meta?.textContent ?? '')).toMatch(summary);
      const navPath = epub.opf.querySelector('item[properties~="nav"]')?.getAttribute('href') ?? '';
      const nav = xmlDocument(
        await epub.text(path.posix.join(path.posix.dirname(epub.opfPath), navPath)),
      );
      expect(squash(nav.querySelector('title')?.textContent ?? '')).toBe(contents);
    },
  );

  it('the French and Russian editions pass the Nu HTML Checker and EPUBCheck', async () => {
    const pages = [await edition('fr', 'html'), await edition('ru', 'html')];
    for (const [file, verdict] of await vnu(pages)) {
      // The text is the English article's, which the checker's language guess notices.
      const found = verdict.findings.filter((f) => !/appears to be written in English/.test(f));
      expect(found, file).toEqual([]);
    }
    const epubs = [await edition('fr', 'epub'), await edition('ru', 'epub')];
    const verdicts = await epubchecks(epubs);
    expect([...verdicts.keys()]).toEqual(epubs);
    for (const [file, verdict] of verdicts) {
      expect(verdict.findings, `${file}: ${verdict.summary}`).toEqual([]);
    }
  }, 120_000);

  it('no labels finding for a language that has its file', () => {
    const files = check.findings.filter((f) => f.rule.startsWith('labels-')).map((f) => f.file);
    expect(files.some((f) => /(?:^|\/)(?:en|fr|ru|it)\.md$/.test(f))).toBe(false);
  });
});

describe('an edition in a language without labels', () => {
  it('is built with the English words', async () => {
    const doc = await htmlDocument(await edition('eo', 'html'));
    expect(doc.documentElement.getAttribute('lang')).toBe('eo');
    expect(text(doc, '.skip-link')).toBe('Skip to the essay');
    expect(text(doc, '.byline')).toBe('By Test Author');
    const epub = await openEpub(await edition('eo', 'epub'));
    const meta = [...epub.opf.querySelectorAll('meta')].find(
      (m) => m.getAttribute('property') === 'schema:accessibilitySummary',
    );
    expect(squash(meta?.textContent ?? '')).toMatch(/^This EPUB is a single essay/);
  });

  it('and check --json warns at its language file, naming the labels file it lacks', () => {
    const found = check.findings.filter((f) => f.rule === 'labels-missing');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 1 });
    expect(found[0]?.file).toMatch(/(?:^|\/)eo\.md$/);
    expect(found[0]?.message).toContain('templates/labels/eo.json');
  });

  it('and check --templates reads the labels the build would use from that folder', async () => {
    const templates = path.join(ROOT, 'test/fixtures/labels-templates');
    const checked = await runCli([
      'check',
      path.join(work, 'article'),
      '--json',
      '--templates',
      templates,
    ]);
    const found = (JSON.parse(checked.stdout) as typeof check).findings.filter(
      (f) => f.rule === 'labels-missing' && /eo\.md$/.test(f.file),
    );
    // The folder has an eo.json: it is named, with what it lacks.
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('labels-templates/labels/eo.json');
    expect(found[0]?.message).toContain('contents');
    const missing = await runCli([
      'check',
      path.join(work, 'article'),
      '--templates',
      path.join(work, 'nowhere'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/templates folder .* does not exist/);
  });
});
