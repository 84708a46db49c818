#!/usr/bin/env node
/**
 * `npm run bench:preview`: how long a save takes to show in `build-article preview`.
 * Starts the real CLI (compiled lib/) on a temporary copy of an article, opens /en/ and
 * /en/print in Chromium with puppeteer, then N times writes a new sentence into en.md and
 * measures, from just before the write:
 *   asked  until the open reading view asks the server for the new build (the server's
 *          part: watcher, debounce, build, event);
 *   html   until the open reading view's DOM shows the sentence (it updates itself);
 *   pdf    until the server pushes a version map that names the new PDF (the PDF is ready;
 *          heard on the server's event stream, as an open page hears it, not polled);
 *   print  until the open print view has reloaded itself with that PDF;
 *   cpu    the preview process's CPU time (user + system, from /proc) from the write until
 *          all of the above: what a save costs the server whatever else the machine runs;
 *   build  the rebuild the preview itself reports ("rebuilt en in … ms": read, parse,
 *          check, render the HTML), without the watcher's wait for the save to settle.
 * Saves are --gap ms apart (default 1500, an editor's quick saves): the open print view
 * loads each new PDF, and saves closer than that measure the browser still drawing it.
 * --no-print opens only /en/. --long previews the ×50 article `npm run bench -- --long`
 * generates (about 100 A4 pages per language), 10 saves 4000 ms apart unless told.
 * --profile DIR writes the preview process's CPU profile (node --cpu-prof) into DIR.
 * Run `npm run build` first.
 * Usage: npm run bench:preview [-- --runs 15 --gap 1500 --no-print --long [article-dir]]
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer';
import { longArticle } from './bench-long.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const long = args.includes('--long');
const runs = option('--runs', long ? 10 : 15);
const gap = option('--gap', long ? 4000 : 1500);
const withPrint = !args.includes('--no-print');
const profileAt = args.indexOf('--profile');
const profile = profileAt >= 0 ? path.resolve(args[profileAt + 1]) : undefined;
const valued = ['--runs', '--gap', '--profile'];
const given = args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
/** How long one save may take to show before the run fails. */
const patience = long ? 180_000 : 10_000;
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const SENTENCE = /^(?!---|!\[|[a-z]+:|\s*$|-)(\S+ \S+ \S+)/m;

const work = mkdtempSync(path.join(os.tmpdir(), 'build-article-bench-preview-'));
const source = long ? 'test/fixtures/second-article × 50' : (given ?? path.join(root, 'article'));
const dir = path.join(work, long ? 'long-50' : path.basename(source));
if (long) longArticle(path.join(root, 'test/fixtures/second-article'), dir, 50);
else cpSync(source, dir, { recursive: true });
const file = path.join(dir, 'en.md');
const original = readFileSync(file, 'utf8');
if (!SENTENCE.test(original)) throw new Error(`no paragraph to edit in ${file}`);

const preview = spawn(
  process.execPath,
  [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    path.join(root, 'bin/build-article.js'),
    'preview',
    dir,
    '--port',
    '0',
  ],
  {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
// Even if this script fails, the preview it started does not outlive it.
process.on('exit', () => preview.kill('SIGINT'));
let log = '';
preview.stderr.on('data', (d) => {
  log += d;
});
const browser = await puppeteer.launch({
  executablePath: chromium,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

try {
  const url = await until(() => /build-article preview: (\S+)/.exec(log)?.[1], 30_000, 'the URL');
  const versions = await listen(url);
  const reading = await browser.newPage();
  await reading.goto(`${url}en/`, { timeout: patience });
  const print = withPrint ? await browser.newPage() : undefined;
  await print?.goto(`${url}en/print`, { timeout: 2 * patience });
  // One unmeasured save, so the views and the browser are warm.
  save(0);
  await until(
    async () =>
      !print || (await printVersion(print)) === (await pdfVersion(url)) ? true : undefined,
    2 * patience,
    'warm-up',
  );
  await new Promise((r) => setTimeout(r, gap));
  let asked = 0;
  reading.on('request', (request) => {
    if (new URL(request.url()).pathname === '/en/') asked = performance.now();
  });
  const times = { asked: [], html: [], pdf: [], print: [], cpu: [], build: [] };
  for (let run = 1; run <= runs; run++) {
    const before = print ? await printVersion(print) : null;
    const started = performance.now();
    const took = (key) => () => times[key].push(performance.now() - started);
    const cpuBefore = cpuMs(preview.pid);
    const logged = log.length;
    save(run);
    await Promise.all([
      reading
        .waitForFunction(
          (w) => (document.body?.textContent ?? '').replace(/\u00ad/g, '').includes(w),
          { polling: 5, timeout: patience },
          `Benchmarkword${run}x`,
        )
        .then(took('html'))
        .then(() => times.asked.push(asked - started)),
      print && versions.changed('print:en', before, patience).then(took('pdf')),
      print
        ?.waitForFunction(
          (v) => {
            const now = document.querySelector('[data-version]')?.getAttribute('data-version');
            return now && now !== v;
          },
          { polling: 5, timeout: patience },
          before,
        )
        .then(took('print')),
    ]);
    const cpuAfter = cpuMs(preview.pid);
    const rebuilt = /rebuilt [^\n]* in (\d+(?:\.\d+)?) ?(m?s)/.exec(log.slice(logged));
    if (rebuilt) times.build.push(Number(rebuilt[1]) * (rebuilt[2] === 's' ? 1000 : 1));
    if (cpuBefore !== undefined && cpuAfter !== undefined) times.cpu.push(cpuAfter - cpuBefore);
    await new Promise((r) => setTimeout(r, gap));
  }
  report(times);
} finally {
  await browser.close();
  preview.kill('SIGINT');
  await new Promise((r) => preview.once('close', r));
  rmSync(work, { recursive: true, force: true });
}

function save(run) {
  writeFileSync(
    file,
    original.replace(SENTENCE, (s) => `Benchmarkword${run}x ${s}`),
  );
}

/** A process's user + system CPU time in milliseconds (Linux), or undefined. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of stat(5), counted from the state (field 3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function printVersion(page) {
  return page.$eval('[data-version]', (e) => e.getAttribute('data-version')).catch(() => null);
}

async function pdfVersion(url) {
  const versions = await (await fetch(`${url}__preview/versions`)).json();
  return versions['print:en'];
}

/**
 * The version maps the server pushes (its server-sent events, as an open page gets them),
 * so that the PDF's readiness is timed without asking the server again and again while it
 * works.
 */
async function listen(url) {
  const response = await fetch(`${url}__preview/events`);
  if (!response.ok || !response.body) throw new Error(`no event stream at ${url}`);
  let latest = {};
  const waiting = new Set();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        latest = JSON.parse(data);
        for (const check of waiting) check();
      }
    }
  })().catch(() => undefined);
  return {
    /** Resolves when `view`'s version is a new one, other than `before` and not pending. */
    changed(view, before, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`timed out waiting for ${view}\n${log}`));
        }, timeoutMs);
        const check = () => {
          const now = latest[view];
          if (!now || now === before || now === 'cold') return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(now);
        };
        waiting.add(check);
        check();
      });
    },
  };
}

