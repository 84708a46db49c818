/**
 * The other inputs a citing article may give, built without a browser and read back: a CSL
 * JSON bibliography, a style of its own (here Vancouver, numbered, from citation-js's
 * styles), and an edition in a language without a CSL locale, which a note names.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { build, editions, front, makeArticle } from './helpers.js';

const styles = createRequire(import.meta.url)('@citation-js/plugin-csl/lib/styles.json') as Record<
  string,
  string
>;

const WORKS = JSON.stringify([
  {
    id: 'rossi2019',
    type: 'book',
    title: 'Le tabelle',
    author: [{ family: 'Rossi', given: 'Mario' }],
    issued: { 'date-parts': [[2019]] },
    publisher: 'Einaudi',
  },
  {
    id: 'bianchi2001',
    type: 'book',
    title: 'Le mappe',
    author: [{ family: 'Bianchi', given: 'Anna' }],
    issued: { 'date-parts': [[2001]] },
    publisher: 'Laterza',
  },
]);

async function page(cwd: string, lang: string): Promise<Document> {
  const [file] = (await editions(path.join(cwd, 'out'))).filter(
    (e) => e.startsWith(`${lang}/`) && e.endsWith('.html'),
  );
  const html = await readFile(path.join(cwd, 'out', file ?? ''), 'utf8');
  return parseHTML(html).document as unknown as Document;
}

describe.concurrent('citation inputs', () => {
  it('a CSL JSON bibliography and a style of the article’s own', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', 'author: Jane Doe\nbibliography: works.json\ncsl: vancouver.csl')}\nFirst [@bianchi2001], then [@rossi2019; @bianchi2001].\n`,
      'works.json': WORKS,
      'vancouver.csl': styles.vancouver ?? '',
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    const doc = await page(cwd, 'en');
    // Vancouver numbers the works in the order they are first cited.
    const cites = [...doc.querySelectorAll('.citation')].map((c) => c.textContent?.trim());
    expect(cites).toEqual(['(1)', '(1,2)']);
    const entries = [...doc.querySelectorAll('.references li')];
    expect(entries.map((li) => li.id)).toEqual(['ref-bianchi2001', 'ref-rossi2019']);
    expect(entries[0]?.textContent).toMatch(/Bianchi A\. Le mappe/);
  });

  it('an edition in a language without a CSL locale gets a note, and English terms', async () => {
    const bib = 'author: Jane Doe\ndate: 2024-05-10\nbibliography: works.json';
    const cwd = await makeArticle({
      'en.md': `${front('Maps', bib)}\nAs [@rossi2019; @bianchi2001].\n`,
      'it.md': `${front('Mappe', bib)}\nCome [@rossi2019; @bianchi2001].\n`,
      'works.json': WORKS,
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /article\/it\.md:1:1: note .*no CSL locale for "it".*\[cite-locale-unavailable\]/,
    );
    expect(run.stderr).not.toMatch(/en\.md:1:1: note .*CSL locale/);
    const it = await page(cwd, 'it');
    expect(it.querySelector('.bibliography h2')?.textContent).toBe('Bibliografia');
    expect(it.querySelector('.citation')?.textContent).toBe('(Bianchi, 2001; Rossi, 2019)');
  });
});
