/**
 * Find a Chrome, Chromium or Edge without downloading anything: --browser, then
 * PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then puppeteer's own installed browser,
 * then the system's (browser-paths.ts). On the system, Chromium's headless shell comes
 * first: the same Blink without the browser's user interface, it starts in a quarter of
 * the time and prints the same bytes.
 */
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { browserCandidates, env, type SearchHost } from './browser-paths.js';

export interface FoundBrowser {
  executablePath: string;
  source: string;
}

/** What the search reads of the machine; the tests give a fake one per system. */
export interface BrowserHost extends SearchHost {
  isExecutable: (file: string) => boolean;
  /** The browser puppeteer installed or is configured with, if any. */
  puppeteerBrowser: () => Promise<string | undefined>;
}

export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: "apt-get install chromium-headless-shell", which prints fastest, or "apt-get install chromium"), Chrome or Edge, or pass --browser /path/to/chrome, or set CHROME_PATH';

/** The settings that name a browser, in the order they are honoured. */
const NAMED_BY = ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

export async function findBrowser(
  flag: string | undefined,
  host: BrowserHost = systemHost(),
): Promise<FoundBrowser> {
  if (flag) return mustExist(flag, '--browser', host);
  for (const name of NAMED_BY) {
    const named = env(host, name);
    if (named) return mustExist(named, name, host);
  }
  const installed = await host.puppeteerBrowser();
  if (installed) return { executablePath: installed, source: "puppeteer's installed browser" };
  const found = browserCandidates(host).find((c) => host.isExecutable(c.path));
  if (found) return { executablePath: found.path, source: found.source };
  throw new UserError('no Chrome, Chromium or Edge was found to print the PDF editions', {
    hint: INSTALL_HINT,
  });
}

/** This machine, as findBrowser() sees it. */
export function systemHost(): BrowserHost {
  return {
    platform: process.platform,
    env: process.env,
    wsl: process.platform === 'linux' && isWsl(),
    readDir: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    isExecutable,
    puppeteerBrowser,
  };
}

/** WSL sets WSL_DISTRO_NAME in its shells; its kernel says "microsoft" when it is not set. */
function isWsl(): boolean {
  if (process.env.WSL_DISTRO_NAME || process.env.WSL_INTEROP) return true;
  try {
    return /microsoft/i.test(readFileSync('/proc/sys/kernel/osrelease', 'utf8'));
  } catch {
    return false;
  }
}

/** Chromium's headless shell, which is always headless and takes no --headless=new. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(path.basename(executablePath));
}

function mustExist(candidate: string, source: string, host: BrowserHost): FoundBrowser {
  if (!host.isExecutable(candidate)) {
    throw new UserError(
      `the browser named by ${source} does not exist or cannot be run: ${candidate}`,
      {
        // The hint never suggests the very setting that is wrong.
        hint:
          source === '--browser'
            ? `check the path, or ${INSTALL_HINT.replace(', or pass --browser /path/to/chrome', '')}`
            : `correct ${source}, or unset it to let build-article find Chromium itself, or pass --browser /path/to/chrome`,
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
