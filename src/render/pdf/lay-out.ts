/**
 * The print page laid out before it is printed, in one round trip: every justified
 * paragraph broken into lines as a whole (line-breaks.ts), the notes put at the foot of
 * their pages (foot-notes.ts), the contents list numbered when those pages were counted
 * (contents-page.ts), and the headings read as the printed page shows them (the bookmarks'
 * titles).
 */
import type { Page } from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import { patternsName } from '../../typeset/hyphenate.js';
import type { PageLayout } from '../paper.js';
import { isCjk } from '../stylesheets.js';
import { contentsTargets, fillPageNumbers } from './contents-page.js';
import { type FootnoteOptions, type FootnoteReport, placeFootnotes } from './foot-notes.js';
import { chooseBreaks } from './knuth-plass.js';
import { breakLines, type LineBreakOptions } from './line-breaks.js';
import { paginate } from './paginate.js';

/**
 * Spaces may stretch to 1.8 times their width at a ratio of 1 (0.8 of a space) and shrink
 * to two thirds of it (as TeX's fonts allow), and a line may reach a ratio of 1.5 (2.2
 * times) before a paragraph is set more loosely; past a ratio of 0.9 (1.72 times) the
 * letters inside words are spaced by up to a fiftieth of an em instead (a third of a pixel
 * at the body's size), and past the spaces' shrink tightened by up to a hundredth, as a
 * typesetter's justification allows. In a language with no hyphenation patterns (Hebrew) a
 * paragraph breaks only at its spaces, so some paragraphs have no set of breaks within 1.8
 * times: there its letters may take up to three hundredths of an em (in the world test
 * article's Hebrew, that takes the loose lines from 2 of 17 to none, the loosest from 1.92
 * to 1.79 times). TeX's own penalties for hyphens, hyphens on consecutive lines and lines
 * of very different tightness.
 */
const LINE_BREAKING: Omit<LineBreakOptions, 'blockWidth' | 'unhyphenated'> = {
  selector: '.essay p, .essay li',
  stretch: 0.8,
  shrink: 1 / 3,
  tolerance: 1.5,
  loose: 0.9,
  tracking: 0.02,
  unhyphenatedTracking: 0.03,
  tighten: 0.01,
  hyphenPenalty: 50,
  doubleHyphenDemerits: 3000,
  fitnessDemerits: 3000,
};

export interface LaidOut {
  placed: FootnoteReport;
  headings: string[];
  /** Images Chromium could not show: their alt text, or the start of their URL. */
  broken: string[];
  /** Whether the contents list's page numbers are written (the pages were counted). */
  numbered: boolean;
}

/** The part before the body of the page each page was loaded with. */
const heads = new WeakMap<Page, string>();

/**
 * `footnotes`: whether the notes go at the foot of their pages (else they stay at the end).
 * `reuse`: the page has been laid out before (the preview prints each language again after
 * every save); if it was loaded with the same head (stylesheets, fonts), only its body is
 * replaced, which spares Chromium the stylesheets and fonts (at ×50, 165 ms against 280).
 * The lines are chosen anew: a paragraph's choice depends, by fractions of a pixel, on
 * where the words it shares with the paragraphs before it were measured first.
 */
export async function layOut(
  page: Page,
  html: string,
  layout: PageLayout,
  footnotes: boolean,
  { contents, lang }: { contents: boolean; lang: string },
  reuse = false,
): Promise<LaidOut> {
  const at = html.indexOf('<body');
  const head = html.slice(0, at);
  if (reuse && at > 0 && heads.get(page) === head) {
    await page.evaluate(swapBody, html.slice(at, html.lastIndexOf('</body>') + 7));
  } else {
    await page.emulateMediaType('print');
    await page.setContent(html, { waitUntil: 'load' });
    heads.set(page, head);
  }
  // Once the fonts are in, all in one round trip: this process is busy with the other
  // editions meanwhile, and each answer waits for it.
  const blockWidth = `${layout.size.width - 2 * layout.side}mm`;
  // Chinese and Japanese break between characters, not at spaces: Chromium's own breaks, by
  // their rules (cjk.css), are the ones to keep.
  const lines: LineBreakOptions | undefined = isCjk(lang)
    ? undefined
    : {
        ...LINE_BREAKING,
        blockWidth,
        unhyphenated: patternsName(lang) ? [] : [lang.toLowerCase()],
      };
  const notes: Omit<FootnoteOptions, 'targets'> = {
    blockWidth,
    pageHeight: ((layout.size.height - layout.top - layout.bottom) * 96) / 25.4,
    widows: 2,
    orphans: 2,
  };
  // Where the notes' placement counts the pages, the contents list's numbers are known
  // before printing, and written then: one print instead of two (contents.ts).
  return (await page.evaluate(`(async () => {
    await document.fonts.ready;
    const broken = [...document.images]
      .filter((image) => image.naturalWidth === 0 && image.src.startsWith('data:'))
      .map((image) => image.alt || image.src.slice(0, 60));
    ${lines ? `(${breakLines})(${JSON.stringify(lines)}, ${chooseBreaks});` : ''}
    const targets = ${contents} ? (${contentsTargets})() : [];
    const placed = ${footnotes}
      ? (${placeFootnotes})({ ...${JSON.stringify(notes)}, targets }, ${paginate})
      : { pages: 0, targets: {} };
    const numbered = placed.pages > 0 && targets.length > 0
      && (${fillPageNumbers})(placed.targets).missing.length === 0;
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((e) => e.checkVisibility())
      .map((e) => (e.textContent ?? '').replace(/\\s+/g, ' ').trim());
    return { placed, headings, broken, numbered };
  })()`)) as LaidOut;
}

/**
 * Runs in the page: its body replaced by `body` (the markup from `<body` to `</body>`), as
 * setContent would have parsed it, once its images are decoded.
 */
async function swapBody(body: string): Promise<void> {
  const parsed = new DOMParser().parseFromString(
    `<!doctype html><html>${body}</html>`,
    'text/html',
  );
  document.body.replaceWith(document.adoptNode(parsed.body));
  await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
}
