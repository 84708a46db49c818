#!/usr/bin/env node
/**
 * `npm run bench`: times cold full builds of the six editions and HTML+EPUB-only builds,
 * each against a bare `chromium --headless --print-to-pdf` of a tiny page measured in
 * the same run, and prints medians and ratios. When the build prints with another browser
 * (Chromium's headless shell, which build-article prefers), that browser's own bare print
 * is timed too, so the build's overhead over the browser it uses is shown as well.
 * When pandoc is installed (Debian: apt-get install pandoc), it writes the same four files
 * (HTML and EPUB of each language, the languages in parallel) in the same run, the yardstick
 * for HTML+EPUB. `--against <checkout>` times another build-article tree's builds in the same
 * run (an older commit, built with npm run build; of its own article/ unless an article is
 * named), to compare code rather than machines: a baseline's speed drifts between runs.
 * Last, the CPU time each build takes: of all its processes, the browser's included, where
 * a cgroup can be written (cpu-account.mjs), else of build-article's own process.
 * Usage: npm run bench [-- --runs 7] [-- --browser /path/to/chrome] [-- --against dir] [-- article-dir]
 *        npm run bench -- --long [--runs 3]   (long articles: see bench-long.mjs)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuAccount } from './cpu-account.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flagValue = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const runs = Number(flagValue('--runs') ?? 5);
// --browser is passed on to the builds, to time them with another browser than they find.
const browserFlag = flagValue('--browser');
// --against times another checkout's builds of the same article alongside.
const against = flagValue('--against');
const given = args.find(
  (a, i) => !a.startsWith('--') && !['--runs', '--browser', '--against'].includes(args[i - 1]),
);
const article = given ?? path.join(root, 'article');
// The other tree builds its own copy of the shipped article unless one is named: an older
// commit may not read the front matter of today's.
const otherArticle = given ?? (against && path.join(against, 'article'));
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const work = mkdtempSync(path.join(os.tmpdir(), 'build-article-bench-'));
const tiny = path.join(work, 'tiny.html');
writeFileSync(tiny, '<!doctype html><html lang="en"><title>Tiny</title><p>A tiny page.</p></html>');

const chromeFlags = [
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
if (process.getuid?.() === 0) chromeFlags.push('--no-sandbox');

/** CPU time of every process a measured command starts, where the machine lets it be read. */
const account = cpuAccount();

/** Runs a command; its wall time, and the CPU time of it and all it started (`cpuMs`, if known). */
function timed(command, commandArgs, env = {}) {
  const [file, argv] = account ? account.wrap(command, commandArgs) : [command, commandArgs];
  const cpuBefore = account?.usage();
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  const cpuMs = account ? account.usage() - cpuBefore : undefined;
  return { ms, cpuMs, stdout: result.stdout };
}

/** A bare print of the tiny page by `browser`, as a user would type it. */
const bare = (browser) =>
  timed(browser, [
    ...chromeFlags,
    `--print-to-pdf=${path.join(work, 'tiny.pdf')}`,
    `file://${tiny}`,
  ]);

function build(formats, extra = [], source = article, tree = root) {
  const out = path.join(work, 'out');
  rmSync(out, { recursive: true, force: true });
  const rssFile = path.join(work, 'rss');
  rmSync(rssFile, { force: true });
  const { ms, cpuMs, stdout } = timed(
    process.execPath,
    [
      '--import',
      path.join(root, 'scripts/rss-probe.mjs'),
      path.join(tree, 'bin/build-article.js'),
      source,
      '-o',
      out,
      '-q',
      ...(formats ? ['-f', formats] : []),
      ...(browserFlag ? ['--browser', browserFlag] : []),
      ...extra,
    ],
    { BUILD_ARTICLE_RSS_FILE: rssFile },
  );
  const [rssKb, ownCpuMs] = readFileSync(rssFile, 'utf8').trim().split(' ').map(Number);
  return { ms, rssKb, ownCpuMs, cpuMs, stdout };
}

