/**
 * `npm run bench -- --long`: long articles, generated from test/fixtures/second-article by
 * repeating its body 1, 10 and 50 times in each language (50 is about 100 A4 pages and
 * 100 KB of Markdown per language), so that nothing large is committed. For each size it
 * times cold builds of the six editions against Chromium's headless shell printing the
 * build's own two HTML editions at once (`--print-to-pdf`, no finishing), measured in the
 * same run, and reports the ratio and build-article's peak memory: time and memory should
 * grow linearly with the article. Where the CPU time of every process can be read
 * (cpu-account.mjs), it is reported for both, with the least time it allows on this machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The fixture's front matter, then its body `times` times, headings and notes made unique. */
export function longArticle(source, target, times) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, 'images'), { recursive: true });
  for (const file of readdirSync(path.join(source, 'images'))) {
    writeFileSync(
      path.join(target, 'images', file),
      readFileSync(path.join(source, 'images', file)),
    );
  }
  for (const file of readdirSync(source).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(path.join(source, file), 'utf8');
    const end = text.indexOf('\n---', 4) + 4;
    const head = text.slice(0, end);
    const body = text.slice(end);
    const copies = Array.from({ length: times }, (_, k) =>
      times === 1
        ? body
        : body
            .replace(/^(#{2,6} .*)$/gm, `$1 (${k + 1})`)
            .replace(/\[\^([^\]\s]+)\]/g, `[^$1-${k + 1}]`),
    );
    writeFileSync(path.join(target, file), `${head}\n${copies.join('\n\n')}`);
  }
}

/** Wall time of the prints, and their CPU time when `account` can read it. */
async function printConcurrently(shell, flags, pages, work, account) {
  const cpuBefore = account?.usage();
  const started = process.hrtime.bigint();
  await Promise.all(
    pages.map(
      (page, i) =>
        new Promise((resolve, reject) => {
          const args = [
            ...flags,
            `--print-to-pdf=${path.join(work, `bare-${i}.pdf`)}`,
            `file://${page}`,
          ];
          const [file, argv] = account ? account.wrap(shell, args) : [shell, args];
          const child = spawn(file, argv, { stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`${shell} exited ${code}`)),
          );
        }),
    ),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, cpuMs: account ? account.usage() - cpuBefore : undefined };
}

export async function benchLong({ root, work, runs, shell, flags, build, median, account }) {
  const sizes = [1, 10, 50];
  const rows = [];
  for (const times of sizes) {
    const article = path.join(work, `long-${times}`);
    longArticle(path.join(root, 'test/fixtures/second-article'), article, times);
    // The build's own HTML editions, for the baseline to print.
    const out = path.join(work, `long-${times}-html`);
    const made = spawnSync(
      process.execPath,
      [path.join(root, 'bin/build-article.js'), article, '-o', out, '-q', '-f', 'html'],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`building ${article} failed:\n${made.stderr}`);
    const pages = readdirSync(out, { recursive: true })
      .filter((f) => String(f).endsWith('.html'))
      .map((f) => path.join(out, String(f)));
    await printConcurrently(shell, flags, pages, work, account);
    const bare = [];
    const six = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await printConcurrently(shell, flags, pages, work, account));
      six.push(build(undefined, [], article));
    }
    const markdown = readdirSync(article)
      .filter((f) => f.endsWith('.md'))
      .reduce((sum, f) => sum + readFileSync(path.join(article, f)).byteLength, 0);
    rows.push({
      times,
      markdownKb: markdown / 1024,
      bare: median(bare.map((r) => r.ms)),
      six: median(six.map((r) => r.ms)),
      rssMb: median(six.map((r) => r.rssKb)) / 1024,
      bareCpu: account ? median(bare.map((r) => r.cpuMs)) : undefined,
      sixCpu: account ? median(six.map((r) => r.cpuMs)) : undefined,
      ownCpu: median(six.map((r) => r.ownCpuMs)),
    });
  }
  console.log(
    `long articles: test/fixtures/second-article × 1, 10, 50, ${runs} runs each, medians; baseline: ${path.basename(shell)} printing the build's two HTML editions at once`,
  );
  for (const row of rows) {
    const ratio = row.six / row.bare;
    console.log(
      `×${String(row.times).padEnd(3)} ${row.markdownKb.toFixed(0).padStart(4)} KB of Markdown  baseline ${row.bare.toFixed(0).padStart(6)} ms  six editions ${row.six.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2)}× (target ≤ 1.3×: ${ratio <= 1.3 ? 'met' : 'NOT met'})  peak RSS ${row.rssMb.toFixed(0)} MB (target ≤ 300 MB)`,
    );
  }
  const cores = os.cpus().length;
  for (const row of rows) {
    const own = `build-article's own process ${(row.ownCpu / 1000).toFixed(2)} s`;
    if (row.sixCpu === undefined) {
      console.log(`×${String(row.times).padEnd(3)} CPU: ${own}`);
      continue;
    }
    // 1.3 times the baseline's wall time, on every core, is all the CPU time the target allows.
    const allowed = 1.3 * row.bare * cores;
    console.log(
      `×${String(row.times).padEnd(3)} CPU of all processes: baseline ${(row.bareCpu / 1000).toFixed(2)} s, six editions ${(row.sixCpu / 1000).toFixed(2)} s (${own}): no less than ${(row.sixCpu / cores).toFixed(0)} ms on ${cores} cores; 1.3× the baseline allows at most ${(allowed / 1000).toFixed(2)} s`,
    );
  }
  const [one, , fifty] = rows;
  if (one && fifty) {
    console.log(
      `growth from ×1 to ×50: time ${(fifty.six / one.six).toFixed(1)}×, memory ${(fifty.rssMb / one.rssMb).toFixed(1)}× (linear would be at most 50×)`,
    );
  }
}
