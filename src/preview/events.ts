/** What the preview tells its caller (the CLI prints these; tests and other callers may not). */
import type { Problem } from './problems.js';

export type PreviewEvent =
  /** A build succeeded; `langs` are the editions it had to render again. */
  | { type: 'built'; langs: string[]; ms: number; first: boolean; recovered: boolean }
  /** A build found warnings it still served the editions with. */
  | { type: 'warnings'; problems: Problem[] }
  /** A build failed; the open pages now show these problems. */
  | { type: 'broken'; problems: Problem[]; ms: number }
  | { type: 'printed'; lang: string; ms: number }
  | { type: 'print-failed'; lang: string; problems: Problem[] }
  /** Something that is not the user's mistake; the preview keeps running. */
  | { type: 'bug'; error: unknown };
