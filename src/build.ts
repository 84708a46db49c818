/**
 * The pipeline, top to bottom: load the article, check it, render every edition asked
 * for into memory, then write them. Nothing is written unless the checks pass.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Article } from './article/load.js';
import type { FoundBrowser } from './browser/find-browser.js';
import { BrowserSession } from './browser/session.js';
import { type Finding, formatFinding } from './check/findings.js';
import { applySilences, type ConfigSilences } from './check/silence.js';
import { applyRuleSettings, type RuleSettings } from './config/rules.js';
import { UserError } from './errors.js';
import { ensureWritable, lockOutput, makeFolders, writeAtomic } from './output.js';
import type { RenderContext } from './render/context.js';
import { FORMATS, type Format, planTargets, type Target } from './render/model.js';
import type { Paper } from './render/paper.js';
import { sourceDateEpoch } from './source-date.js';
import { VERSION } from './version.js';

export interface BuildOptions {
  articleDir: string;
  outDir: string;
  langs?: string[];
  formats?: Format[];
  templatesDir?: string;
  browser?: string;
  paper?: Paper;
  /** Milliseconds for each browser operation. */
  timeout?: number;
  strict?: boolean;
  /** Severities the configuration file gives check rules (config/rules.ts). */
  rules?: RuleSettings;
  /** Findings the configuration file's `silence:` answers for (check/silence.ts). */
  silence?: ConfigSilences;
  /** Called when an edition is written or fails. */
  onEdition?: (result: EditionResult) => void;
  /** Called once the editions to build are known, before any is rendered. */
  onPlan?: (targets: Target[]) => void;
  signal?: AbortSignal;
}

export interface EditionResult {
  lang: string;
  format: Format;
  path: string;
  ok: boolean;
  bytes?: number;
  sha256?: string;
  ms: number;
  error?: UserError;
}

export interface BuildResult {
  editions: EditionResult[];
  findings: Finding[];
  ms: number;
  /** The browser that printed the PDFs, and how it was found; absent when none was started. */
  browser?: FoundBrowser;
}

export async function buildArticle(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const formats = options.formats ?? FORMATS;
  const epoch = sourceDateEpoch();
  // One browser for all the PDFs, started first so that it boots while the modules load
  // and the article is read and checked, and closed whatever happens.
  const browser = new BrowserSession({
    executablePath: options.browser,
    timeout: options.timeout ?? 60_000,
  });
  if (formats.includes('pdf')) await browser.prelaunch();
  const abort = () => void browser.close();
  options.signal?.addEventListener('abort', abort, { once: true });
  let releaseLock: (() => Promise<void>) | undefined;
  try {
    // 1. Load: the article, its images, the templates and fonts. The modules that do it
    // are loaded only now, once Chromium is already starting in parallel.
    const [{ loadArticle }, { checkArticle, hasErrors }, { loadTemplates }, { loadFontFaces }] =
      await Promise.all([
        import('./article/load.js'),
        import('./check/index.js'),
        import('./render/templates.js'),
        import('./render/fonts.js'),
      ]);
    const [article, templates, fonts] = await Promise.all([
      loadArticle(options.articleDir),
      loadTemplates(options.templatesDir),
      loadFontFaces(),
    ]);
    // 2. Check: stop before anything is written.
    const findings = applyRuleSettings(
      applySilences(checkArticle(article, templates.labelStatus), article.editions, options.silence)
        .findings,
      options.rules,
    );
    if (hasErrors(findings, options.strict ?? false)) throw checkFailure(findings);
    // 3. Plan the editions and make sure they can be written.
    const langs = selectLangs(article, options.langs);
    const targets = planTargets(article, options.outDir, langs, formats);
    options.onPlan?.(targets);
    browser.plan(targets.filter((t) => t.format === 'pdf').length);
    await ensureWritable(options.outDir);
    await makeFolders(targets.map((t) => path.dirname(t.path)));
    releaseLock = await lockOutput(options.outDir);
    const ctx: RenderContext = {
      article,
      templates,
      fonts,
      outDir: options.outDir,
      version: VERSION,
      sourceDateEpoch: epoch,
      paper: options.paper,
    };
    // 4. Render each edition in memory and write it atomically.
    const editions = await produceAll(targets, ctx, browser, options);
    return {
      editions,
      findings,
      ms: performance.now() - started,
      ...(browser.browserUsed ? { browser: browser.browserUsed } : {}),
    };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await releaseLock?.();
    await browser.close();
  }
}

