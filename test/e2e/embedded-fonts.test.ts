/**
 * Every character an edition shows is drawn by a face it carries, and every face it carries
 * draws something: each HTML edition (on screen and printed from the browser) and each EPUB's
 * chapter is laid out in Chromium, which says for every element which font drew its text
 * (CSS.getPlatformFontsForNode). A character left out of a face's cut would fall back to a
 * machine font here; a face nothing is set in would be bytes for nothing.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, platformFonts } from '../helpers/chromium.js';
import { ARTICLES, type ArticleName, editions } from '../helpers/editions.js';
import { openEpub } from '../helpers/parse.js';

interface Drawn {
  /** "PostScript name" of each font that drew text, custom (embedded) or not. */
  fonts: Map<string, { custom: boolean; glyphs: number }>;
  /** The faces the page's @font-face rules declare that nothing made it load. */
  unloaded: string[];
}

let browser: Browser;
let scratch: string;
beforeAll(async () => {
  browser = await launchChromium();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'embedded-fonts-'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function drawn(url: string, media: 'screen' | 'print'): Promise<Drawn> {
  const page: Page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.emulateMediaType(media);
    await page.goto(url, { waitUntil: 'load' });
    const fonts = await platformFonts(page, 'body, body *');
    const unloaded = await page.evaluate(() =>
      [...document.fonts]
        .filter((face) => face.status !== 'loaded')
        .map((face) => `${face.family} ${face.style} ${face.weight} ${face.unicodeRange}`),
    );
    return { fonts, unloaded };
  } finally {
    await page.close();
  }
}

function machineFonts(result: Drawn): string[] {
  return [...result.fonts].filter(([, font]) => !font.custom).map(([name]) => name);
}

describe.each(Object.keys(ARTICLES) as ArticleName[])('%s', (name) => {
  for (const { lang, path: file } of editions(name, 'html')) {
    it(`${lang} HTML: no machine font on screen or in print, no face left unused`, async () => {
      const url = pathToFileURL(file).href;
      const screen = await drawn(url, 'screen');
      const print = await drawn(url, 'print');
      expect(screen.fonts.size).toBeGreaterThan(0);
      expect(machineFonts(screen)).toEqual([]);
      expect(machineFonts(print)).toEqual([]);
      expect(screen.unloaded.filter((face) => print.unloaded.includes(face))).toEqual([]);
    }, 60_000);
  }

  for (const { lang, path: file } of editions(name, 'epub')) {
    it(`${lang} EPUB: no machine font in its documents, no face left unused`, async () => {
      const epub = await openEpub(file);
      const dir = path.join(scratch, `${name}-${lang}`);
      for (const entry of Object.values(epub.zip.files)) {
        if (entry.dir) continue;
        const target = path.join(dir, entry.name);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, await entry.async('uint8array'));
      }
      const base = path.join(dir, path.dirname(epub.opfPath));
      const documents = [...epub.opf.querySelectorAll('manifest > item')]
        .filter((item) => item.getAttribute('media-type') === 'application/xhtml+xml')
        .map((item) => pathToFileURL(path.join(base, item.getAttribute('href') ?? '')).href);
      expect(documents.length).toBeGreaterThan(0);
      const results = [];
      for (const url of documents) results.push(await drawn(url, 'screen'));
      for (const result of results) expect(machineFonts(result)).toEqual([]);
      const unused = results
        .map((result) => result.unloaded)
        .reduce((left, right) => left.filter((face) => right.includes(face)));
      expect(unused).toEqual([]);
    }, 60_000);
  }
});
