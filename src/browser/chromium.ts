/**
 * Chromium started by build-article itself, not by puppeteer.launch(): spawning needs no
 * module beyond Node's own, so the browser boots while puppeteer (a quarter of a second
 * to load) and the rest of the pipeline are still loading. puppeteer then connects over
 * the same DevTools pipe that puppeteer.launch({pipe: true}) would use.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';
import { isHeadlessShell } from './find-browser.js';

/**
 * The flags puppeteer.launch() passes for a headless Chrome that only prints (its
 * defaultArgs, less the ones for extensions, devtools and automation banners), plus ours.
 */
const FLAGS = [
  '--remote-debugging-pipe',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-component-extensions-with-background-pages',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-client-side-phishing-detection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-search-engine-choice-screen',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--force-color-profile=srgb',
  '--export-tagged-pdf',
  '--generate-pdf-document-outline',
  '--font-render-hinting=none',
  '--hide-scrollbars',
  '--mute-audio',
];

export interface SpawnedChromium {
  child: ChildProcess;
  transport: ConnectionTransport;
  /** Rejects when the process cannot be started or exits; its message ends with stderr's tail. */
  exited: Promise<never>;
}

/**
 * Start Chromium in its own process group (so that killing the group ends its helpers too),
 * with a throwaway profile, talking DevTools over file descriptors 3 and 4.
 */
export function spawnChromium(executablePath: string, profileDir: string): SpawnedChromium {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As puppeteer.launch() does: the headless shell takes plain --headless, Chrome the new mode.
  const headless = isHeadlessShell(executablePath) ? '--headless' : '--headless=new';
  const args = [headless, ...FLAGS, `--user-data-dir=${profileDir}`];
  if (isRoot) args.push('--no-sandbox');
  args.push('about:blank');
  const child = spawn(executablePath, args, {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  // Drained so Chromium never blocks on a full pipe; the tail explains a failed start.
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(error));
    child.once('exit', (code, signal) => {
      // 'exit' can come before the last of stderr; give it a turn to arrive.
      setImmediate(() => {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`the browser ${how}${tail ? `: ${tail}` : ''}`));
      });
    });
  });
  exited.catch(() => undefined);
  const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
  return { child, transport, exited };
}

/** DevTools messages over a pipe: JSON, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly output: Writable,
    input: Readable,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.onclose?.());
    // A broken pipe means the browser is gone; 'close' reports it.
    input.on('error', () => undefined);
    output.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.output.write(`${message}\0`);
  }

  close(): void {
    this.closed = true;
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.pending.push(chunk);
      return;
    }
    while (end !== -1) {
      const head =
        this.pending.length > 0
          ? Buffer.concat([...this.pending, chunk.subarray(start, end)])
          : chunk.subarray(start, end);
      this.pending = [];
      const message = head.toString('utf8');
      // Like puppeteer's own transport: deliver each message in its own macrotask.
      setImmediate(() => {
        if (!this.closed) this.onmessage?.(message);
      });
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }
}