/**
 * The PDFs go first: once Chromium has their pages, the HTML and EPUB editions use the
 * CPU while it prints. Results come back in the order of the targets.
 */
async function produceAll(
  targets: Target[],
  ctx: RenderContext,
  browser: BrowserSession,
  options: BuildOptions,
): Promise<EditionResult[]> {
  const pdfs = targets.filter((t) => t.format === 'pdf');
  const printing = pdfs.map((target) => produce(target, ctx, browser, options));
  await Promise.race([browser.pagesBusy(pdfs.length), Promise.allSettled(printing)]);
  const rest = targets
    .filter((t) => t.format !== 'pdf')
    .map((target) => produce(target, ctx, browser, options));
  // Every edition settles before the caller goes on to release the lock: one failing in an
  // unexpected way must not leave the others writing into an unlocked folder.
  const settled = await Promise.allSettled([...printing, ...rest]);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  const done = settled.map((s) => (s as PromiseFulfilledResult<EditionResult>).value);
  return targets.map((t) => done.find((e) => e.path === t.path) as EditionResult);
}

async function produce(
  target: Target,
  ctx: RenderContext,
  browser: BrowserSession,
  options: BuildOptions,
): Promise<EditionResult> {
  const started = performance.now();
  const base = { lang: target.lang, format: target.format, path: target.path };
  try {
    const edition = ctx.article.editions.find((e) => e.lang === target.lang);
    if (!edition) throw new Error(`no edition for ${target.lang}`);
    const data = await renderEdition(target.format, ctx, edition, browser);
    options.signal?.throwIfAborted();
    await writeAtomic(target.path, data);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const result: EditionResult = {
      ...base,
      ok: true,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      ms: performance.now() - started,
    };
    options.onEdition?.(result);
    return result;
  } catch (error) {
    if (!(error instanceof UserError) || options.signal?.aborted) throw error;
    const result: EditionResult = { ...base, ok: false, ms: performance.now() - started, error };
    options.onEdition?.(result);
    return result;
  }
}

async function renderEdition(
  format: Format,
  ctx: RenderContext,
  edition: Article['editions'][number],
  browser: BrowserSession,
): Promise<Uint8Array | string> {
  switch (format) {
    case 'html':
      return (await import('./render/html.js')).renderHtml(ctx, edition);
    case 'epub':
      return (await import('./render/epub.js')).renderEpub(ctx, edition);
    case 'pdf':
      return (await import('./render/pdf/print.js')).renderPdf(ctx, edition, browser);
  }
}

function selectLangs(article: Article, langs: string[] | undefined): string[] {
  const available = article.editions.map((e) => e.lang);
  if (!langs || langs.length === 0) return available;
  const missing = langs.filter((l) => !available.includes(l));
  if (missing.length > 0) {
    throw new UserError(`the article has no ${missing.join(', ')} edition`, {
      location: { file: path.relative(process.cwd(), article.dir) || '.' },
      hint: `its languages are ${available.join(', ')}; add ${missing[0]}.md or change --lang`,
      exitCode: 2,
    });
  }
  return langs;
}

/**
 * The error a build stops on when the checks fail. Its message lists the findings for a
 * person; `findings` keeps them as data (the CLI's JSON report and annotations) and
 * `summary` is the message's first line.
 */
function checkFailure(findings: Finding[]): UserError & { findings: Finding[]; summary: string } {
  const errors = findings.filter((f) => f.severity === 'error');
  const shown = (errors.length > 0 ? errors : findings).map(formatFinding).join('\n');
  const summary = `the article has ${errors.length || findings.length} problem(s); nothing was written`;
  const error = new UserError(`${summary}:\n${shown}`, {
    hint: 'fix the problems above, then build again ("build-article check" lists them without building)',
  });
  return Object.assign(error, { findings, summary });
}
