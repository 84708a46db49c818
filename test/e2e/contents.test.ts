/**
 * The contents list in the HTML edition and the EPUB's navigation, for an article with many
 * sections, one that asks for a list, one that refuses it, and the shipped essay (no
 * sections, no list), in English and Italian; with the Nu HTML Checker, axe-core, EPUBCheck
 * and Ace on the editions that have one.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCss } from '../../src/render/css-rules.js';
import { launchChromium } from '../helpers/chromium.js';
import { editions as globalEditions, ROOT } from '../helpers/editions.js';
import { htmlDocument, openEpub, xmlDocument } from '../helpers/parse.js';
import { aces, epubchecks, vnu } from '../helpers/validators.js';
import { AXE_TAGS, inspectPages } from '../validators/page-checks.js';
import {
  type Built,
  buildCases,
  CONTENTS_HEADING,
  type Entry,
  entriesOf,
  flat,
  sectionsOf,
  squash,
} from './contents-editions.js';

let built: Built;
beforeAll(async () => {
  built = await buildCases('html,epub');
});
afterAll(() => built?.remove());

const withList = () => [...built.editions('contents', 'html'), ...built.editions('asked', 'html')];
const withoutList = () => [
  ...built.editions('refused', 'html'),
  ...globalEditions('article', 'html'),
  ...globalEditions('second', 'html'),
];

/** Selectors of the page's own stylesheet that name the contents list's classes. */
async function contentsRules(file: string): Promise<string[]> {
  const page = await htmlDocument(file);
  const css = [...page.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
  return parseCss(css)
    .rules.map((r) => r.selector)
    .filter((s) => /\.(contents|toc-page)\b/.test(s));
}

describe('the HTML edition', () => {
  it('opens with a contents list after the title block, listing every section and subsection in order', async () => {
    const files = withList();
    expect(files).toHaveLength(4);
    for (const { path: file, lang } of files) {
      const page = await htmlDocument(file);
      const navs = [...page.querySelectorAll('nav[aria-labelledby]')];
      expect(navs, file).toHaveLength(1);
      const nav = navs[0] as Element;
      const heading = page.getElementById(nav.getAttribute('aria-labelledby') ?? '');
      expect(heading?.tagName.toLowerCase()).toBe('h2');
      expect(squash(heading?.textContent)).toBe(CONTENTS_HEADING[lang]);
      expect(nav.previousElementSibling?.classList.contains('title-block')).toBe(true);
      const essay = page.querySelector('.essay');
      if (!essay) throw new Error(`${file} has no essay`);
      const expected = sectionsOf(essay, (id) => `#${id}`);
      expect(flat(expected).length).toBeGreaterThanOrEqual(4);
      expect(expected.some((e) => e.children.length > 0)).toBe(true);
      expect(entriesOf(nav.querySelector(':scope > ol'))).toEqual(expected);
      for (const { href } of flat(expected)) {
        const target = page.getElementById(decodeURIComponent(href.slice(1)));
        expect(target && essay.contains(target), href).toBe(true);
      }
      // The list's styles come with it.
      expect(await contentsRules(file)).not.toEqual([]);
    }
  });

  it('has no contents list, and carries none of its styles, without many sections or with toc: false', async () => {
    const files = withoutList();
    expect(files).toHaveLength(6);
    for (const { path: file } of files) {
      const page = await htmlDocument(file);
      expect(page.querySelector('nav[aria-labelledby], [role="doc-toc"]'), file).toBeNull();
      expect(await contentsRules(file), file).toEqual([]);
    }
  });

  it('passes the Nu HTML Checker and axe-core with its contents list', async () => {
    const files = withList().map((e) => e.path);
    const [nu, pages] = await Promise.all([vnu(files), inspectPages(files)]);
    for (const file of files) {
      expect(nu.get(file)?.findings, file).toEqual([]);
      expect(pages.get(file)?.violations, file).toEqual([]);
      expect(pages.get(file)?.scrollWidth320, file).toBeLessThanOrEqual(320);
    }
  });

  it('passes axe-core in the dark colour scheme too', async () => {
    const files = withList().map((e) => e.path);
    const dark = await darkViolations(files);
    expect(files.map((file) => dark.get(file))).toEqual(files.map(() => []));
  });
});

/** axe-core's violations of a page shown in the dark colour scheme. */
async function darkViolations(files: string[]): Promise<Map<string, string[]>> {
  const axe = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const browser = await launchChromium();
  try {
    const found = new Map<string, string[]>();
    for (const file of files) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.addScriptTag({ content: axe });
      const result = (await page.evaluate(
        (tags) =>
          // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
          (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        AXE_TAGS,
      )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      found.set(file, [
        ...(dark ? [] : ['the dark scheme was not emulated']),
        ...result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`)),
      ]);
      await page.close();
    }
    return found;
  } finally {
    await browser.close();
  }
}

/** The EPUB's navigation document, NCX and text document, parsed. */
async function epubParts(file: string) {
  const epub = await openEpub(file);
  const dir = epub.opfPath.replace(/[^/]*$/, '');
  const hrefOf = (test: (item: Element) => boolean) =>
    [...epub.opf.querySelectorAll('manifest > item')].find(test)?.getAttribute('href') ?? '';
  const [nav, ncx, text] = await Promise.all([
    epub.text(dir + hrefOf((i) => /\bnav\b/.test(i.getAttribute('properties') ?? ''))),
    epub.text(dir + hrefOf((i) => i.getAttribute('media-type') === 'application/x-dtbncx+xml')),
    epub.text(`${dir}text.xhtml`),
  ]);
  return { nav: xmlDocument(nav), ncx: xmlDocument(ncx), text: xmlDocument(text) };
}

/** The NCX's navPoints under `parent` as entries (its content's src as href). */
function navPoints(parent: Element | null | undefined): Entry[] {
  return [...(parent?.children ?? [])]
    .filter((e) => e.tagName === 'navPoint')
    .map((point) => ({
      href: point.querySelector(':scope > content')?.getAttribute('src') ?? '',
      text: squash(point.querySelector(':scope > navLabel > text')?.textContent),
      children: navPoints(point),
    }));
}

describe('the EPUB', () => {
  const all = () => [
    ...built.editions('contents', 'epub'),
    ...built.editions('asked', 'epub'),
    ...built.editions('refused', 'epub'),
    ...globalEditions('article', 'epub'),
    ...globalEditions('second', 'epub'),
  ];

  it('lists every section in its navigation and NCX, in order, subsections nested, and no second list in the text', async () => {
    expect(all()).toHaveLength(10);
    for (const { path: file } of all()) {
      const { nav, ncx, text } = await epubParts(file);
      const essay = text.querySelector('.essay');
      if (!essay) throw new Error(`${file} has no essay`);
      const expected = sectionsOf(essay, (id) => `text.xhtml#${id}`);
      const toc = [...nav.querySelectorAll('nav')].find(
        (n) => n.getAttribute('epub:type') === 'toc',
      );
      // The title, then the sections under it.
      const top = entriesOf(toc?.querySelector(':scope > ol'));
      expect(top.map((e) => e.href)).toEqual(['text.xhtml#title']);
      expect(top[0]?.children, file).toEqual(expected);
      const points = navPoints(ncx.querySelector('navMap'));
      expect(points[0]?.children, file).toEqual(expected);
      // Play order follows the reading order; the depth is the deepest nesting.
      const orders = [...ncx.querySelectorAll('navPoint')].map((p) =>
        Number(p.getAttribute('playOrder')),
      );
      expect(orders).toEqual(orders.map((_, i) => i + 1));
      const depth =
        1 + (expected.length > 0 ? 1 : 0) + (flat(expected).length > expected.length ? 1 : 0);
      const meta = [...ncx.querySelectorAll('meta')].find(
        (m) => m.getAttribute('name') === 'dtb:depth',
      );
      expect(meta?.getAttribute('content')).toBe(String(depth));
      expect(
        [...text.querySelectorAll('nav')].filter((n) => /toc/.test(n.getAttribute('role') ?? '')),
      ).toEqual([]);
    }
    // The fixture's list is not empty and nests.
    const { nav } = await epubParts(built.editions('contents', 'epub')[0]?.path ?? '');
    expect(nav.querySelectorAll('ol ol ol li').length).toBeGreaterThan(0);
  });

  it('passes EPUBCheck and Ace with nested sections', async () => {
    const files = [...built.editions('contents', 'epub'), ...built.editions('asked', 'epub')].map(
      (e) => e.path,
    );
    const [checked, accessed] = await Promise.all([epubchecks(files), aces(files)]);
    expect(
      files.map((file) => ({
        file,
        epubcheck: checked.get(file)?.findings,
        ace: accessed.get(file)?.findings,
      })),
    ).toEqual(files.map((file) => ({ file, epubcheck: [], ace: [] })));
  });
});
