/**
 * The HTML edition's notes in Chromium. At 1280 × 900 each note the text refers to sits in
 * the margin beside its reference (or pushed down below the note before it), inside the
 * window, overlapping no other; the endnote list is out of sight but still where screen
 * readers meet each note, once. At 390 × 844 a reference leads to its note and the note's
 * way back returns focus to the reference, in view. axe at both widths and the Nu HTML
 * Checker find nothing. On both articles in both languages and the notes article.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/editions.js';
import { type Verdict, vnu } from '../helpers/validators.js';
import { AXE_TAGS } from '../validators/page-checks.js';
import {
  buildNotesArticle,
  markdownNotes,
  type NotesEdition,
  sharedEditions,
} from './notes-fixture.js';

let browser: Browser;
let axe: string;
let nu: Map<string, Verdict>;
const notesArticle = await buildNotesArticle('html');
const targets: NotesEdition[] = [...sharedEditions('html'), ...notesArticle.editions];

beforeAll(async () => {
  [browser, axe, nu] = await Promise.all([
    launchChromium(),
    readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'),
    vnu([...targets.map((t) => t.path)]),
  ]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await notesArticle?.remove();
});

async function open(file: string, width: number, height: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height, isMobile: width < 600, hasTouch: width < 600 });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

async function withPage<T>(file: string, size: [number, number], fn: (page: Page) => Promise<T>) {
  const page = await open(file, ...size);
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Each margin note with its reference, the text column and the line height there. */
function marginNotes(page: Page) {
  return page.evaluate(() => {
    const box = (r: DOMRect) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
    const column = document.querySelector('.essay')?.getBoundingClientRect();
    const figures = [...document.querySelectorAll('figure')].map((f) =>
      box(f.getBoundingClientRect()),
    );
    // What the page shows as text, lines and paragraphs as spaces, the ways back left out.
    const shownText = (el: HTMLElement) => {
      // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out, lines apart
      let text = el.innerText;
      for (const back of el.querySelectorAll('.footnote-backref')) {
        text = text.replace(back.textContent ?? '', '');
      }
      return text.replace(/\s+/g, ' ').trim();
    };
    return [...document.querySelectorAll<HTMLElement>('.sidenote')].map((note) => {
      const ref = note.previousElementSibling?.querySelector('a');
      const item = document.getElementById((ref?.getAttribute('href') ?? '').slice(1));
      const block = ref?.closest('p, li, td, th, h2, h3, figcaption, blockquote');
      return {
        note: box(note.getBoundingClientRect()),
        ref: ref ? box(ref.getBoundingClientRect()) : undefined,
        column: column ? box(column) : undefined,
        lineHeight: Number.parseFloat(getComputedStyle(block ?? document.body).lineHeight),
        shown: note.checkVisibility() && note.getBoundingClientRect().height > 0,
        text: shownText(note),
        number: ref?.textContent ?? '',
        noteText: item ? shownText(item) : '',
        viewport: document.documentElement.clientWidth,
        figures,
      };
    });
  });
}

