/**
 * `build-article preview` end to end, with the real CLI and real Chromium: a save shows in
 * the open page without reloading it by hand, a broken article shows its findings in the
 * page and comes back when fixed, the print view follows, and SIGINT leaves no process.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ARTICLES, outDir } from '../helpers/editions.js';
import {
  copyArticle,
  descendants,
  editFile,
  isRunning,
  launchBrowser,
  processesMatching,
  type RunningPreview,
  startPreview,
  stopPreview,
  waitFor,
} from './helpers.js';

const SENTENCE = 'Smart cities represent the 4.0 version';
/** That sentence as any test left it. */
const EDITED = /Smart cities represent the \S+ version/;
// Background tabs get no animation frames: poll on a timer, not puppeteer's default (raf).
const WAIT = { timeout: 10_000, polling: 50 };
const SCRIPT = /<script id="build-article-preview">[\s\S]*?<\/script>\n/;

let article: { dir: string; cleanup: () => Promise<void> };
let preview: RunningPreview;
let browser: Browser;
let reading: Page;
let en: string;
let original: string;

beforeAll(async () => {
  article = await copyArticle(ARTICLES.article);
  en = path.join(article.dir, 'en.md');
  original = await readFile(en, 'utf8');
  [preview, browser] = await Promise.all([
    startPreview([article.dir, '--port', '0']),
    launchBrowser(),
  ]);
  reading = await browser.newPage();
  await reading.goto(`${preview.url}en/`);
});

afterAll(async () => {
  await browser?.close();
  await stopPreview(preview);
  await article?.cleanup();
});

/** The page's text, without the soft hyphens the editions may carry. */
const bodyText = (page: Page) =>
  page.evaluate(() => (document.body.textContent ?? '').replace(/\u00ad/g, ''));

