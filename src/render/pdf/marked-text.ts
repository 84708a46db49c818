/**
 * The text a page shows inside marked-content sequences, for the link pass (links.ts): read
 * from the page's operators, decoded through its fonts' code maps, a word space put where the
 * text moves to another line or leaves a gap.
 */
import { type CodeMap, decodeShown } from './code-maps.js';
import { type Operand, operands } from './content.js';
import type { PageContent } from './syntax.js';

/** What a marked-content sequence shows: its text, and the baseline where it starts and ends. */
export interface Shown {
  text: string;
  first: number;
  last: number;
}

/** A wanted marked-content sequence being read: what it has shown so far, and where. */
interface Reading {
  /** The text so far, the baseline of its first string, and the current baseline as `last`. */
  shown: Shown;
  /** Set when the text position moves to another line: the next string starts a new word. */
  newLine: boolean;
}

/** The operators that show text or move the text position, which a reading follows. */
const TEXT_OPERATORS = new Set(['Tm', 'Td', 'TD', 'T*', 'Tj', 'TJ', "'", '"']);

/**
 * The text shown in each wanted marked-content sequence of a page's content, read in one
 * walk through the page's operators: the font in effect is the one the last `Tf` set (`q`
 * and `Q` save and restore it), and a sequence runs from its `BDC`, whose properties name
 * its /MCID, to the `EMC` that closes it, the text of sequences nested in it included.
 * Only the first sequence with a given /MCID is read; a baseline is unknown until the
 * sequence sets one with `Tm`.
 */
export function markedText(
  { text, operators }: PageContent,
  mcids: Set<number>,
  fonts: (key: string) => CodeMap | undefined,
): Map<number, Shown> {
  const shown = new Map<number, Shown>();
  // One entry per open marked-content sequence: its reading when it is a wanted one.
  const marks: (Reading | undefined)[] = [];
  let reading = 0;
  const saved: (CodeMap | undefined)[] = [];
  let font: CodeMap | undefined;
  for (const op of operators) {
    const name = op.name;
    if (name === 'BDC' || name === 'BMC') {
      const mcid = name === 'BDC' ? markedId(operands(text, op)) : undefined;
      const wanted = mcid !== undefined && mcids.has(mcid) && !shown.has(mcid);
      const mark = wanted ? newReading() : undefined;
      if (mark) {
        shown.set(mcid as number, mark.shown);
        reading += 1;
      }
      marks.push(mark);
    } else if (name === 'EMC') {
      if (marks.pop()) reading -= 1;
    } else if (name === 'q') saved.push(font);
    else if (name === 'Q') font = saved.length > 0 ? saved.pop() : font;
    else if (name === 'Tf') {
      const [key] = operands(text, op);
      if (typeof key === 'string') font = fonts(key);
    } else if (reading > 0 && TEXT_OPERATORS.has(name)) {
      const args = operands(text, op);
      for (const mark of marks) if (mark) follow(mark, name, args, font);
    }
  }
  return shown;
}

/**
 * The /MCID in the properties of a `BDC`, if any. Chromium writes them inline
 * (`/Tag <</MCID n >>BDC`); a property list named from the page's resources is not looked up.
 */
function markedId(args: Operand[]): number | undefined {
  const properties = args[1];
  const mcid = properties instanceof Map ? properties.get('MCID') : undefined;
  return typeof mcid === 'number' && Number.isInteger(mcid) && mcid >= 0 ? mcid : undefined;
}

/** A sequence not read yet: no text, and no baseline known. */
function newReading(): Reading {
  return { shown: { text: '', first: Number.NaN, last: Number.NaN }, newLine: false };
}

/** A text operator inside a wanted sequence: the text it shows, or the line it moves to. */
function follow(mark: Reading, name: string, args: Operand[], font: CodeMap | undefined): void {
  if (name === 'Tm') {
    const to = Number(args[5]);
    if (!sameLine(to, mark.shown.last)) mark.newLine = true;
    mark.shown.last = to;
  } else if (name === 'Td' || name === 'TD') {
    const by = Number(args[1]) || 0;
    if (by !== 0) mark.newLine = true;
    mark.shown.last += by;
  } else if (name === 'T*') mark.newLine = true;
  else if (name === 'Tj' || name === 'TJ') show(mark, args[0], font);
  else if (name === "'" || name === '"') {
    mark.newLine = true;
    show(mark, args.at(-1), font);
  }
}

/**
 * A string, or a `TJ` array of strings and adjustments, added to the reading's text. A
 * gap of a quarter em or more between strings reads as a word space.
 */
function show(mark: Reading, value: Operand | undefined, font: CodeMap | undefined): void {
  const shown = mark.shown;
  if (value instanceof Uint8Array) {
    if (mark.newLine) space(shown);
    mark.newLine = false;
    if (Number.isNaN(shown.first)) shown.first = shown.last;
    shown.text += decodeShown(value, font);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'number') show(mark, item, font);
      else if (item <= -250) space(shown);
    }
  }
}

/** A word space at the end of the text, unless it is empty or ends in a space already. */
function space(shown: Shown): void {
  if (shown.text && !/\s$/.test(shown.text)) shown.text += ' ';
}

/** Baselines within a hundredth of a unit are one line; an unknown one is taken as the same. */
export function sameLine(a: number, b: number): boolean {
  return Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) < 0.01;
}
