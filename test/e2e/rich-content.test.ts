/**
 * Code and callouts (issue 15, points 2 and 4): test/fixtures/rich-article, in English and
 * Italian, built in all three formats with the real CLI and read back: the HTML parsed, through
 * vnu and axe (in the light and the dark scheme), the EPUB unzipped and through EPUBCheck and
 * Ace, the PDF through pdffonts, pdftotext and its structure tree.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Article, loadArticle } from '../../src/article/load.js';
import { launchChromium, platformFonts } from '../helpers/chromium.js';
import { ROOT } from '../helpers/editions.js';
import { htmlDocument, openEpub, pdfText, xmlDocument } from '../helpers/parse.js';
import {
  type FixtureEdition,
  type ValidatedFixture,
  validatedFixture,
} from '../helpers/validated-fixture.js';
import { AXE_TAGS } from '../validators/page-checks.js';
import { fonts, structText } from '../validators/pdf-objects.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/rich-article');
const TITLES: Record<string, string[]> = {
  en: ['Note', 'Tip', 'Important', 'Warning', 'Caution'],
  it: ['Nota', 'Suggerimento', 'Importante', 'Attenzione', 'Cautela'],
};

let article: Article;
let dark: Map<string, DarkFacts>;

let fixture: ValidatedFixture;

beforeAll(async () => {
  fixture = await validatedFixture('rich-article');
  article = await loadArticle(FIXTURE);
  dark = await inDarkScheme(fixture.built.filter((e) => e.format === 'html').map((e) => e.path));
});

const file = (lang: string, format: FixtureEdition['format']) => fixture.file(lang, format);

describe.each(['en', 'it'])('rich article, %s', (lang) => {
  it('the source has three code blocks (ts, python, plain) and one callout of each kind', () => {
    const doc = article.editions.find((e) => e.lang === lang)?.doc;
    expect(doc?.code.map((c) => c.lang)).toEqual(['', 'ts', 'python']);
    expect(doc?.callouts.map((c) => c.kind)).toEqual([
      'note',
      'tip',
      'important',
      'warning',
      'caution',
    ]);
    expect(doc?.tables).toBe(1);
    expect(doc?.images.filter((i) => i.figure)).toHaveLength(1);
  });

  it('HTML: the named languages highlighted with both themes, the plain block plain', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    const blocks = [...doc.querySelectorAll('main pre')];
    expect(blocks).toHaveLength(3);
    const [plain, ts, python] = blocks;
    expect(plain?.classList.contains('shiki')).toBe(false);
    expect(plain?.querySelector('span[style]')).toBeNull();
    for (const block of [ts, python]) {
      expect(block?.classList.contains('shiki-themes')).toBe(true);
      const spans = [...(block?.querySelectorAll('span[style]') ?? [])];
      expect(spans.length).toBeGreaterThan(10);
      for (const span of spans) expect(span.getAttribute('style')).toMatch(/--shiki-dark:#/);
    }
    // Only the block written {.numberLines} numbers its lines.
    expect(blocks.map((b) => b.classList.contains('numberLines'))).toEqual([false, false, true]);
    // The code's text is as written.
    expect(python?.textContent).toContain('return min(later, key=lambda d: d["minutes"]');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('HTML: each callout is a note with its localized title', async () => {
    const doc = await htmlDocument(file(lang, 'html'));
    const notes = [...doc.querySelectorAll('main .callout')];
    expect(notes.map((n) => n.getAttribute('role'))).toEqual(Array(5).fill('note'));
    expect(notes.map((n) => n.querySelector('.callout-title')?.textContent)).toEqual(TITLES[lang]);
    expect(notes.every((n) => !n.textContent?.includes('[!'))).toBe(true);
  });

  it('HTML: the Nu HTML Checker and axe-core report nothing, in the light scheme and the dark', () => {
    expect(fixture.nu.get(file(lang, 'html'))?.findings).toEqual([]);
    expect(fixture.pages.get(file(lang, 'html'))?.violations).toEqual([]);
    expect(dark.get(file(lang, 'html'))?.violations).toEqual([]);
  });

  it('HTML: the dark scheme takes the dark theme (printed, the light one), and code is drawn in Source Code Pro only', () => {
    const facts = dark.get(file(lang, 'html'));
    expect(facts?.background).toBe('rgb(13, 17, 23)');
    expect(facts?.printed).toBe('rgb(255, 255, 255)');
    // @fontsource's 400 face calls itself ExtraLight in its PostScript name.
    expect(facts?.fonts).toEqual([{ name: 'SourceCodeProExtraLight-Regular', custom: true }]);
  });

  it('HTML: numbered lines show their numbers, and a screen reader reads the code alone', () => {
    const numbered = dark.get(file(lang, 'html'))?.numbered;
    const shown = numbered?.shown ?? [];
    expect(shown.length).toBeGreaterThan(3);
    // Each number is generated content with empty alternative text: `counter(line) / ""`.
    for (const content of shown) expect(content).toMatch(/^counter\(line\) \/ ""$/);
    const squeeze = (t = '') => t.replace(/\s+/g, '');
    expect(squeeze(numbered?.spoken)).toBe(squeeze(numbered?.text));
  });

  it('EPUB: light colours inline, titled callouts; EPUBCheck and Ace report nothing', async () => {
    const epub = await openEpub(file(lang, 'epub'));
    const href = epub.opf.querySelector('manifest item[id="text"]')?.getAttribute('href') ?? '';
    const chapter = xmlDocument(await epub.text(path.posix.join(path.dirname(epub.opfPath), href)));
    const spans = [...chapter.getElementsByTagName('span')].filter((s) => s.getAttribute('style'));
    expect(spans.length).toBeGreaterThan(20);
    for (const span of spans) expect(span.getAttribute('style')).not.toContain('--shiki');
    const titles = [...chapter.getElementsByTagName('p')]
      .filter((p) => p.getAttribute('class') === 'callout-title')
      .map((p) => p.textContent);
    expect(titles).toEqual(TITLES[lang]);
    // The EPUB's sheets paint nothing themselves (the reading system's themes apply): the
    // only colours are the highlighted code's, inline.
    const sheets = epub.opf.querySelectorAll('manifest item[media-type="text/css"]');
    expect(sheets.length).toBeGreaterThan(0);
    for (const item of sheets) {
      const css = (
        await epub.text(
          path.posix.join(path.dirname(epub.opfPath), item.getAttribute('href') ?? ''),
        )
      ).replace(/@font-face\s*\{[^}]*\}/g, '');
      expect(css).toMatch(/\.callout\b/);
      expect(css).toMatch(/\bpre\b/);
      expect(css).not.toMatch(/var\(|!\s*important|#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
    }
    const verdicts = fixture.epubVerdicts.get(file(lang, 'epub'));
    expect(verdicts?.epubcheck.findings).toEqual([]);
    expect(verdicts?.ace.findings).toEqual([]);
  });

  it('PDF: only shipped fonts, embedded, the code in Source Code Pro; code and titles in its text', async () => {
    const names = (await fonts(file(lang, 'pdf'))).map((f) => {
      expect(f.embedded, f.name).toBe(true);
      return f.name.replace(/^[A-Z]{6}\+/, '');
    });
    expect(names.some((n) => n.startsWith('SourceCodePro'))).toBe(true);
    for (const name of names) expect(name).toMatch(/^(SourceSerif4-|SourceCodePro)/);
    const words = await pdfText(file(lang, 'pdf'));
    expect(words).toContain('def next_departure(departures, now):');
    for (const title of TITLES[lang] ?? []) expect(words).toContain(title);
    // Tagged: each callout's title is a paragraph of its own, read before the callout's text.
    const tagged = await structText(file(lang, 'pdf'));
    for (const title of TITLES[lang] ?? []) {
      expect(tagged).toMatch(new RegExp(`P \\(block\\)\\n\\s+NonStruct\\n\\s+"${title}"\\n`));
    }
  });
});

interface DarkFacts {
  violations: string[];
  /** The highlighted blocks' background colour, on screen and printed. */
  background: string;
  printed: string;
  fonts: { name: string; custom: boolean }[];
  /** The block written {.numberLines}: its line numbers as drawn, and what a screen reader gets. */
  numbered: { shown: string[]; spoken: string; text: string };
}

