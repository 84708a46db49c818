/**
 * The line-quality figures of every PDF under a folder, one row each, as the typesetting test
 * reads them: `npx vite-node test/helpers/line-quality-table.ts <folder>` after building
 * editions into it (`node bin/build-article.js article -o <folder>/article -f pdf`). A PDF's
 * language is the name of its folder, as the CLI writes it. Chinese and Japanese are left
 * out: their lines have no word spaces (test/e2e/scripts.test.ts measures them).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { lineQuality, pdfLines } from './line-quality.js';

const run = promisify(execFile);
const folder = process.argv[2] ?? '.';
const { stdout } = await run('find', [folder, '-name', '*.pdf']);
const arabic = (lang: string) => /^(ar|fa|ur)(-|$)/.test(lang);
console.log(['pdf', 'justified', 'over 1.8×', 'share', 'worst', 'chars/line'].join('\t'));
for (const file of stdout.trim().split('\n').filter(Boolean).sort()) {
  const lang = path.basename(path.dirname(file));
  if (/^(zh|ja)(-|$)/.test(lang)) continue;
  const rtl = arabic(lang) || /^(he|yi)(-|$)/.test(lang);
  const q = lineQuality(await pdfLines(file), 0.8, { rtl, joined: arabic(lang) });
  const share = `${((100 * q.loose) / Math.max(1, q.justified)).toFixed(1)}%`;
  const name = path.relative(folder, path.dirname(file));
  console.log(
    [name, q.justified, q.loose, share, q.worst.toFixed(2), q.charsPerLine.toFixed(1)].join('\t'),
  );
}