/** pandoc on PATH, and its flag for a self-contained page (renamed in pandoc 2.19). */
function findPandoc() {
  if (spawnSync('pandoc', ['--version']).status !== 0) return undefined;
  const embed = spawnSync('pandoc', ['--embed-resources', '--version']).status === 0;
  return embed ? '--embed-resources' : '--self-contained';
}

/** pandoc writing each language's HTML (standalone) and EPUB, the languages in parallel. */
async function pandoc(selfContained) {
  const { readdirSync } = await import('node:fs');
  const { spawn } = await import('node:child_process');
  const out = path.join(work, 'pandoc');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const langs = readdirSync(article).filter((f) => f.endsWith('.md'));
  const run = (argv) =>
    new Promise((resolve, reject) => {
      const child = spawn('pandoc', argv, { cwd: article, stdio: 'ignore' });
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`pandoc ${argv.join(' ')}: ${code}`)),
      );
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    langs.map(async (file) => {
      const base = path.join(out, path.basename(file, '.md'));
      await run([file, '-s', selfContained, '-o', `${base}.html`]);
      await run([file, '-o', `${base}.epub`]);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

if (args.includes('--long')) {
  const { benchLong } = await import('./bench-long.mjs');
  const shell = ['/usr/bin/chromium-headless-shell', '/usr/bin/chrome-headless-shell'].find(
    (candidate) => spawnSync(candidate, ['--version']).status === 0,
  );
  if (!shell)
    throw new Error(
      '--long needs chromium-headless-shell (apt-get install chromium-headless-shell)',
    );
  await benchLong({
    root,
    work,
    runs,
    shell,
    flags: chromeFlags.filter((f) => f !== '--headless'),
    build,
    median,
    account,
  });
  rmSync(work, { recursive: true, force: true });
  account?.close();
  process.exit(0);
}

// Warm the disk cache once for each, then interleave the measurements. The warm-up build's
// report names the browser the build prints with.
bare(chromium);
const used = JSON.parse(build(undefined, ['--json']).stdout).browser?.executablePath;
const own = used && path.resolve(used) !== path.resolve(chromium) ? used : undefined;
if (own) bare(own);
const selfContained = findPandoc();
if (selfContained) await pandoc(selfContained);
const print = [];
const ownPrint = [];
const full = [];
const light = [];
const pandocs = [];
const other = { full: [], light: [] };
for (let i = 0; i < runs; i++) {
  print.push(bare(chromium));
  if (own) ownPrint.push(bare(own));
  full.push(build());
  light.push(build('html,epub'));
  if (selfContained) pandocs.push(await pandoc(selfContained));
  if (against) {
    other.full.push(build(undefined, [], otherArticle, against));
    other.light.push(build('html,epub', [], otherArticle, against));
  }
}
rmSync(work, { recursive: true, force: true });

const base = median(print.map((r) => r.ms));
const rows = [
  ['bare chromium --print-to-pdf (baseline)', base, undefined, undefined],
  [
    'six editions (html, pdf, epub × languages)',
    median(full.map((r) => r.ms)),
    1.6,
    median(full.map((r) => r.rssKb)),
  ],
  [
    'html + epub only (no browser)',
    median(light.map((r) => r.ms)),
    0.5,
    median(light.map((r) => r.rssKb)),
  ],
];
console.log(
  `build-article benchmark: ${runs} runs each, medians, ${os.cpus().length} cores, article ${path.relative(root, article) || article}`,
);
console.log(`baseline: ${chromium}; the build prints with ${used ?? 'no browser (none found)'}`);
for (const [label, ms, target, rss] of rows) {
  const ratio = ms / base;
  const verdict =
    target === undefined
      ? ''
      : ratio <= target
        ? `  (target ≤ ${target}×: met)`
        : `  (target ≤ ${target}×: NOT met)`;
  const memory =
    rss === undefined ? '' : `  peak RSS of build-article ${(rss / 1024).toFixed(0)} MB`;
  console.log(
    `${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2)}×${verdict}${memory}`,
  );
}
const six = median(full.map((r) => r.ms));
const fourFiles = median(light.map((r) => r.ms));
const verdict = (ratio, target) => `(target ≤ ${target}×: ${ratio <= target ? 'met' : 'NOT met'})`;
if (own) {
  const ownBase = median(ownPrint.map((r) => r.ms));
  console.log(
    `${`bare ${path.basename(own)} --print-to-pdf`.padEnd(46)} ${ownBase.toFixed(0).padStart(6)} ms  ${(ownBase / base).toFixed(2)}×`,
  );
  const ratio = six / ownBase;
  console.log(
    `${'six editions against that print'.padEnd(46)} ${''.padStart(6)}     ${ratio.toFixed(2)}×  ${verdict(ratio, 3)}`,
  );
}
if (selfContained) {
  const ms = median(pandocs);
  const ratio = fourFiles / ms;
  console.log(
    `${'pandoc: the same HTML and EPUB files'.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms  html + epub ${ratio.toFixed(2)}× pandoc's time  ${verdict(ratio, 1)}`,
  );
} else {
  console.log(
    'pandoc is not installed (apt-get install pandoc): the comparison with it is skipped',
  );
}
if (against) {
  const [otherSix, otherFour] = [
    median(other.full.map((r) => r.ms)),
    median(other.light.map((r) => r.ms)),
  ];
  console.log(`against ${against}, same run:`);
  console.log(
    `${'  six editions'.padEnd(46)} ${otherSix.toFixed(0).padStart(6)} ms  ${(otherSix / base).toFixed(2)}×; this tree ${(six / otherSix).toFixed(2)}× its time  peak RSS ${(median(other.full.map((r) => r.rssKb)) / 1024).toFixed(0)} MB`,
  );
  console.log(
    `${'  html + epub only'.padEnd(46)} ${otherFour.toFixed(0).padStart(6)} ms  ${(otherFour / base).toFixed(2)}×; this tree ${(fourFiles / otherFour).toFixed(2)}× its time  peak RSS ${(median(other.light.map((r) => r.rssKb)) / 1024).toFixed(0)} MB`,
  );
}
const cores = os.cpus().length;
/** A build's CPU time, and the least wall time it allows: that CPU time over every core. */
const cpuLine = (label, results) => {
  const own = median(results.map((r) => r.ownCpuMs));
  if (!account) return `${label.padEnd(46)} build-article ${(own / 1000).toFixed(2)} s`;
  const all = median(results.map((r) => r.cpuMs));
  const browser = all - own;
  return `${label.padEnd(46)} ${(all / 1000).toFixed(2)} s (build-article ${(own / 1000).toFixed(2)} s${browser > 50 ? `, the browser ${(browser / 1000).toFixed(2)} s` : ''}): on ${cores} cores no less than ${(all / cores).toFixed(0)} ms`;
};
console.log(
  account
    ? "CPU time of all the processes a run starts (the browser's included), medians:"
    : "CPU time of build-article's own process (the browser's is not measured here: that needs a writable cgroup, Linux as root), medians:",
);
console.log(cpuLine('  six editions', full));
console.log(cpuLine('  html + epub only', light));
if (against) {
  console.log(cpuLine(`  six editions, ${path.basename(against)}`, other.full));
  console.log(cpuLine(`  html + epub only, ${path.basename(against)}`, other.light));
}
if (account) {
  const printCpu = median((own ? ownPrint : print).map((r) => r.cpuMs));
  console.log(
    `${`  bare ${path.basename(own ?? chromium)} --print-to-pdf`.padEnd(46)} ${(printCpu / 1000).toFixed(2)} s`,
  );
  account.close();
}
