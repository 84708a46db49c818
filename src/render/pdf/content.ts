/**
 * The syntax of page content streams (ISO 32000-1, 7.8.2), read by the passes that finish
 * Chromium's PDF: a content stream is a sequence of operators, each after its operands.
 * `operators` splits a stream into its operators and records where each one's operands lie
 * without reading them, which is all the artifact pass needs on every page; `operands` reads
 * the operands of one operator, for the passes that need their values.
 */

/** White space and delimiters of the PDF syntax (7.2.2); every other character is regular. */
const WHITE = '\0\t\n\f\r ';
const DELIMITERS = '()<>[]{}/%';
const SPACE = 1;
const DELIMITER = 2;
/** Character classes of the PDF syntax, by char code: SPACE, DELIMITER, else 0 (regular). */
const CLASS = new Uint8Array(256);
for (const c of WHITE) CLASS[c.charCodeAt(0)] = SPACE;
for (const c of DELIMITERS) CLASS[c.charCodeAt(0)] = DELIMITER;

const code = (c: string) => c.charCodeAt(0);
const [PAREN, CLOSE, LT, GT, BRACKET, END_BRACKET, SLASH, PERCENT, BACKSLASH, LF, CR] = Array.from(
  '()<>[]/%\\\n\r',
  code,
);

/** The operators that show text. */
export const TEXT_SHOW: ReadonlySet<string> = new Set(['Tj', 'TJ', "'", '"']);

/** An operator of a content stream, and where it and its operands lie. */
export interface Operator {
  /** The operator, as written: `Tj`, `BDC`, `re`… */
  name: string;
  /** Offset of the first operand, or of the operator when it has none. */
  start: number;
  /** Offset of the operator itself, just after its operands. */
  at: number;
  /** Offset just after the operator; for `BI`, after the inline image's closing `EI`. */
  end: number;
}

/**
 * An operand's value: a number, a boolean, null, a name (a string, without its slash), a
 * string's bytes (literal or hex), an array, or a dictionary (keyed by name).
 */
export type Operand = number | boolean | null | string | Uint8Array | Operand[] | OperandDict;

/** A dictionary operand, such as the inline properties of `/Link <</MCID 3>> BDC`. */
export type OperandDict = Map<string, Operand>;

/** Characters as they stand inside a regular expression's character class. */
const inClass = (chars: string) => chars.replace(/[\\\]^-]/g, '\\$&');
/** A regular character: neither white space nor a delimiter. */
const R = `[^${inClass(WHITE + DELIMITERS)}]`;
/** White space, and comments up to the end of their line. */
const SPACES = `(?:[${inClass(WHITE)}]|%[^\\r\\n]*(?![^\\r\\n]))*`;
/**
 * An operand token as tokenEnd reads it, written so that it can be matched in one way only
 * (no backtracking into a shorter number or name): a number, a name, `<<`, a hex string,
 * `>>`, a one-character delimiter, a literal string without nested parentheses, a keyword.
 */
const OPERAND = `(?:[-+.0-9]${R}*(?!${R})|/${R}*(?!${R})|<<|<(?!<)[^>]*>|>>|>(?!>)|[[\\]{})]|\\((?:[^()\\\\]|\\\\[^])*\\)|(?:true|false|null)(?!${R}))`;
/** The bare word of an operator: not a number, not a keyword. */
const OPERATOR = `(?!(?:true|false|null)(?!${R}))[^${inClass(WHITE + DELIMITERS)}0-9+\\-.]${R}*(?!${R})`;
/**
 * An operator with its operands and the space after it, in one match. Chromium's streams
 * are mostly numbers and one-letter path operators (an SVG figure printed as vectors): one
 * match per operator keeps the work in the regular expression engine, where a loop over each
 * character would run interpreted until V8 compiles it, the first page of each PDF.
 */
const RUN = new RegExp(`((?:${OPERAND}${SPACES})*)(${OPERATOR})${SPACES}`, 'y');

/** Splits a content stream into its operators, each with the range its operands take. */
export function operators(s: string): Operator[] {
  const ops: Operator[] = [];
  let i = skipSpace(s, 0);
  while (i < s.length) {
    const start = i;
    RUN.lastIndex = i;
    const run = RUN.exec(s);
    let at: number;
    let name: string;
    if (run) {
      at = i + (run[1] as string).length;
      name = run[2] as string;
      i = RUN.lastIndex;
    } else {
      // What the expression does not read (a string with nested parentheses, a hex string
      // left open, operands with no operator after them) is read token by token.
      const next = nextOperator(s, i);
      if (!next) break;
      ({ at, name } = next);
      i = skipSpace(s, at + name.length);
    }
    let end = at + name.length;
    if (name === 'BI') {
      end = inlineImageEnd(s, end);
      i = skipSpace(s, end);
    }
    ops.push({ name, start, at, end });
  }
  return ops;
}

/** The next operator from `i`, read token by token; undefined if none is left. */
function nextOperator(s: string, from: number): { at: number; name: string } | undefined {
  let i = from;
  while (i < s.length) {
    const end = tokenEnd(s, i);
    const name = operatorAt(s, i, end);
    if (name !== undefined) return { at: i, name };
    i = skipSpace(s, end);
  }
  return undefined;
}

/** An array or dictionary being read: its items so far (a dictionary's keys and values in turn). */
interface Open {
  items: Operand[];
  dict: boolean;
}

