/** The Chromium the tests read editions in, as a reader's browser: headless, no network. */
import type { Browser } from 'puppeteer';
import { CHROMIUM } from './validators.js';

export async function launchChromium(): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}
