/**
 * An HTML edition as a reader's browser meets it: axe-core's WCAG 2.2 A/AA and best-practice
 * rules in Chromium (light colour scheme), the landmarks and links a page needs, reflow at 320 CSS pixels, and
 * every request the page makes while it loads.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/editions.js';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface PageFacts {
  /** axe-core's violations, one line per rule and element. */
  violations: string[];
  /** Rules axe could not decide, by id (it asks a human to check these). */
  incomplete: string[];
  contrastChecked: boolean;
  /** Requests other than the page itself, data: URLs aside. */
  requests: string[];
  lang: string;
  h1: number;
  landmarks: { banner: number; main: number; contentinfo: number };
  /** Where the first Tab lands, and whether it is then on screen. */
  firstFocus: { href: string; target: string; onScreen: boolean } | undefined;
  alternates: { hreflang: string; href: string }[];
  /** Links to other languages a reader can see. */
  visibleLanguageLinks: { hreflang: string; href: string; text: string }[];
  /** documentElement.scrollWidth in a 320 px wide viewport. */
  scrollWidth320: number;
}

interface AxeResult {
  id: string;
  impact?: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function inspectPages(files: string[]): Promise<Map<string, PageFacts>> {
  const axe = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const browser = await launchChromium();
  try {
    const facts = new Map<string, PageFacts>();
    for (const file of files) facts.set(file, await inspect(browser, file, axe));
    return facts;
  } finally {
    await browser.close();
  }
}

async function inspect(browser: Browser, file: string, axe: string): Promise<PageFacts> {
  const page = await browser.newPage();
  try {
    const url = pathToFileURL(file).href;
    const requests: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const asked = request.url();
      if (asked.startsWith('data:')) return void request.continue();
      if (asked === url && request.isNavigationRequest()) return void request.continue();
      requests.push(asked);
      void request.abort('blockedbyclient');
    });
    // The light scheme, said rather than left to the browser's default: e2e/dark-mode.test.ts
    // counts on this run of axe for the light scheme and runs it in the dark one itself.
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'networkidle0' });
    const structure = await pageStructure(page);
    await page.keyboard.press('Tab');
    const firstFocus = await page.evaluate(() => {
      const a = document.activeElement;
      if (!(a instanceof HTMLAnchorElement)) return undefined;
      const r = a.getBoundingClientRect();
      const id = decodeURIComponent(a.hash.slice(1));
      const target = document.getElementById(id);
      return {
        href: a.getAttribute('href') ?? '',
        target: target ? target.tagName.toLowerCase() : '',
        onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight,
      };
    });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.addScriptTag({ content: axe });
    const results = (await page.evaluate(
      (tags) =>
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
        (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      AXE_TAGS,
    )) as { violations: AxeResult[]; incomplete: AxeResult[]; passes: AxeResult[] };
    await page.setViewport({ width: 320, height: 640 });
    const scrollWidth320 = await page.evaluate(() => document.documentElement.scrollWidth);
    return {
      ...structure,
      violations: results.violations.flatMap((v) =>
        v.nodes.map(
          (n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}\n${n.failureSummary}`,
        ),
      ),
      incomplete: results.incomplete.map((r) => r.id),
      contrastChecked: results.passes.some((r) => r.id === 'color-contrast'),
      requests,
      firstFocus,
      scrollWidth320,
    };
  } finally {
    await page.close();
  }
}

function pageStructure(page: Page) {
  return page.evaluate(() => {
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return e.checkVisibility() && r.width > 0 && r.height > 0;
    };
    const count = (selector: string) => document.querySelectorAll(selector).length;
    return {
      lang: document.documentElement.lang,
      h1: count('h1'),
      landmarks: {
        banner: count('body > header, [role="banner"]'),
        main: count('main, [role="main"]'),
        contentinfo: count('body > footer, [role="contentinfo"]'),
      },
      alternates: Array.from(document.querySelectorAll('link[rel~="alternate"][hreflang]')).map(
        (l) => ({
          hreflang: l.getAttribute('hreflang') ?? '',
          href: l.getAttribute('href') ?? '',
        }),
      ),
      visibleLanguageLinks: Array.from(document.querySelectorAll('a[hreflang]'))
        .filter(visible)
        .map((a) => ({
          hreflang: a.getAttribute('hreflang') ?? '',
          href: a.getAttribute('href') ?? '',
          text: (a.textContent ?? '').trim(),
        })),
    };
  });
}
