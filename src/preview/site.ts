/**
 * What the preview serves: the last build of the article, rebuilt after each change (one
 * build at a time; changes that arrive meanwhile are merged into the next one), and the
 * version map that open pages compare themselves with to know when to reload.
 */
import path from 'node:path';
import type { ParseCache } from '../article/edition-file.js';
import { loadArticle } from '../article/load.js';
import { BrowserSession } from '../browser/session.js';
import { checkArticle } from '../check/index.js';
import { applySilences, type ConfigSilences } from '../check/silence.js';
import { applyRuleSettings, type RuleSettings } from '../config/rules.js';
import { UserError } from '../errors.js';
import type { RenderContext } from '../render/context.js';
import { type FontFace, loadFontFaces } from '../render/fonts.js';
import type { Paper } from '../render/paper.js';
import { loadTemplates, type Templates } from '../render/templates.js';
import { VERSION } from '../version.js';
import type { PreviewEvent } from './events.js';
import {
  type Edition,
  errorToken,
  finishedPdfOf,
  type Output,
  printPdfOf,
  renderEpubOf,
  renderHtmlOf,
  SerialQueue,
} from './outputs.js';
import { PageHistory } from './page-history.js';
import type { Patch } from './patch.js';
import { PrintViews } from './print-views.js';
import { fromError, fromFinding, type Problem } from './problems.js';
import { digest, sourceKey } from './source-key.js';

export interface SiteOptions {
  articleDir: string;
  templatesDir: string | undefined;
  rules?: RuleSettings;
  silence?: ConfigSilences;
  browser: string | undefined;
  paper: Paper | undefined;
  /** Milliseconds for any browser operation. */
  timeout: number;
  sourceDateEpoch: number | undefined;
  onEvent: (event: PreviewEvent) => void;
  /** Called whenever the version map may have changed. */
  onVersions: () => void;
}

/**
 * View -> the version its page must show: "html:en", "print:en", "index"; "*" for any
 * other view. null: being rendered, wait.
 */
export type Versions = Record<string, string | null>;

export type SiteState =
  | { ok: true; editions: Map<string, Edition>; warnings: Problem[]; token: string }
  | { ok: false; problems: Problem[]; token: string };

/** Version of a view of a language the article does not have. */
export const MISSING = 'missing';
/** Version of a print view nobody has asked for since the preview started: render it. */
const COLD = 'cold';
/**
 * After a save, an open print view's PDF waits this long at most for a reading view to ask
 * for its update (before its HTML is rendered) and to show it (before Chromium lays it out;
 * the page says so once the update is in its document): both compete for the CPU, and the
 * reading view is the one expected within 200 ms.
 */
const READERS_FIRST_MS = 200;
/** Editions link to each other by relative paths, so any output folder gives the same HTML. */
const OUT_DIR = path.resolve('preview');

export class Site {
  private current: SiteState = { ok: false, problems: [], token: 'starting' };
  private lastGood = new Map<string, Edition>();
  private templates: Templates | undefined;
  private templatesGeneration = 0;
  private fonts: Promise<FontFace[]> | undefined;
  /** Each language file's last parse: a save parses again only the file it changed. */
  private readonly parsed: ParseCache = new Map();
  private pending: { templates: boolean } | undefined;
  private running: Promise<void> | undefined;
  private builds = 0;
  private closed = false;
  private readonly printViews = new PrintViews();
  /**
   * Languages whose reading view was opened, and the PDFs waiting for them: to have asked for
   * their update (the PDF's HTML is rendered then) and to show it (then Chromium lays it out).
   */
  private readonly readers = new Set<string>();
  private readonly waiting = new Map<string, () => void>();
  private readonly asking = new Map<string, () => void>();
  private readonly pdfQueue = new SerialQueue();
  /** Each language's last few pages by version, and the patches asked between them. */
  private readonly pages = new PageHistory();
  private readonly browser: BrowserSession;

  constructor(private readonly options: SiteOptions) {
    this.browser = new BrowserSession({
      executablePath: options.browser,
      timeout: options.timeout,
    });
  }

  get state(): SiteState {
    return this.current;
  }

  /** Queues a build; resolves once a build that saw this change is done. */
  update(change: { templates: boolean }): Promise<void> {
    this.pending = { templates: (this.pending?.templates ?? false) || change.templates };
    this.running ??= this.drain();
    return this.running;
  }

