/**
 * One browser per run, launched on first use and closed in every case. Page work happens
 * inside withPage(); requests that are not part of the page itself are blocked and reported.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { UserError } from '../errors.js';
import { findBrowser, INSTALL_HINT } from './find-browser.js';

export interface BrowserOptions {
  executablePath?: string;
  /** Milliseconds for any single browser operation (launch, load, print). */
  timeout: number;
}

const FLAGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--font-render-hinting=none',
  '--hide-scrollbars',
  '--mute-audio',
];

/** Sessions with a browser that may be running, for killBrowsersNow(). */
const running = new Set<BrowserSession>();

/** For signal handlers: kill every browser this process started and remove its profile. */
export function killBrowsersNow(): void {
  for (const session of running) session.killNow();
}

export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private child: ChildProcess | undefined;
  /** Our own profile folder, so that it can be removed even when Chromium is killed. */
  private profileDir: string | undefined;
  private closed = false;
  private spare: Promise<Page>[] = [];
  private pagesInUse = 0;
  private onPageInUse: (() => void)[] = [];

  constructor(private readonly options: BrowserOptions) {}

  /** Runs fn on a fresh page; fails if the page tried to reach anything outside itself. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await (this.spare.shift() ?? this.openPage()).catch((error: unknown) => {
      throw this.explain(error);
    });
    this.pagesInUse += 1;
    for (const notify of this.onPageInUse.splice(0)) notify();
    const blocked: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') {
        void request.continue();
      } else {
        blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    try {
      const result = await fn(page).catch((error: unknown) => {
        throw this.explain(error);
      });
      if (blocked.length > 0) {
        throw new UserError(
          `the page asked for ${blocked.length} resource(s) outside the build: ${blocked.slice(0, 3).join(', ')}`,
          {
            hint: 'every image, font and stylesheet must come from the article folder or the templates; remove remote URLs from your templates',
          },
        );
      }
      return result;
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  /** Resolves once `count` pages have been handed their work (Chromium is then busy). */
  async pagesBusy(count: number): Promise<void> {
    while (this.pagesInUse < count) {
      await new Promise<void>((resolve) => this.onPageInUse.push(resolve));
    }
  }

  /** Open pages ahead of time, while the editions' HTML is being rendered. */
  warm(pages: number): void {
    for (let i = 0; i < pages; i++) {
      const page = this.openPage();
      page.catch(() => undefined);
      this.spare.push(page);
    }
  }

  private async openPage(): Promise<Page> {
    const browser = await this.launch();
    const page = await browser.newPage();
    page.setDefaultTimeout(this.options.timeout);
    await Promise.all([page.setJavaScriptEnabled(false), page.setRequestInterception(true)]);
    return page;
  }

  /**
   * Start launching now, so the browser starts while the article is read and checked;
   * a failure surfaces at the first withPage(), where the PDF edition reports it.
   */
  prelaunch(): void {
    this.launch().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.spare = [];
    const pending = this.browser;
    this.browser = undefined;
    // A launch still under way or a browser that does not close in time is not waited
    // for: after a grace period it is killed. The timer must not keep the process alive.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, 1500, undefined);
    });
    const browser = pending
      ? await Promise.race([pending.catch(() => undefined), grace])
      : undefined;
    clearTimeout(timer);
    // The browser holds nothing worth a graceful shutdown (a throwaway profile, no open
    // work): killing its process group and removing the profile is immediate, where
    // Browser.close() takes a fifth of a second. It also ends a hung browser or the
    // helpers of a failed launch.
    this.killNow();
    // Not awaited: with the browser gone, the connection may never say it has closed.
    if (browser) void browser.disconnect().catch(() => undefined);
  }

  /** Turn a hang or a crash into a message the user can act on. */
  private explain(error: unknown): unknown {
    if (error instanceof UserError) return error;
    const message = String((error as Error)?.message ?? error);
    const seconds = Math.round(this.options.timeout / 1000);
    if (isTimeout(error)) {
      return new UserError(`Chromium did not respond within ${seconds} s (--timeout)`, {
        hint: 'if the article is very large, raise --timeout; if Chromium hangs, check that it runs: chromium --headless --print-to-pdf=test.pdf about:blank',
        cause: error,
      });
    }
    if (/Target closed|Connection closed|Session closed|crash/i.test(message)) {
      return new UserError(`Chromium stopped while printing: ${message.split('\n')[0]}`, {
        hint: 'check the system log for a crash, free some memory, or try another browser with --browser',
        cause: error,
      });
    }
    return error;
  }

  private launch(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('the browser session is closed'));
    this.browser ??= this.start();
    return this.browser;
  }

  /**
   * Kill the browser and its helpers at once (they share a process group) and remove the
   * profile, synchronously. Mid-launch, the browser is found by its profile folder.
   */
  killNow(): void {
    const pids = this.child?.pid ? [this.child.pid] : processesUsing(this.profileDir);
    for (const pid of pids) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    running.delete(this);
  }

  private async start(): Promise<Browser> {
    const found = await findBrowser(this.options.executablePath);
    const { default: puppeteer } = await import('puppeteer');
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    this.profileDir = await mkdtemp(path.join(os.tmpdir(), 'build-article-chromium-'));
    running.add(this);
    try {
      const browser = await puppeteer.launch({
        userDataDir: this.profileDir,
        executablePath: found.executablePath,
        headless: true,
        args: isRoot ? [...FLAGS, '--no-sandbox'] : FLAGS,
        timeout: this.options.timeout,
        protocolTimeout: this.options.timeout,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        pipe: true,
      });
      this.child = browser.process() ?? undefined;
      return browser;
    } catch (error) {
      if (isTimeout(error)) throw this.explain(error);
      throw new UserError(
        `Chromium at ${found.executablePath} (from ${found.source}) could not start: ${firstLine(error)}`,
        {
          hint: `check that it runs ("${found.executablePath} --version"); as root it needs --no-sandbox, which build-article adds; otherwise ${INSTALL_HINT}`,
          cause: error,
        },
      );
    }
  }
}

/** Processes whose command line names `dir` (Linux /proc; elsewhere none are found). */
function processesUsing(dir: string | undefined): number[] {
  if (!dir) return [];
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir);
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

function isTimeout(error: unknown): boolean {
  return (
    (error as Error)?.name === 'TimeoutError' ||
    /timed out/i.test(String((error as Error)?.message))
  );
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
