/**
 * Typography per language in the built editions: a small article in English, French and
 * German (test/fixtures/typography-article) is built to HTML and PDF with real Chromium,
 * and read back — the HTML parsed, the PDF through pdftotext and the words' boxes — for
 * each language's quotes, French's narrow no-break spaces, and code and URLs as written.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/editions.js';
import { htmlDocument, pdfText } from '../helpers/parse.js';

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, 'test/fixtures/typography-article');
const NNBSP = '\u202f';

let dir: string;
const built = new Map<string, string>();
const file = (lang: string, format: 'html' | 'pdf') => built.get(`${lang}.${format}`) ?? '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'build-article-typography-'));
  const result = await runCli([FIXTURE, '-o', dir, '-f', 'html,pdf', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as {
    editions: { lang: string; format: string; path: string }[];
  };
  for (const e of report.editions) built.set(`${e.lang}.${e.format}`, e.path);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of the edition's first body paragraph, and of its code, as a parser reads them. */
async function body(lang: string): Promise<{ text: string; code: string; last: string }> {
  const doc = await htmlDocument(file(lang, 'html'));
  const paragraphs = [...doc.querySelectorAll('p')].filter((p) => p.querySelector('code'));
  const withCode = paragraphs[0];
  const first = withCode?.previousElementSibling;
  return {
    text: (first?.textContent ?? '').replace(/\s*\n\s*/g, ' '),
    code: withCode?.querySelector('code')?.textContent ?? '',
    last: (withCode?.textContent ?? '').replace(/\s*\n\s*/g, ' '),
  };
}

/** Each word of the PDF's first page with its box, as poppler's pdftotext -bbox gives them. */
async function words(
  pdf: string,
): Promise<{ text: string; xMin: number; xMax: number; y: number }[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']);
  return [
    ...stdout.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ xMin: Number(m[1]), y: Number(m[2]), xMax: Number(m[3]), text: m[4] ?? '' }));
}

describe('the HTML editions', () => {
  it('French: « » with narrow no-break spaces inside, and before : ; ? !', async () => {
    const { text } = await body('fr');
    expect(text).toContain(`une «${NNBSP}ville “intelligente”${NNBSP}»${NNBSP}: la mémoire`);
    expect(text).toContain(`Pourquoi${NNBSP}? Personne`);
    expect(text).toContain(`demandé${NNBSP}; pas`);
    expect(text).toContain(`2011–2014${NNBSP}!`);
    expect(text).toContain('l’appelait');
  });
  it('German: „ “ with ‚ ‘ inside; English: “ ” with ‘ ’ inside; neither spaces its colon', async () => {
    const de = (await body('de')).text;
    expect(de).toContain('eine „Stadt mit ‚Gedächtnis‘“: das Archiv');
    expect(de).toContain('Warum? Niemand fragte\u00a0– nicht');
    expect(de).not.toContain(NNBSP);
    const en = (await body('en')).text;
    expect(en).toContain('a “smart city”: the archive’s ‘memory’ of every');
    expect(en).not.toContain(NNBSP);
  });
  it('leaves code and URLs exactly as written, in every language', async () => {
    const written = {
      en: `echo "it's" -- done`,
      fr: `echo "c'est" : fini;`,
      de: 'echo "es ist" -- fertig',
    };
    for (const [lang, code] of Object.entries(written)) {
      const edition = await body(lang);
      expect(edition.code, lang).toBe(code);
      expect(edition.last, lang).toContain('https://example.org/a--b?x=1;y=2 ');
    }
  });
});

describe('the PDF editions', () => {
  it('read back with each language’s quotes, and the code as written', async () => {
    const fr = (await pdfText(file('fr', 'pdf'))).replace(/\s+/g, ' ');
    expect(fr).toContain('une « ville “intelligente” » : la mémoire');
    expect(fr).toContain('Pourquoi ? Personne');
    expect(fr).toContain(`Lancez echo "c'est" : fini; et`);
    const de = (await pdfText(file('de', 'pdf'))).replace(/\s+/g, ' ');
    expect(de).toContain('eine „Stadt mit ‚Gedächtnis‘“: das Archiv');
    expect(de).toContain('Warum? Niemand');
    const en = (await pdfText(file('en', 'pdf'))).replace(/\s+/g, ' ');
    expect(en).toContain('a “smart city”: the archive’s ‘memory’');
  });

  it('French sets a narrow space, not a word space, before : ; ? ! and inside « »', async () => {
    const list = await words(file('fr', 'pdf'));
    const narrow: number[] = [];
    const wide: number[] = [];
    list.forEach((word, i) => {
      const next = list[i + 1];
      if (!next || Math.abs(next.y - word.y) > 0.5) return;
      // The code keeps its own spaces: `echo "c'est" : fini;` is set as written.
      if (word.text.includes('&quot;')) return;
      const gap = next.xMin - word.xMax;
      const high = /^[:;?!»]$/.test(next.text) || word.text === '«';
      (high ? narrow : wide).push(gap);
    });
    // « » : ? ; ! in the paragraph, and the colon of "Cet essai … langues :".
    expect(narrow.length).toBeGreaterThanOrEqual(6);
    const sorted = wide.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(1);
    for (const gap of narrow) {
      expect(gap).toBeGreaterThan(0.3);
      expect(gap).toBeLessThan(0.7 * median);
    }
  });
});
