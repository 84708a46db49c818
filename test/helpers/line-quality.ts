/**
 * How well a PDF's justified lines are set, read from the words' boxes that pdftotext
 * gives (`-bbox-layout`). The body text is the lines set at the commonest height (a line's
 * height is its middle word's: a note marker or a word in another script's face does not
 * change it). A line of it is justified when it reaches the column's far edge, the one where
 * a paragraph's last line falls short (the right, or the left in a right-to-left script):
 * a full line of the main text, of an indented first line, of a callout or of a list item
 * alike. Its word space is the mean gap between its words, left to right whatever the
 * direction of the script (pdftotext lists a right-to-left line's words in reading order).
 * The natural word space is the median gap on the body's ragged lines (short of the far
 * edge), which are set at their natural spacing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Word {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}

export interface Line {
  page: number;
  words: Word[];
}

export interface LineQuality {
  /** Edge-to-edge justified lines. */
  justified: number;
  /** Justified lines whose mean word space is over 1.8× the natural one. */
  loose: number;
  /** The largest ratio of a justified line's mean word space to the natural one. */
  worst: number;
  worstLine: string;
  natural: number;
  /** Mean characters per full line of body text (justified lines). */
  charsPerLine: number;
}

const num = (s: string | undefined) => Number.parseFloat(s ?? 'NaN');

export async function pdfLines(file: string): Promise<Line[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines: Line[] = [];
  let page = 0;
  for (const pageXml of stdout.split('<page ').slice(1)) {
    page += 1;
    for (const block of pageXml.split('<block ').slice(1)) {
      for (const lineXml of block.split('<line ').slice(1)) {
        const words = [
          ...lineXml.matchAll(
            /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
          ),
        ].map((m) => ({
          xMin: num(m[1]),
          yMin: num(m[2]),
          xMax: num(m[3]),
          yMax: num(m[4]),
          text: m[5] ?? '',
        }));
        if (words.length > 0) lines.push({ page, words });
      }
    }
  }
  return lines;
}

const round = (x: number) => Math.round(x * 10) / 10;
const height = (line: Line) => round(median(line.words.map((w) => w.yMax - w.yMin)));
const left = (line: Line) => Math.min(...line.words.map((w) => w.xMin));
const right = (line: Line) => Math.max(...line.words.map((w) => w.xMax));

/** The gaps between a line's words; a list item's number or bullet is not a word of it. */
function gaps(line: Line): number[] {
  const listed = /^(?:\d+[.)]|[•◦▪–-])$/.test(line.words[0]?.text ?? '')
    ? line.words.slice(1)
    : line.words;
  const words = [...listed].sort((a, b) => a.xMin - b.xMin);
  return words.slice(1).map((w, i) => w.xMin - (words[i]?.xMax ?? w.xMin));
}

/** The commonest value. */
export function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export interface Script {
  /** Lines short at their left end are a paragraph's last. */
  rtl?: boolean;
  /**
   * Letters that join (Arabic): pdftotext also splits a word where a letter does not join the
   * next, with gaps as wide as a space. The spaces of a line are then told by being all one
   * width (justification widens each alike): a line's word space is its commonest gap.
   */
  joined?: boolean;
}

export function lineQuality(lines: Line[], tolerance = 0.8, script: Script = {}): LineQuality {
  const { rtl = false, joined = false } = script;
  const commonest = (values: number[]) => mode(values.map((v) => Math.round(v * 20) / 20));
  const space = (line: Line) => {
    const g = gaps(line);
    return joined ? commonest(g) : g.reduce((a, b) => a + b, 0) / g.length;
  };
  const bodyHeight = mode(lines.map(height));
  const body = lines.filter((l) => height(l) === bodyHeight && l.words.length > 1);
  // How far each line falls short of the column's far edge.
  const edge = rtl ? Math.min(...body.map(left)) : Math.max(...body.map(right));
  const short = (l: Line) => (rtl ? left(l) - edge : edge - right(l));
  const justified = body.filter((l) => short(l) <= tolerance);
  const ragged = body.filter((l) => short(l) > 20);
  const all = ragged.flatMap(gaps);
  const natural = joined ? commonest(all) : median(all);
  let worst = 0;
  let worstLine = '';
  let loose = 0;
  for (const line of justified) {
    const ratio = space(line) / natural;
    if (ratio > 1.8) loose += 1;
    if (ratio > worst) {
      worst = ratio;
      worstLine = line.words.map((w) => w.text).join(' ');
    }
  }
  const chars = justified.map((l) => l.words.map((w) => w.text).join(' ').length);
  return {
    justified: justified.length,
    loose,
    worst,
    worstLine,
    natural,
    charsPerLine: chars.reduce((a, b) => a + b, 0) / Math.max(1, chars.length),
  };
}