describe('build-article preview', () => {
  it('serves the HTML edition exactly as built, plus the reload script', async () => {
    const served = await (await fetch(`${preview.url}en/`)).text();
    expect(served).toMatch(SCRIPT);
    const built = path.join(outDir('article'), 'en');
    const file = (await readdir(built)).find((f) => f.endsWith('.html')) ?? '';
    expect(served.replace(SCRIPT, '')).toBe(await readFile(path.join(built, file), 'utf8'));
  });

  it('shows the PDF as printed and downloads it finished, the same bytes as a build', async () => {
    const built = path.join(outDir('article'), 'en');
    const file = (await readdir(built)).find((f) => f.endsWith('.pdf')) ?? '';
    const download = async (name: string) =>
      Buffer.from(await (await fetch(`${preview.url}en/${name}`)).arrayBuffer());
    const [printed, edition] = [await download('print.pdf'), await download('edition.pdf')];
    expect(edition.equals(await readFile(path.join(built, file)))).toBe(true);
    // The print view's PDF has the same pages, printed without tags or bookmarks and not
    // finished.
    const load = (bytes: Buffer) => PDFDocument.load(bytes, { updateMetadata: false });
    const [draft, finished] = [await load(printed), await load(edition)];
    expect(draft.getPageCount()).toBe(finished.getPageCount());
    for (const key of ['Metadata', 'StructTreeRoot', 'Outlines']) {
      expect(finished.catalog.has(PDFName.of(key)), key).toBe(true);
      expect(draft.catalog.has(PDFName.of(key)), key).toBe(false);
    }
  });

  it('shows a saved sentence in place, keeping the scroll position', async () => {
    await reading.evaluate(() => {
      window.scrollTo(0, 1200);
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const scrolled = await reading.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(1000);
    await editFile(en, (t) =>
      t.replace(SENTENCE, 'Smart cities represent the preview-first version'),
    );
    await reading.waitForFunction(
      () =>
        (document.body.textContent ?? '')
          .replace(/\u00ad/g, '')
          .includes('the preview-first version'),
      WAIT,
    );
    // Updated in place: no navigation, so the scroll position and page state stay.
    expect(
      await reading.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    expect(Math.abs((await reading.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(40);
    // ...and the page is now what a fresh load of the new edition gives.
    const fresh = await browser.newPage();
    await fresh.goto(`${preview.url}en/`);
    const dom = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);
    expect(await dom(reading)).toBe(await dom(fresh));
    await fresh.close();
    // Only the edition the save touched was rendered again.
    await waitFor(
      () => (/rebuilt en in/.test(preview.stderr()) ? true : undefined),
      5000,
      'the log',
    );
    expect(preview.stderr()).not.toMatch(/rebuilt (en, it|it)/);
  });

  it('shows broken front matter with file and line in the page and the terminal, then recovers', async () => {
    await editFile(en, (t) => t.replace(/^title: /m, 'title: [unclosed '));
    await reading.waitForSelector('body.preview-problems', { timeout: 10_000 });
    const shown = await bodyText(reading);
    expect(shown).toMatch(/en\.md:\d+:\d+: the front matter is not valid YAML/);
    expect(shown).toMatch(/hint: /);
    expect(preview.stderr()).toMatch(/en\.md:\d+:\d+: error the front matter is not valid YAML/);

    await writeFile(en, original);
    await reading.waitForFunction(
      () => !document.body.classList.contains('preview-problems'),
      WAIT,
    );
    expect(await bodyText(reading)).toContain(SENTENCE);
    expect(await reading.title()).toBe('China and smart cities: Big Brother is watching you (?)');
  });

  it('shows a missing alt text and a missing image at their lines', async () => {
    const lines = original.split('\n');
    const imageLine = lines.findIndex((l) => l.startsWith('![')) + 1;
    await editFile(en, (t) =>
      t.replace(/^!\[[^\]]*\]\(images\/smart-city\.svg\)/m, '![](images/no-such-image.svg)'),
    );
    await reading.waitForSelector('body.preview-problems', { timeout: 10_000 });
    const shown = await bodyText(reading);
    expect(shown).toContain(`en.md:${imageLine}:`);
    expect(shown).toMatch(/no alt text/);
    expect(shown).toMatch(/no-such-image\.svg" was not found/);
    await writeFile(en, original);
    await reading.waitForFunction(
      () => !document.body.classList.contains('preview-problems'),
      WAIT,
    );
  });

  it('keeps eight open tabs up to date over one event stream', async () => {
    const tabs = await Promise.all(
      Array.from({ length: 7 }, async () => {
        const tab = await browser.newPage();
        await tab.goto(`${preview.url}en/`, { timeout: 10_000 });
        return tab;
      }),
    );
    await editFile(en, (t) => t.replace(SENTENCE, 'Smart cities represent the many-tabs version'));
    await Promise.all(
      [reading, ...tabs].map((tab) =>
        tab.waitForFunction(
          () => (document.body.textContent ?? '').replace(/\u00ad/g, '').includes('many-tabs'),
          WAIT,
        ),
      ),
    );
    await Promise.all(tabs.map((tab) => tab.close()));
    await writeFile(en, original);
  });

  it('updates the print view in place: its page takes the new PDF', async () => {
    const print = await browser.newPage();
    try {
      await print.goto(`${preview.url}en/print`, { timeout: 30_000 });
      const before = await settled(print);
      expect(before).toMatch(/^p/);
      await print.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const oldPdf = Buffer.from(await (await fetch(`${preview.url}en/print.pdf`)).arrayBuffer());
      await editFile(en, (t) =>
        t.replace(SENTENCE, 'Smart cities represent the Printedword version'),
      );
      const after = await reloaded(print, before);
      expect(after).toMatch(/^p/);
      // No navigation: the same document, its <object> now naming the new PDF.
      expect(
        await print.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
      ).toBe(true);
      const data = await print.$eval('object', (o) => o.getAttribute('data'));
      expect(data).toBe(`/en/print.pdf?v=${encodeURIComponent(after)}`);
      const pdf = Buffer.from(await (await fetch(`${preview.url}en/print.pdf`)).arrayBuffer());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.equals(oldPdf)).toBe(false);
      const text = await pdfText(pdf);
      // As printed, before finishing: its text layer still has the soft hyphens.
      if (text !== undefined) expect(text.replace(/[\s\u00ad]+/g, '')).toContain('Printedword');
      // The page was laid out again in place (its body replaced, the lines of the paragraphs
      // it had kept): the PDF is still the one a build of the saved article writes.
      const out = path.join(article.dir, '..', 'built-after-save');
      const built = await runCli([article.dir, '-o', out, '-f', 'pdf', '-l', 'en', '--json']);
      expect(built.code, built.stderr).toBe(0);
      const file = (JSON.parse(built.stdout) as { editions: { path: string }[] }).editions[0];
      const downloaded = await (await fetch(`${preview.url}en/edition.pdf`)).arrayBuffer();
      expect(Buffer.from(downloaded).equals(await readFile(file?.path ?? ''))).toBe(true);
    } finally {
      await print.close();
    }
  });

  it('stops printing a language once its print view is closed', async () => {
    const printed = () => preview.stderr().match(/PDF for the print view/g)?.length ?? 0;
    const rebuilt = () => preview.stderr().match(/rebuilt en/g)?.length ?? 0;
    const print = await browser.newPage();
    let before: number;
    try {
      await print.goto(`${preview.url}en/print`, { timeout: 30_000 });
      const shown = await settled(print);
      // Open: a save prints the PDF again without anyone asking for the page…
      before = printed();
      await editFile(en, (t) => t.replace(EDITED, 'Smart cities represent the Openview version'));
      await waitFor(() => (printed() > before ? true : undefined), 15_000, 'a new PDF');
      // …and the view reloads with it.
      await reloaded(print, shown);
    } finally {
      // Closed: the tab says so as it goes, and a save only rebuilds the reading view.
      await print.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    before = printed();
    const builds = rebuilt();
    await editFile(en, (t) => t.replace(EDITED, 'Smart cities represent the Closedview version'));
    await waitFor(() => (rebuilt() > builds ? true : undefined), 10_000, 'the rebuild');
    // A print would follow the rebuild within a second; wait three.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(printed()).toBe(before);
  });

  it('stops on SIGINT with no process left behind', async () => {
    const pid = preview.child.pid ?? 0;
    const tree = descendants(pid);
    // The print view started a browser: there is something that could be left behind.
    const profile = tree
      .map((p) => /--user-data-dir=(\S+)/.exec(p.cmdline)?.[1])
      .find((dir) => dir !== undefined);
    expect(profile).toBeDefined();
    preview.child.kill('SIGINT');
    const { code } = await preview.exited;
    expect(code).toBe(130);
    expect(preview.stderr()).toContain('preview stopped');
    await waitFor(() => (tree.some(isRunning) ? undefined : true), 3000, 'the processes to end');
    // Nor any process of that browser's profile that had left the tree.
    expect(processesMatching(profile ?? '')).toEqual([]);
  });
});

/**
 * The version a print view shows once it is the server's latest: a view opened while a
 * save is being built reloads once more when that build's PDF is ready.
 */
async function settled(print: Page): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const shown = await shownVersion(print);
    const latest = (await (await fetch(`${preview.url}__preview/versions`)).json()) as Record<
      string,
      string | null
    >;
    if (shown && shown === latest['print:en']) return shown;
    if (Date.now() > deadline) throw new Error(`the print view shows ${shown}, not the latest`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The version the print view shows; null while it reloads and has none yet. */
function shownVersion(print: Page): Promise<string | null> {
  return print.$eval('[data-version]', (e) => e.getAttribute('data-version')).catch(() => null);
}

/** The version the print view shows once it has reloaded from `version` to another. */
async function reloaded(print: Page, version: string): Promise<string> {
  // Mid-reload the new page may not have its version yet: wait for one that differs.
  await print.waitForFunction(
    (v) => {
      const shown = document.querySelector('[data-version]')?.getAttribute('data-version');
      return typeof shown === 'string' && shown !== v;
    },
    { ...WAIT, timeout: 15_000 },
    version,
  );
  return (await shownVersion(print)) ?? '';
}

/** The PDF's text layer, if poppler's pdftotext is installed. */
async function pdfText(pdf: Buffer): Promise<string | undefined> {
  const file = path.join(article.dir, '..', 'print.pdf');
  await writeFile(file, pdf);
  try {
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-']);
    return stdout;
  } catch {
    return undefined;
  }
}
