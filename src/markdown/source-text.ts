/**
 * Where inline things are in a Markdown file. markdown-it maps only blocks to lines, so
 * images, footnote references and raw tags are found by searching the block's source,
 * in order, for the text that starts them ("![", "[^", "<span").
 */

export interface Position {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column, counted in characters (code points). */
  column: number;
}

export class SourceText {
  private readonly lines: string[];

  /** `lineOffset`: how many lines of the file precede `markdown` (the front matter). */
  constructor(
    markdown: string,
    private readonly lineOffset: number,
  ) {
    this.lines = markdown.split('\n');
  }

  /** A cursor over one block, `map` = [first line, line after the last] as markdown-it gives. */
  cursor(map: [number, number]): Cursor {
    const end = Math.max(map[1], map[0] + 1);
    return new Cursor(this.lines.slice(map[0], end).join('\n'), this.lineOffset + map[0] + 1);
  }
}

/** Moves forward only, so a block with many tags is searched in linear time. */
export class Cursor {
  private readonly haystack: string;
  private offset = 0;
  private line: number;
  private column = 1;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
    const lower = text.toLowerCase();
    // Lower-casing can change a string's length (e.g. "İ"); then search case-sensitively.
    this.haystack = lower.length === text.length ? lower : text;
  }

  /**
   * The position of the next `needle` (ignoring case) at or after the cursor; the cursor
   * moves past it. If it is not found, the cursor's current position.
   */
  next(needle: string): Position {
    return this.find(needle) ?? { line: this.line, column: this.column };
  }

  /** Like next(), but undefined (and the cursor unmoved) when `needle` is not ahead. */
  find(needle: string): Position | undefined {
    const found = needle === '' ? -1 : this.haystack.indexOf(needle.toLowerCase(), this.offset);
    if (found < 0) return undefined;
    this.advanceTo(found);
    const at = { line: this.line, column: this.column };
    this.advanceTo(found + needle.length);
    return at;
  }

  /** A cursor over the same text at the same place, which moves on its own. */
  copy(): Cursor {
    return Object.assign(Object.create(Cursor.prototype) as Cursor, this);
  }

  /** The position of the next `needle`, like next(), without moving the cursor. */
  peek(needle: string): Position {
    const { offset, line, column } = this;
    const at = this.next(needle);
    Object.assign(this, { offset, line, column });
    return at;
  }

  private advanceTo(target: number): void {
    const passed = this.text.slice(this.offset, target);
    const lastBreak = passed.lastIndexOf('\n');
    if (lastBreak >= 0) {
      for (const ch of passed) if (ch === '\n') this.line += 1;
      this.column = 1 + countCodePoints(passed.slice(lastBreak + 1));
    } else {
      this.column += countCodePoints(passed);
    }
    this.offset = target;
  }
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) count += 1;
  }
  return count;
}