/** Each page with `prefers-color-scheme: dark`: axe's contrast rules, the code's colours and faces. */
async function inDarkScheme(files: string[]): Promise<Map<string, DarkFacts>> {
  const axe = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const browser = await launchChromium();
  const facts = new Map<string, DarkFacts>();
  try {
    for (const html of files) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async (tags: string[]) => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
        const result = await (window as any).axe.run(document, {
          runOnly: { type: 'tag', values: tags },
        });
        return (result.violations as { id: string; nodes: { target: string[] }[] }[]).flatMap((v) =>
          v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`),
        );
      }, AXE_TAGS);
      const background = await page.$eval(
        'pre.shiki',
        (pre) => getComputedStyle(pre).backgroundColor,
      );
      const used = await platformFonts(page, 'pre, pre *');
      const shown = await page.$$eval('pre.numberLines .line', (lines) =>
        lines.map((line) => getComputedStyle(line, '::before').content),
      );
      const pre = await page.$('pre.numberLines');
      const tree = await page.accessibility.snapshot({
        root: pre ?? undefined,
        interestingOnly: false,
      });
      const spoken: string[] = [];
      const read = (node: typeof tree) => {
        if (node?.role === 'StaticText' && node.name) spoken.push(node.name);
        for (const kid of node?.children ?? []) read(kid);
      };
      read(tree);
      const text = (await pre?.evaluate((e) => e.textContent)) ?? '';
      // Printed, the page is light whatever the screen's scheme.
      await page.emulateMediaType('print');
      const printed = await page.$eval('pre.shiki', (pre) => getComputedStyle(pre).backgroundColor);
      facts.set(html, {
        violations,
        background,
        printed,
        fonts: [...used].map(([name, { custom }]) => ({ name, custom })),
        numbered: { shown, spoken: spoken.join(''), text },
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return facts;
}