async function until(probe, timeoutMs, what, everyMs = 25) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function report(times) {
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    const median =
      s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return `median ${median.toFixed(0).padStart(5)} ms   min ${s[0].toFixed(0).padStart(5)}   p90 ${at(0.9).toFixed(0).padStart(5)}   max ${s[s.length - 1].toFixed(0).padStart(5)}`;
  };
  console.log(
    `build-article preview, ${runs} saves ${gap} ms apart of ${long ? source : path.relative(root, source) || source}/en.md`,
  );
  console.log(
    `(${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, Node ${process.version})`,
  );
  const row = (label, xs, target = '') => console.log(`${label.padEnd(34)} ${stats(xs)}${target}`);
  console.log(withPrint ? 'open: /en/ and /en/print' : 'open: /en/ only');
  row('save -> reading view asks for it', times.asked);
  row('save -> reading view shows it', times.html, `   (target ${long ? 200 : 300} ms)`);
  if (withPrint) {
    row('save -> PDF ready on the server', times.pdf);
    row('save -> print view reloaded', times.print, `   (target ${long ? 1500 : 1000} ms)`);
  }
  if (times.build.length > 0) row('rebuild (as the preview reports it)', times.build);
  if (times.cpu.length > 0) row('preview process CPU per save', times.cpu, '   (user + system)');
}
