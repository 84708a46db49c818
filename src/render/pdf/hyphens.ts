/**
 * Soft hyphens out of the text layer. Chromium paints each soft hyphen that does not break
 * a line as a zero-width glyph inside `/Span <</ActualText <FEFF00AD>>> BDC … EMC`, which
 * text extraction reads inside the word ("def\u00adinition"); a ligature across one gets
 * an ActualText with the soft hyphen inside ("f\u00adi"); and the hyphen Chromium draws
 * where a line breaks at one is a glyph with the ActualText U+2010, alone in its text
 * object, which extraction reads as a hyphen that belongs to the word. This pass drops the
 * soft hyphens' spans (keeping their moves of the text position), takes the soft hyphens
 * out of other ActualText, and gives each break hyphen the ActualText "-": a hyphen at a
 * line's end, which poppler and pdf.js join across the line ("definition"). A no-break
 * space that Chromium gives the ActualText U+00A0 (where the font draws it with another
 * glyph than the space) reads as a space: the line breaking puts them between the words
 * of a line, and a reader copying text wants spaces.
 */
import { type Operand, type Operator, operands, operators, TEXT_SHOW } from './content.js';

const SOFT_HYPHEN = '\u00ad';
const BREAK_HYPHEN = '\u2010';
const NBSP = '\u00a0';

interface Edit {
  start: number;
  end: number;
  with: string;
}

/**
 * The content with soft hyphens dropped and break hyphens marked, and its operators (those
 * of the unchanged parts moved, in place, those of the rewritten parts read anew); undefined
 * if nothing changed. `ops` belong to the content given, and are not to be used with it
 * after a change.
 */
export function cleanHyphens(
  text: string,
  ops: Operator[],
): { text: string; operators: Operator[] } | undefined {
  if (!text.includes('ActualText')) return undefined;
  const edits: Edit[] = [];
  let textObject = -1;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Operator;
    if (op.name === 'BT') textObject = i;
    // Reading a BDC's operands costs: only those with an ActualText are read.
    if (op.name !== 'BDC' || !text.slice(op.start, op.at).includes('ActualText')) continue;
    const actual = actualText(operands(text, op));
    if (
      actual === undefined ||
      !(actual.includes(SOFT_HYPHEN) || actual.includes(NBSP) || actual === BREAK_HYPHEN)
    )
      continue;
    const close = matchingEmc(ops, i);
    if (close < 0) continue;
    if (actual === SOFT_HYPHEN) {
      // The glyph goes; the moves of the text position stay, so nothing after it shifts.
      const kept = ops
        .slice(i + 1, close)
        .filter(
          (inner) => !TEXT_SHOW.has(inner.name) && inner.name !== 'BDC' && inner.name !== 'EMC',
        )
        .map((inner) => text.slice(inner.start, inner.end));
      edits.push({ start: op.start, end: (ops[close] as Operator).end, with: kept.join('\n') });
      i = close;
    } else if (actual !== BREAK_HYPHEN) {
      edits.push({
        start: op.start,
        end: op.end,
        with: spanWith(actual.replaceAll(SOFT_HYPHEN, '').replaceAll(NBSP, ' ')),
      });
    } else if (aloneInTextObject(ops, textObject, i, close)) {
      edits.push({ start: op.start, end: op.end, with: spanWith('-') });
    }
  }
  if (edits.length === 0) return undefined;
  let out = '';
  let at = 0;
  let next = 0;
  const moved: Operator[] = [];
  // The operators of the unchanged parts are moved where they are, not copied: a page holds
  // tens of thousands, and the content they were read from is dropped with the old text.
  const keep = (until: number) => {
    const by = out.length - at;
    for (; next < ops.length && (ops[next] as Operator).end <= until; next++) {
      const op = ops[next] as Operator;
      if (op.start < at) continue;
      op.start += by;
      op.at += by;
      op.end += by;
      moved.push(op);
    }
    out += text.slice(at, until);
  };
  for (const edit of edits) {
    keep(edit.start);
    for (const op of operators(edit.with))
      moved.push({
        ...op,
        start: op.start + out.length,
        at: op.at + out.length,
        end: op.end + out.length,
      });
    out += edit.with;
    at = edit.end;
  }
  keep(text.length);
  return { text: out, operators: moved };
}

/** The ActualText of a `/Span <<…>> BDC` whose only property it is, as text. */
function actualText(args: Operand[]): string | undefined {
  const props = args[1];
  if (!(props instanceof Map) || props.size !== 1) return undefined;
  const bytes = props.get('ActualText');
  if (!(bytes instanceof Uint8Array) || bytes[0] !== 0xfe || bytes[1] !== 0xff) return undefined;
  return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
}

function spanWith(actual: string): string {
  const hex = Buffer.from(actual, 'utf16le').swap16().toString('hex');
  return `/Span <</ActualText <feff${hex}>>> BDC`;
}

/** The index of the EMC that closes the marked content opened at `open`, or -1. */
function matchingEmc(ops: Operator[], open: number): number {
  let depth = 0;
  for (let i = open; i < ops.length; i++) {
    const name = (ops[i] as Operator).name;
    if (name === 'BDC' || name === 'BMC') depth += 1;
    else if (name === 'EMC' && --depth === 0) return i;
  }
  return -1;
}

/** Whether the span from `open` to `close` is all the text object opened at `bt` shows. */
function aloneInTextObject(ops: Operator[], bt: number, open: number, close: number): boolean {
  if (bt < 0 || bt > open) return false;
  for (let i = bt + 1; i < ops.length; i++) {
    if (i >= open && i <= close) continue;
    const name = (ops[i] as Operator).name;
    if (name === 'ET') return true;
    if (TEXT_SHOW.has(name)) return false;
  }
  return false;
}