/** The text a screen reader meets: the accessibility tree's text, ignored nodes left out. */
async function spokenText(page: Page): Promise<string> {
  const cdp = await page.createCDPSession();
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes
    .filter((n) => !n.ignored && n.role?.value === 'StaticText')
    .map((n) => String(n.name?.value ?? ''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe });
  const results = (await page.evaluate(
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    (tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.each(targets.map((t) => [`${t.name} ${t.lang}`, t] as const))(
  'HTML notes: %s',
  (_, target) => {
    it('at 1280 × 900, each note sits in the margin beside its reference', async () => {
      const expected = await markdownNotes(target.source);
      const notes = await withPage(target.path, [1280, 900], marginNotes);
      expect(notes).toHaveLength(expected.fromText);
      notes.forEach((n, i) => {
        const { note, ref, column } = n;
        if (!ref || !column) throw new Error(`note ${i + 1} has no reference or column`);
        expect(n.shown).toBe(true);
        // The note's text is the listed note's, led by its number.
        expect(n.text).toBe(`${n.number} ${n.noteText}`);
        // Beside the column, readable and inside the window.
        expect(note.left).toBeGreaterThanOrEqual(column.right + 16);
        expect(note.right - note.left).toBeGreaterThanOrEqual(150);
        expect(note.right).toBeLessThanOrEqual(n.viewport);
        // Level with its reference, or pushed down just below the note before it.
        const previous = notes[i - 1]?.note;
        const level = Math.abs(note.top - ref.top) <= 2 * n.lineHeight;
        const pushed =
          previous !== undefined &&
          note.top >= previous.bottom &&
          note.top - previous.bottom <= n.lineHeight &&
          ref.top < note.top;
        expect(level || pushed, `note ${n.number}: ${note.top} against ${ref.top}`).toBe(true);
        for (const other of notes.slice(0, i)) expect(overlaps(note, other.note)).toBe(false);
        for (const figure of n.figures) expect(overlaps(note, figure)).toBe(false);
      });
    });

    it('at 1280 × 900 and 390 × 844, screen readers meet the notes in the list and nothing of the margin copies', async () => {
      for (const size of [
        [1280, 900],
        [390, 844],
      ] as [number, number][]) {
        await withPage(target.path, size, async (page) => {
          const items = await page.$$eval('.footnote-item > p:first-child', (ps) =>
            ps.map((p) => (p.firstChild?.textContent ?? '').replace(/\s+/g, ' ').trim()),
          );
          expect(items).toHaveLength((await markdownNotes(target.source)).notes);
          const spoken = await spokenText(page);
          for (const start of items) expect(spoken).toContain(start);
          // The margin copies add nothing to what is read: without them it reads the same.
          await page.$$eval('.sidenote', (copies) => {
            for (const copy of copies) copy.remove();
          });
          expect(await spokenText(page)).toBe(spoken);
        });
      }
    });

    it('at 1280 × 900, Tab never stops in a margin note and shows each way back it reaches', async () => {
      const { notes, refs } = await markdownNotes(target.source);
      const seen = await withPage(target.path, [1280, 900], async (page) => {
        const stops: { inCopy: boolean; back: boolean; visible: boolean }[] = [];
        const links = await page.$$eval('a[href]:not([tabindex="-1"])', (a) => a.length);
        for (let i = 0; i <= links; i++) {
          await page.keyboard.press('Tab');
          stops.push(
            await page.evaluate(() => {
              const a = document.activeElement;
              const r = a?.getBoundingClientRect();
              return {
                inCopy: Boolean(a?.closest('.sidenote')),
                back: Boolean(a?.matches('.footnote-backref')),
                visible: Boolean(r && r.width > 2 && r.bottom > 0 && r.top < innerHeight),
              };
            }),
          );
        }
        return stops;
      });
      expect(seen.filter((s) => s.inCopy)).toEqual([]);
      const backs = seen.filter((s) => s.back);
      expect(backs).toHaveLength(refs);
      expect(backs.every((s) => s.visible)).toBe(true);
      expect(notes).toBeLessThanOrEqual(refs);
    });

    it('at 390 × 844, a reference leads to its note and its way back to the reference', async () => {
      const { refs } = await markdownNotes(target.source);
      await withPage(target.path, [390, 844], async (page) => {
        const shown = await page.$$eval('.sidenote', (s) => s.filter((e) => e.checkVisibility()));
        expect(shown).toHaveLength(0);
        const ids = await page.$$eval('.footnote-ref a[id]', (a) => a.map((e) => e.id));
        expect(ids).toHaveLength(refs);
        for (const id of ids) {
          const note = await page.$eval(
            `[id="${id}"]`,
            (a) => a.getAttribute('href')?.slice(1) ?? '',
          );
          await page.tap(`[id="${id}"]`);
          await page.waitForFunction(
            (n) => {
              const r = document.getElementById(n)?.getBoundingClientRect();
              return (
                location.hash === `#${n}` && r && r.top >= 0 && r.top < innerHeight && r.height > 0
              );
            },
            { timeout: 5000, polling: 50 },
            note,
          );
          await page.focus(`[id="${note}"] a[href="#${id}"]`);
          await page.keyboard.press('Enter');
          await page.waitForFunction((r) => document.activeElement?.id === r, { polling: 50 }, id);
          const back = await page.evaluate((r) => {
            const box = document.getElementById(r)?.getBoundingClientRect();
            return box && box.top >= 0 && box.bottom <= innerHeight;
          }, id);
          expect(back, id).toBe(true);
        }
      });
    });

    it('axe finds nothing at 1280 × 900 or 390 × 844', async () => {
      for (const size of [
        [1280, 900],
        [390, 844],
      ] as [number, number][]) {
        expect(await withPage(target.path, size, axeViolations), size.join('×')).toEqual([]);
      }
    });

    it('the Nu HTML Checker finds nothing', () => {
      expect(nu.get(target.path)?.findings).toEqual([]);
    });
  },
);
