#!/usr/bin/env node
/**
 * `npm run bench`: times cold full builds of the six editions and HTML+EPUB-only builds,
 * each against a bare `chromium --headless --print-to-pdf` of a tiny page measured in
 * the same run, and prints medians and ratios. Usage: npm run bench [-- --runs 7 [article-dir]]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const article =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ??
  path.join(root, 'article');
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

function time(command, commandArgs, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

function build(formats) {
  const out = path.join(work, 'out');
  rmSync(out, { recursive: true, force: true });
  const rssFile = path.join(work, 'rss');
  rmSync(rssFile, { force: true });
  const ms = time(
    process.execPath,
    [
      '--import',
      path.join(root, 'scripts/rss-probe.mjs'),
      path.join(root, 'bin/build-article.js'),
      article,
      '-o',
      out,
      '-q',
      ...(formats ? ['-f', formats] : []),
    ],
    { BUILD_ARTICLE_RSS_FILE: rssFile },
  );
  const rssKb = Number(readFileSync(rssFile, 'utf8').trim());
  return { ms, rssKb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// Warm the disk cache once for each, then interleave the measurements.
time(chromium, [...chromeFlags, `--print-to-pdf=${path.join(work, 'tiny.pdf')}`, `file://${tiny}`]);
build();
const print = [];
const full = [];
const light = [];
for (let i = 0; i < runs; i++) {
  print.push(
    time(chromium, [
      ...chromeFlags,
      `--print-to-pdf=${path.join(work, 'tiny.pdf')}`,
      `file://${tiny}`,
    ]),
  );
  full.push(build());
  light.push(build('html,epub'));
}
rmSync(work, { recursive: true, force: true });

const base = median(print);
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