/** The values of an operator's operands, read from the range `operators` found for them. */
export function operands(s: string, op: Operator): Operand[] {
  // The operands themselves, then each array or dictionary still open, innermost last.
  const open: Open[] = [{ items: [], dict: false }];
  let i = skipSpace(s, op.start);
  while (i < op.at) {
    const end = tokenEnd(s, i);
    const c = s.charCodeAt(i);
    const pair = s.charCodeAt(i + 1) === c;
    if (c === BRACKET) open.push({ items: [], dict: false });
    else if (c === LT && pair) open.push({ items: [], dict: true });
    else if ((c === END_BRACKET || (c === GT && pair)) && open.length > 1) close(open);
    else {
      const value = operandAt(s, i, end);
      if (value !== undefined) (open.at(-1) as Open).items.push(value);
    }
    i = skipSpace(s, end);
  }
  // An array or dictionary left open ends with the operands.
  while (open.length > 1) close(open);
  return (open[0] as Open).items;
}

/** Ends the innermost open array or dictionary: it becomes an item of the one around it. */
function close(open: Open[]): void {
  const { items, dict } = open.pop() as Open;
  (open.at(-1) as Open).items.push(dict ? dictOf(items) : items);
}

/** Where the whitespace and comments from `from` end: the next token, or the end of `s`. */
function skipSpace(s: string, from: number): number {
  let i = from;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (CLASS[c] === SPACE) i++;
    else if (c === PERCENT) {
      while (i < n && s.charCodeAt(i) !== LF && s.charCodeAt(i) !== CR) i++;
    } else break;
  }
  return i;
}

/**
 * Where the token at `i` ends: a literal or hex string, a name, `<<` or `>>`, a single
 * delimiter, or a bare word (a number, a boolean, null or an operator).
 */
function tokenEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  // Numbers and operators, the commonest tokens, first.
  if (CLASS[c] === 0) return wordEnd(s, i);
  if (c === PAREN) return literalEnd(s, i);
  if (c === LT) return s.charCodeAt(i + 1) === LT ? i + 2 : s.indexOf('>', i) + 1 || s.length;
  if (c === GT) return s.charCodeAt(i + 1) === GT ? i + 2 : i + 1;
  if (c === SLASH) return wordEnd(s, i + 1);
  return i + 1;
}

/** Where the regular characters starting at `from` end. */
function wordEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && CLASS[s.charCodeAt(i)] === 0) i++;
  return i;
}

/** Where the literal string opening at `open` ends, after its balancing parenthesis. */
function literalEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === PAREN) depth++;
    else if (c === CLOSE && --depth === 0) return i + 1;
  }
  return s.length;
}

/** Inline image data is binary: it ends at the `EI` that follows whitespace after `ID`. */
function inlineImageEnd(s: string, from: number): number {
  const data = s.indexOf('ID', from);
  const end = /\sEI(?=[\s]|$)/g;
  end.lastIndex = data < 0 ? from : data + 3;
  const match = end.exec(s);
  return match ? match.index + match[0].length : s.length;
}

/** The operator the token from `i` to `end` is; undefined for an operand. */
function operatorAt(s: string, i: number, end: number): string | undefined {
  const c = s.charCodeAt(i);
  // Numbers, and anything starting with a delimiter, are operands.
  if (CLASS[c] !== 0 || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return undefined;
  const word = s.slice(i, end);
  return word === 'true' || word === 'false' || word === 'null' ? undefined : word;
}

/** The value of the operand token from `i` to `end`; undefined for stray delimiters. */
function operandAt(s: string, i: number, end: number): Operand | undefined {
  const c = s.charCodeAt(i);
  if (c === PAREN) return literal(s, i);
  if (c === LT) return hexBytes(s.slice(i + 1, s.charCodeAt(end - 1) === GT ? end - 1 : end));
  if (c === SLASH) return nameOf(s.slice(i + 1, end));
  if (CLASS[c] === DELIMITER) return undefined;
  const word = s.slice(i, end);
  if (word === 'true' || word === 'false') return word === 'true';
  return word === 'null' ? null : Number(word);
}

/** A dictionary from its keys and values in turn; entries whose key is no name are dropped. */
function dictOf(items: Operand[]): OperandDict {
  const dict: OperandDict = new Map();
  for (let k = 0; k + 1 < items.length; k += 2) {
    const key = items[k];
    if (typeof key === 'string') dict.set(key, items[k + 1] as Operand);
  }
  return dict;
}

/** A name's characters, `#xx` codes decoded. */
function nameOf(raw: string): string {
  return raw.includes('#')
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
    : raw;
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };

/** A literal string's bytes: escapes decoded, balanced parentheses kept. */
function literal(s: string, open: number): Uint8Array {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const next = s[++i] ?? '';
      const octal = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
      if (octal) {
        bytes.push(Number.parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next === '\r' || next === '\n') {
        // A backslash at the end of a line continues the string on the next.
        if (next === '\r' && s[i + 1] === '\n') i++;
      } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      continue;
    }
    if (c === '(' && depth++ === 0) continue;
    if (c === ')' && --depth === 0) break;
    bytes.push(c.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}

/** A hex string's bytes; whitespace is skipped and a missing last digit taken as 0. */
function hexBytes(hex: string): Uint8Array {
  const digits = hex.replace(/[^0-9A-Fa-f]/g, '');
  const even = digits.length % 2 ? `${digits}0` : digits;
  return Uint8Array.from(Buffer.from(even, 'hex'));
}
