/**
 * What differs between two builds that should be byte-identical: for a reproducibility
 * test's failure message, so that a difference seen once (in CI, under load) says where it
 * lies without the files at hand. For a PDF: its text (pdftotext), else the first object
 * whose content differs once both are written out uncompressed (qpdf --qdf).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `a` and `b` map each edition's path inside its output folder to its file. */
export async function whyDifferent(
  a: Map<string, { file: string; sha256: string }>,
  b: Map<string, { file: string; sha256: string }>,
): Promise<string> {
  const lines: string[] = [];
  for (const [name, first] of a) {
    const second = b.get(name);
    if (!second) lines.push(`${name}: missing from the second build`);
    else if (first.sha256 !== second.sha256) {
      lines.push(`${name}: ${await pdfDifference(name, first.file, second.file)}`);
    }
  }
  return lines.join('\n');
}

async function pdfDifference(name: string, a: string, b: string): Promise<string> {
  if (!name.endsWith('.pdf')) return 'bytes differ';
  const text = async (file: string) =>
    (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 }))
      .stdout;
  const [ta, tb] = await Promise.all([text(a), text(b)]);
  if (ta !== tb) return `text differs: ${firstDifference(ta.split('\n'), tb.split('\n'))}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'build-article-difference-'));
  try {
    const qdf = async (file: string, out: string) => {
      await run('qpdf', ['--qdf', '--object-streams=disable', file, out]);
      return (await readFile(out, 'latin1')).split(/\n(?=\d+ 0 obj\b)/);
    };
    const [oa, ob] = await Promise.all([
      qdf(a, path.join(dir, 'a.pdf')),
      qdf(b, path.join(dir, 'b.pdf')),
    ]);
    if (oa.length !== ob.length) return `same text; ${oa.length} objects against ${ob.length}`;
    const at = oa.findIndex((object, i) => object !== ob[i]);
    if (at < 0) return 'same text and objects once uncompressed';
    return `same text; object ${firstDifference((oa[at] ?? '').split('\n'), (ob[at] ?? '').split('\n'))}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first line where two texts part, shortened, with its number. */
function firstDifference(a: string[], b: string[]): string {
  const i = a.findIndex((line, k) => line !== b[k]);
  const at = i < 0 ? a.length : i;
  const cut = (s: string | undefined) => JSON.stringify((s ?? '(end)').slice(0, 160));
  return `line ${at + 1} (${a[0]?.slice(0, 40) ?? ''}): ${cut(a[at])} against ${cut(b[at])}`;
}
