/**
 * Find a Chrome or Chromium without downloading anything: --browser, then
 * PUPPETEER_EXECUTABLE_PATH, then puppeteer's own installed browser, then the system's.
 * On the system, Chromium's headless shell comes first: the same Blink without the
 * browser's user interface, it starts in a quarter of the time and prints the same bytes.
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

export interface FoundBrowser {
  executablePath: string;
  source: string;
}

const SYSTEM_NAMES = [
  'chromium-headless-shell',
  'chrome-headless-shell',
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
];
const SYSTEM_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: "apt-get install chromium-headless-shell", which prints fastest, or "apt-get install chromium"), or pass --browser /path/to/chrome, or set PUPPETEER_EXECUTABLE_PATH';

export async function findBrowser(flag: string | undefined): Promise<FoundBrowser> {
  if (flag) return mustExist(flag, '--browser');
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return mustExist(fromEnv, 'PUPPETEER_EXECUTABLE_PATH');
  const bundled = await puppeteerBrowser();
  if (bundled) return { executablePath: bundled, source: "puppeteer's installed browser" };
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => SYSTEM_NAMES.map((name) => path.join(dir, name)));
  const system = [...SYSTEM_PATHS, ...onPath].find(isExecutable);
  if (system) return { executablePath: system, source: 'the system' };
  throw new UserError('no Chrome or Chromium was found to print the PDF editions', {
    hint: INSTALL_HINT,
  });
}

/** Chromium's headless shell, which is always headless and takes no --headless=new. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(path.basename(executablePath));
}

function mustExist(candidate: string, source: string): FoundBrowser {
  if (!isExecutable(candidate)) {
    throw new UserError(
      `the browser named by ${source} does not exist or cannot be run: ${candidate}`,
      {
        // The hint never suggests the very setting that is wrong.
        hint:
          source === 'PUPPETEER_EXECUTABLE_PATH'
            ? 'correct PUPPETEER_EXECUTABLE_PATH, or unset it to let build-article find Chromium itself, or pass --browser /path/to/chrome'
            : `check the path, or ${INSTALL_HINT}`,
      },
    );
  }
  return { executablePath: candidate, source };
}

/**
 * The browser puppeteer installed or was configured with. Loading puppeteer takes a
 * quarter of a second, so its configuration (a tenth of that) is read first: with no
 * executablePath configured and no Chrome in its cache, there is nothing to ask it.
 */
async function puppeteerBrowser(): Promise<string | undefined> {
  try {
    const { getConfiguration } = await import('puppeteer/internal/getConfiguration.js');
    const config = getConfiguration();
    if (config.executablePath)
      return isExecutable(config.executablePath) ? config.executablePath : undefined;
    if (!config.cacheDirectory || !hasEntries(path.join(config.cacheDirectory, 'chrome'))) {
      return undefined;
    }
    const { default: puppeteer } = await import('puppeteer');
    const candidate = puppeteer.executablePath();
    return isExecutable(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
