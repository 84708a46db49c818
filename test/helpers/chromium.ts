/** The Chromium the tests read editions in, as a reader's browser: headless, no network. */
import type { Browser, Page } from 'puppeteer';
import { CHROMIUM } from './validators.js';

export async function launchChromium(): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/**
 * The fonts Chromium drew the text of `selector`'s elements with, by PostScript name: whether
 * each is a page's own (@font-face) or the machine's, and how many glyphs it drew
 * (CSS.getPlatformFontsForNode, which answers for an element's own text).
 */
export async function platformFonts(
  page: Page,
  selector: string,
): Promise<Map<string, { custom: boolean; glyphs: number }>> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const cdp = await page.createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const fonts = new Map<string, { custom: boolean; glyphs: number }>();
  for (const nodeId of nodeIds) {
    const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    for (const font of used) {
      const seen = fonts.get(font.postScriptName);
      fonts.set(font.postScriptName, {
        custom: font.isCustomFont,
        glyphs: (seen?.glyphs ?? 0) + font.glyphCount,
      });
    }
  }
  return fonts;
}
