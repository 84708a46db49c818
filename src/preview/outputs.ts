/** The PDF and EPUB of one edition, rendered on demand and kept until the edition changes. */
import type { EditionSource } from '../article/load.js';
import type { BrowserSession } from '../browser/session.js';
import type { RenderContext } from '../render/context.js';
import { fromError, type Problem } from './problems.js';
import { digest } from './source-key.js';

export type Output =
  | { ok: true; bytes: Uint8Array; token: string; ms: number }
  | { ok: false; problems: Problem[]; token: string; error: unknown };

/**
 * One language's last build: its HTML at once, its PDF and EPUB when first asked for. The
 * print view shows the PDF printed without its tags (the same pages, printed sooner); the
 * PDF edition is printed with them and finished only when it is downloaded.
 */
export interface Edition {
  lang: string;
  source: EditionSource;
  ctx: RenderContext;
  key: string;
  html: string;
  /** Changes exactly when the HTML does: what an open page compares itself with. */
  token: string;
  /** The PDF as printed without its tags, for the print view. */
  pdf?: Promise<Output | undefined>;
  /** The printed PDF once it is ready, for the version map. */
  pdfDone?: Output;
  /** The PDF edition, printed with its tags and finished. */
  finished?: Promise<Output | undefined>;
  epub?: Promise<Output>;
}

export function errorToken(problems: Problem[]): string {
  return `e${digest(JSON.stringify(problems))}`;
}

export async function renderHtmlOf(
  ctx: RenderContext,
  source: EditionSource,
  key: string,
): Promise<Edition> {
  const { renderReadingView } = await import('./reading-view.js');
  const html = await renderReadingView(ctx, source);
  return { lang: source.lang, source, ctx, key, html, token: `h${digest(html)}` };
}

/**
 * The pages of the PDF edition, printed on the language's kept page, without tags. Its HTML
 * is rendered at once; Chromium lays it out once `turn` comes.
 */
export async function printPdfOf(
  edition: Edition,
  browser: BrowserSession,
  turn?: Promise<void>,
): Promise<Output> {
  return produce('p', async () => {
    const { printPdf } = await import('../render/pdf/print.js');
    const printed = await printPdf(edition.ctx, edition.source, browser, {
      keepPage: true,
      tagged: false,
      turn,
    });
    return printed.bytes;
  });
}

/**
 * The PDF edition, as a build writes it: printed with its tags, then finished; on the
 * language's kept page with `keepPage` (a print view of it is open).
 */
export async function finishedPdfOf(
  edition: Edition,
  browser: BrowserSession,
  keepPage: boolean,
): Promise<Output> {
  return produce('f', async () => {
    const { printPdf, finishPrinted } = await import('../render/pdf/print.js');
    const options = { keepPage, tagged: true };
    return finishPrinted(await printPdf(edition.ctx, edition.source, browser, options));
  });
}

export async function renderEpubOf(edition: Edition): Promise<Output> {
  return produce('b', async () => {
    const { renderEpub } = await import('../render/epub.js');
    return renderEpub(edition.ctx, edition.source);
  });
}

async function produce(prefix: string, render: () => Promise<Uint8Array>): Promise<Output> {
  const started = performance.now();
  try {
    const bytes = await render();
    return { ok: true, bytes, token: `${prefix}${digest(bytes)}`, ms: performance.now() - started };
  } catch (error) {
    const problems = [fromError(error)];
    return { ok: false, problems, token: errorToken(problems), error };
  }
}

/** Runs jobs one after another per key: two PDFs of one language never race. */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(job, job);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