  edition(lang: string): Edition | undefined {
    return this.current.ok ? this.current.editions.get(lang) : undefined;
  }

  /**
   * The current PDF of a language as printed for the print view (untagged); with `finished`,
   * the PDF edition. Undefined if the article has no such edition (now).
   */
  async pdf(lang: string, finished = false): Promise<Output | undefined> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const edition = this.edition(lang);
      if (!edition) return undefined;
      const output = await (finished ? this.finishedOf(edition) : this.pdfOf(edition));
      if (output) return output;
    }
    return undefined;
  }

  async epub(lang: string): Promise<Output | undefined> {
    const edition = this.edition(lang);
    if (!edition) return undefined;
    edition.epub ??= renderEpubOf(edition);
    return edition.epub;
  }

  /** Tab `tab` shows the print view of `lang`: keep its PDF up to date, starting now. */
  printViewOpened(lang: string, tab: string): void {
    if (this.printViews.open(lang, tab)) void this.pdf(lang);
  }

  /** Tab `tab` no longer shows the print view of `lang`. */
  printViewClosed(lang: string, tab: string): void {
    // Nothing prints it after the next save once its last view is gone: its page (all of its
    // pages laid out, in Chromium's memory) is closed; a print view opened again lays it out anew.
    if (this.printViews.close(lang, tab)) this.releasePage(lang);
  }

  /**
   * What changed in the reading view of `lang` since version `since`: the patch that brings
   * that page to the current one, or undefined (then the page itself is served).
   */
  patch(lang: string, since: string): Patch | undefined {
    const edition = this.edition(lang);
    return edition && this.pages.patch(lang, since, edition);
  }

  /** A reading view of `lang` was served: a PDF will wait for it to show each save. */
  served(lang: string): void {
    this.readers.add(lang);
    // Once the reply is on its way.
    const go = this.asking.get(lang);
    if (go) setImmediate(go);
  }

  /** A reading view of `lang` shows its update: a PDF waiting for it may start. */
  shown(lang: string): void {
    this.waiting.get(lang)?.();
  }

  versions(): Versions {
    const state = this.current;
    if (!state.ok) return { '*': state.token };
    const map: Versions = { '*': MISSING, index: state.token };
    for (const edition of state.editions.values()) {
      map[`html:${edition.lang}`] = edition.token;
      map[`print:${edition.lang}`] =
        edition.pdfDone?.token ?? (this.printViews.has(edition.lang) ? null : COLD);
    }
    return map;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending = undefined;
    await this.browser.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending && !this.closed) {
        const change = this.pending;
        this.pending = undefined;
        await this.build(change);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async build(change: { templates: boolean }): Promise<void> {
    const started = performance.now();
    const first = this.builds++ === 0;
    const wasBroken = !this.current.ok;
    try {
      if (change.templates || !this.templates) {
        this.templates = await loadTemplates(this.options.templatesDir);
        this.templatesGeneration += 1;
      }
      this.fonts ??= loadFontFaces();
      const [article, fonts] = await Promise.all([
        loadArticle(this.options.articleDir, this.parsed),
        this.fonts,
      ]);
      const checked = checkArticle(article, this.templates.labelStatus);
      const findings = applyRuleSettings(
        applySilences(checked, article.editions, this.options.silence).findings,
        this.options.rules,
      ).map(fromFinding);
      const errors = findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) return this.fail(errors, started);
      const ctx: RenderContext = {
        article,
        templates: this.templates,
        fonts,
        outDir: OUT_DIR,
        version: VERSION,
        sourceDateEpoch: this.options.sourceDateEpoch,
        paper: this.options.paper,
      };
      const rendered: string[] = [];
      const editions = await Promise.all(
        article.editions.map((source) => {
          const key = sourceKey(article, source, this.templatesGeneration, ctx.sourceDateEpoch);
          const kept = this.lastGood.get(source.lang);
          if (kept?.key === key) return kept;
          rendered.push(source.lang);
          return renderHtmlOf(ctx, source, key);
        }),
      );
      if (this.closed) return;
      this.install(editions, findings);
      const ms = performance.now() - started;
      this.emit({ type: 'built', langs: rendered, ms, first, recovered: wasBroken && !first });
      if (findings.length > 0 && (rendered.length > 0 || wasBroken)) {
        this.emit({ type: 'warnings', problems: findings });
      }
    } catch (error) {
      this.fail([fromError(error)], started);
      if (!(error instanceof UserError)) this.emit({ type: 'bug', error });
    }
  }

  private install(editions: Edition[], warnings: Problem[]): void {
    // A language whose file is gone prints no more: its kept page is closed after its prints.
    for (const lang of this.lastGood.keys()) {
      if (!editions.some((e) => e.lang === lang)) this.releasePage(lang);
    }
    this.lastGood = new Map(editions.map((e) => [e.lang, e]));
    const token = `i${digest(JSON.stringify([editions.map((e) => [e.lang, e.source.meta.title]), warnings]))}`;
    this.current = { ok: true, editions: this.lastGood, warnings, token };
    const before = editions.map((edition) => this.pages.add(edition));
    this.options.onVersions();
    // The open reading views will ask for what changed since the version before: it is
    // worked out while the event reaches them, not once they ask.
    setImmediate(() => {
      editions.forEach((edition, i) => {
        const since = before[i];
        if (since !== undefined) this.pages.patch(edition.lang, since, edition);
      });
    });
    for (const edition of editions) {
      if (!this.printViews.has(edition.lang) || edition.pdf) continue;
      void this.pdfOf(edition, {
        asked: this.readersFirst(edition.lang, this.asking),
        shown: this.readersFirst(edition.lang, this.waiting),
      });
    }
  }

  private fail(problems: Problem[], started: number): void {
    if (this.closed) return;
    this.current = { ok: false, problems, token: errorToken(problems) };
    this.emit({ type: 'broken', problems, ms: performance.now() - started });
    this.options.onVersions();
  }

  /** Resolves when `lang`'s entry in `waiting` is called, or READERS_FIRST_MS later. */
  private readersFirst(lang: string, waiting: Map<string, () => void>): Promise<void> {
    if (!this.readers.has(lang)) return Promise.resolve();
    waiting.get(lang)?.();
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        if (waiting.get(lang) === go) waiting.delete(lang);
        resolve();
      };
      const timer = setTimeout(go, READERS_FIRST_MS);
      waiting.set(lang, go);
    });
  }

  /** Undefined when the edition was replaced before its turn came: ask for the current one. */
  private pdfOf(
    edition: Edition,
    after?: { asked: Promise<void>; shown: Promise<void> },
  ): Promise<Output | undefined> {
    edition.pdf ??= this.pdfQueue.run(edition.lang, async () => {
      await after?.asked;
      if (this.replaced(edition)) {
        edition.pdf = undefined;
        return undefined;
      }
      const output = await printPdfOf(edition, this.browser, after?.shown);
      if (this.closed) return output;
      edition.pdfDone = output;
      if (output.ok) this.emit({ type: 'printed', lang: edition.lang, ms: output.ms });
      else {
        this.emit({ type: 'print-failed', lang: edition.lang, problems: output.problems });
        if (!(output.error instanceof UserError)) this.emit({ type: 'bug', error: output.error });
      }
      this.options.onVersions();
      return output;
    });
    return edition.pdf;
  }

  /** Closes `lang`'s kept page once its prints queued so far are done, unless it is wanted again. */
  private releasePage(lang: string): void {
    void this.pdfQueue.run(lang, async () => {
      if (!this.printViews.has(lang) || !this.edition(lang)) this.browser.release(lang);
    });
  }

  /** The PDF edition, printed (on the same queue as the print view's) and finished. */
  private finishedOf(edition: Edition): Promise<Output | undefined> {
    edition.finished ??= this.pdfQueue.run(edition.lang, async () => {
      if (this.replaced(edition)) {
        edition.finished = undefined;
        return undefined;
      }
      return finishedPdfOf(edition, this.browser, this.printViews.has(edition.lang));
    });
    return edition.finished;
  }

  /** Whether `edition` is no longer the current one of its language (or the preview stopped). */
  private replaced(edition: Edition): boolean {
    return this.closed || this.edition(edition.lang) !== edition;
  }

  private emit(event: PreviewEvent): void {
    this.options.onEvent(event);
  }
}
