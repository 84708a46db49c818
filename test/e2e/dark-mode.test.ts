/**
 * The HTML edition in the reader's colour scheme: in Chromium with `prefers-color-scheme`
 * dark, axe-core finds nothing (validators/html.test.ts runs it in the light one), the page
 * really changes, text and links keep their contrast in both (measured here from the
 * computed colours), figures are not inverted, and a page printed from a dark screen comes
 * out light.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { ARTICLES, type ArticleName, editions, ROOT } from '../helpers/editions.js';
import { AXE_TAGS } from '../validators/page-checks.js';

const targets = (Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
  editions(name, 'html').map((edition) => ({ name, ...edition })),
);

type Scheme = 'light' | 'dark';
type Rgba = [number, number, number, number];

/** A text's colour and the colour behind it, as Chromium computed them. */
interface Pair {
  what: string;
  fg: Rgba;
  bg: Rgba;
}

interface Look {
  violations: string[];
  contrastPassed: boolean;
  contrastIncomplete: boolean;
  canvas: Rgba;
  text: Pair[];
  links: Pair[];
  secondary: Pair[];
  figureFilters: string[];
  /** The media queries the page answered, to show the emulation took. */
  matches: { dark: boolean; print: boolean };
}

let browser: Browser;
let axe: string;

beforeAll(async () => {
  axe = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** WCAG 2's contrast ratio of a colour over an opaque one, alpha composited. */
function contrast(fg: Rgba, bg: Rgba): number {
  const over = fg.slice(0, 3).map((c, i) => c * fg[3] + (bg[i] ?? 0) * (1 - fg[3]));
  const luminance = (rgb: number[]) => {
    const [r = 0, g = 0, b = 0] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(over), luminance(bg.slice(0, 3))].sort((x, y) => y - x);
  return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
}

async function look(file: string, scheme: Scheme, media: 'screen' | 'print'): Promise<Look> {
  const page = await browser.newPage();
  try {
    const features = [{ name: 'prefers-color-scheme', value: scheme }];
    if (media === 'screen') await page.emulateMediaFeatures(features);
    else {
      // One call for both: puppeteer's emulateMediaType forgets the emulated features.
      const cdp = await page.createCDPSession();
      await cdp.send('Emulation.setEmulatedMedia', { media, features });
    }
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const colours = await measure(page);
    // axe in the light scheme on screen is validators/html.test.ts's, on the same pages.
    if (media === 'print' || scheme === 'light')
      return { ...colours, violations: [], contrastPassed: true, contrastIncomplete: false };
    await page.addScriptTag({ content: axe });
    const results = (await page.evaluate(
      (tags) =>
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
        (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      AXE_TAGS,
    )) as {
      violations: { id: string; nodes: { target: string[] }[] }[];
      passes: { id: string }[];
      incomplete: { id: string }[];
    };
    return {
      ...colours,
      violations: results.violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`),
      ),
      contrastPassed: results.passes.some((r) => r.id === 'color-contrast'),
      contrastIncomplete: results.incomplete.some((r) => r.id === 'color-contrast'),
    };
  } finally {
    await page.close();
  }
}

/** The computed colours of the running text, its links and its secondary text. */
function measure(
  page: Page,
): Promise<Omit<Look, 'violations' | 'contrastPassed' | 'contrastIncomplete'>> {
  return page.evaluate(() => {
    const rgba = (css: string): Rgba => {
      const n = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1];
    };
    const canvasColour = (): Rgba => {
      for (const e of [document.documentElement, document.body]) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) return bg;
      }
      return [255, 255, 255, 1];
    };
    const canvas = canvasColour();
    const behind = (e: Element): Rgba => {
      for (
        let at: Element | null = e;
        at && at !== document.documentElement;
        at = at.parentElement
      ) {
        const bg = rgba(getComputedStyle(at).backgroundColor);
        if (bg[3] > 0) return bg;
      }
      return canvas;
    };
    const pairs = (selector: string): Pair[] =>
      Array.from(document.querySelectorAll(selector))
        .filter((e) => e.checkVisibility() && (e.textContent ?? '').trim() !== '')
        .map((e) => ({
          what: `${e.localName}.${e.className}: ${(e.textContent ?? '').trim().slice(0, 30)}`,
          fg: rgba(getComputedStyle(e).color),
          bg: behind(e),
        }));
    return {
      canvas,
      text: pairs('.essay > p, .essay li, .footnotes p'),
      links: pairs('main a, .colophon a, .masthead a'),
      secondary: pairs(
        '.subtitle, .byline, .dateline, figcaption, blockquote, .masthead, .colophon p',
      ),
      matches: {
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        print: matchMedia('print').matches,
      },
      figureFilters: Array.from(document.querySelectorAll('figure img, figure svg')).map(
        (e) => getComputedStyle(e).filter,
      ),
    };
  });
}

const below = (pairs: Pair[], ratio: number) =>
  pairs
    .filter((p) => contrast(p.fg, p.bg) < ratio)
    .map((p) => `${p.what} ${contrast(p.fg, p.bg).toFixed(2)}:1`);

describe.each(targets)('colour schemes of HTML $name $lang', (target) => {
  const looks = new Map<string, Promise<Look>>();
  const seen = (scheme: Scheme, media: 'screen' | 'print' = 'screen') => {
    const key = `${scheme} ${media}`;
    let pending = looks.get(key);
    if (!pending) {
      pending = look(target.path, scheme, media);
      looks.set(key, pending);
    }
    return pending;
  };

  // The light scheme's run of axe is validators/html.test.ts's (page-checks.ts asks for light).
  it('has no axe-core violation in the dark scheme, contrast checked', async () => {
    const found = await seen('dark');
    expect(found.violations).toEqual([]);
    expect(found.contrastPassed).toBe(true);
    expect(found.contrastIncomplete).toBe(false);
  });

  it.each(['light', 'dark'] as const)(
    'keeps text at 7:1, links and secondary text at 4.5:1 in the %s scheme',
    async (scheme) => {
      const found = await seen(scheme);
      expect(found.text.length).toBeGreaterThan(3);
      expect(found.links.length).toBeGreaterThan(0);
      expect(found.secondary.length).toBeGreaterThan(2);
      expect(below(found.text, 7)).toEqual([]);
      expect(below(found.links, 4.5)).toEqual([]);
      expect(below(found.secondary, 4.5)).toEqual([]);
    },
  );

  it('turns dark in the dark scheme: a dark page under light text', async () => {
    const [light, dark] = await Promise.all([seen('light'), seen('dark')]);
    expect(dark.canvas).not.toEqual(light.canvas);
    const luminous = (c: Rgba) => contrast(c, [0, 0, 0, 1]);
    expect(luminous(light.canvas)).toBeGreaterThan(15);
    expect(luminous(dark.canvas)).toBeLessThan(1.5);
    const first = dark.text[0];
    expect(first && luminous(first.fg)).toBeGreaterThan(10);
  });

  it('leaves figures their colours in the dark scheme: no inversion, at most a gentle dimming', async () => {
    const dark = await seen('dark');
    expect(dark.matches).toEqual({ dark: true, print: false });
    expect(dark.figureFilters.length).toBeGreaterThan(0);
    for (const filter of dark.figureFilters) {
      expect(filter).not.toMatch(/invert|hue-rotate|grayscale|sepia/);
      for (const [, amount] of filter.matchAll(/brightness\(([\d.]+)\)/g)) {
        expect(Number(amount)).toBeGreaterThanOrEqual(0.8);
      }
    }
  });

  it('prints light from a dark screen', async () => {
    const [light, printed] = await Promise.all([seen('light'), seen('dark', 'print')]);
    expect(printed.matches).toEqual({ dark: true, print: true });
    expect(light.matches).toEqual({ dark: false, print: false });
    expect(contrast(printed.canvas, [0, 0, 0, 1])).toBeGreaterThan(15);
    expect(printed.text.map((p) => p.fg)).toEqual(light.text.map((p) => p.fg));
  });
});
