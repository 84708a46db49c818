/**
 * One browser per run, launched on first use and closed in every case. Page work happens
 * inside withPage(); requests that are not part of the page itself are blocked and reported.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type {
  Browser,
  HTTPRequest,
  Page,
} from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import { UserError } from '../errors.js';
import { type SpawnedChromium, spawnChromium } from './chromium.js';
import { type FoundBrowser, findBrowser, INSTALL_HINT } from './find-browser.js';
import { makeProfileDir } from './profile.js';
import { firstLine, isTimeout, TimeoutError, within } from './timeout.js';

export interface BrowserOptions {
  executablePath?: string;
  /** Milliseconds for any single browser operation (launch, load, print). */
  timeout: number;
}

/** Every scheme a page could reach outside itself with. */
const BLOCKED_URLS = ['http://*', 'https://*', 'ws://*', 'wss://*', 'ftp://*', 'file://*'];

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
  private closing: Promise<void> | undefined;
  private spawned: Promise<{ found: FoundBrowser; chromium: SpawnedChromium }> | undefined;
  private spare: Promise<Page>[] = [];
  /** Pages kept open between uses, by the key they were asked with. */
  private kept = new Map<string, Page>();
  /** How many pages the run will use, when known; the browser closes after the last. */
  private pagesPlanned: number | undefined;
  private pagesDone = 0;
  private pagesInUse = 0;
  private onPageInUse: (() => void)[] = [];
  private found: FoundBrowser | undefined;

  constructor(private readonly options: BrowserOptions) {}

  /**
   * Runs fn on a fresh page; fails if the page tried to reach anything outside itself. With
   * `keep`, the page is kept open for the next call with the same key (the preview prints
   * each language again after every save; its calls with one key never overlap), and fn is
   * told whether the page was used before. A page a call failed on is closed.
   */
  async withPage<T>(fn: (page: Page, used: boolean) => Promise<T>, keep?: string): Promise<T> {
    const kept = keep === undefined ? undefined : this.kept.get(keep);
    const used = kept !== undefined && !kept.isClosed();
    const page = used
      ? kept
      : await (this.spare.shift() ?? this.openPage()).catch((error: unknown) => {
          throw this.explain(error);
        });
    if (keep !== undefined) this.kept.set(keep, page);
    this.pagesInUse += 1;
    for (const notify of this.onPageInUse.splice(0)) notify();
    // Chromium blocks every request out of the page (see openPage); here they are noted.
    const blocked: string[] = [];
    const note = (request: HTTPRequest) => {
      const url = request.url();
      if (!url.startsWith('data:') && url !== 'about:blank') blocked.push(url);
    };
    page.on('request', note);
    let keeping = keep !== undefined;
    try {
      const result = await fn(page, used).catch((error: unknown) => {
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
    } catch (error) {
      // A page a print failed on is in no known state: the next print opens another.
      if (keep !== undefined) this.kept.delete(keep);
      keeping = false;
      throw error;
    } finally {
      page.off('request', note);
      if (!keeping) this.pageDone(page);
    }
  }

  /**
   * Closes the page kept under `keep`, if there is one; call it when no withPage() with that
   * key is running (the preview queues it behind the language's prints).
   */
  release(keep: string): void {
    const page = this.kept.get(keep);
    if (!page) return;
    this.kept.delete(keep);
    void page.close().catch(() => undefined);
  }

  private pageDone(page: Page): void {
    // Not awaited: the page's work is done, and a page whose browser is killed meanwhile
    // (below, by another page's last use) never reports that it closed.
    void page.close().catch(() => undefined);
    this.pagesDone += 1;
    if (this.pagesPlanned !== undefined && this.pagesDone >= this.pagesPlanned) {
      void this.close();
    }
  }

  /** The browser that was started, once it is known (none if no PDF was asked for). */
  get browserUsed(): FoundBrowser | undefined {
    return this.found;
  }

  /** Resolves once `count` pages have been handed their work (Chromium is then busy). */
  async pagesBusy(count: number): Promise<void> {
    while (this.pagesInUse < count) {
      await new Promise<void>((resolve) => this.onPageInUse.push(resolve));
    }
  }

  /**
   * The run will use `pages` pages: open them now, while the editions' HTML is rendered,
   * and close the browser as soon as the last is done with, while its PDF is finished.
   */
  plan(pages: number): void {
    this.pagesPlanned = pages;
    for (let i = 0; i < pages; i++) {
      const page = this.openPage();
      page.catch(() => undefined);
      this.spare.push(page);
    }
  }

  private async openPage(): Promise<Page> {
    const browser = await this.launch();
    // Always a new page: Chromium's first tab may appear only after puppeteer connects,
    // and two prints must never share a page. puppeteer waits up to 30 s, whatever its
    // protocol timeout, for the new tab to attach: a browser that hangs as it starts the
    // tab's renderer is given --timeout, like every other wait.
    const page = await within(browser.newPage(), this.options.timeout, 'opening a page');
    page.setDefaultTimeout(this.options.timeout);
    // Requests out of the page are blocked inside Chromium: intercepting each request
    // instead would cost a round trip to this busy process per image and font.
    const cdp = await page.createCDPSession();
    await Promise.all([
      page.setJavaScriptEnabled(false),
      cdp.send('Network.enable'),
      cdp.send('Network.setBlockedURLs', { urls: BLOCKED_URLS }),
    ]);
    return page;
  }

  /**
   * Start launching now, so the browser starts while the article is read and checked;
   * a failure surfaces at the first withPage(), where the PDF edition reports it.
   * Resolves once Chromium's process is started (or could not be): loading modules on
   * this thread before then would only delay it.
   */
  async prelaunch(): Promise<void> {
    this.launch().catch(() => undefined);
    await this.spawned?.catch(() => undefined);
  }

  /** Close the browser (once, however often it is asked). */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.spare = [];
    this.kept.clear();
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
    this.killProcesses();
    running.delete(this);
    // Not awaited: with the browser gone, the connection may never say it has closed.
    if (browser) void browser.disconnect().catch(() => undefined);
    if (this.profileDir) {
      await rm(this.profileDir, { recursive: true, force: true, maxRetries: 3 }).catch(
        () => undefined,
      );
    }
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
   * profile, synchronously: what a signal handler can still do.
   */
  killNow(): void {
    this.killProcesses();
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    running.delete(this);
  }

  private killProcesses(): void {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  private async spawn(): Promise<{ found: FoundBrowser; chromium: SpawnedChromium }> {
    const found = await findBrowser(this.options.executablePath);
    this.found = found;
    this.profileDir = await makeProfileDir();
    running.add(this);
    const chromium = spawnChromium(found.executablePath, this.profileDir);
    this.child = chromium.child;
    return { found, chromium };
  }

  private async start(): Promise<Browser> {
    this.spawned = this.spawn();
    const { found, chromium } = await this.spawned;
    const failed = (error: unknown) =>
      new UserError(
        `Chromium at ${found.executablePath} (from ${found.source}) could not start: ${firstLine(error)}`,
        {
          hint: `check that it runs ("${found.executablePath} --version"); as root it needs --no-sandbox, which build-article adds; otherwise ${INSTALL_HINT}`,
          cause: error,
        },
      );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TimeoutError(`connecting to Chromium timed out`)),
        this.options.timeout,
      );
    });
    try {
      // puppeteer loads while Chromium boots; neither waits for the other. Its browser entry
      // point is all that connecting over our own transport needs: without the launchers
      // and their dependencies it loads in a fraction of the time.
      const { connect } = await Promise.race([
        import('puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js'),
        chromium.exited,
        timeout,
      ]);
      return await Promise.race([
        connect({
          transport: chromium.transport,
          protocolTimeout: this.options.timeout,
          defaultViewport: { width: 800, height: 600 },
        }),
        chromium.exited,
        timeout,
      ]);
    } catch (error) {
      if (isTimeout(error)) throw this.explain(error);
      throw failed(error);
    } finally {
      clearTimeout(timer);
    }
  }
}
