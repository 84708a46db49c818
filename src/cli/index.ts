/** argv -> options -> the public API -> an exit code. No work of its own. */
import { Command, CommanderError, Option } from 'commander';
import { killBrowsersNow } from '../browser/session.js';
import type { BuildResult } from '../build.js';
import { EXIT, UserError } from '../errors.js';
import { removeLocksNow } from '../output.js';
import { VERSION } from '../version.js';
import { createReporter, type Reporter } from './reporter.js';

const EXAMPLES = `
Examples:
  $ build-article                          build ./article into ./dist
  $ build-article my-essay -o public       build my-essay/ into public/<lang>/
  $ build-article -l it -f pdf             only the Italian PDF
  $ build-article --templates my-templates use your own templates (falling back to the defaults)
  $ build-article check --strict           check the article; warnings count as errors
  $ build-article --json > report.json     machine-readable report on stdout

Exit codes: 0 success, 1 a problem with the article or the build, 2 a usage error,
129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM.`;

export async function run(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('build-article')
    .description('Publish a Markdown essay as HTML, PDF and EPUB editions, one per language.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run build-article --help for usage)')
    .addHelpText('after', EXAMPLES);

  const build = program
    .command('build [article-dir]', { isDefault: true })
    .description('build the editions of an article folder (the default command)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('-l, --lang <list>', 'languages to build, e.g. "en,it" (default: all)')
    .option('-f, --format <list>', 'formats to build: html,pdf,epub (default: all)')
    .option('--strict', 'treat check warnings as errors')
    .option('--json', 'print a JSON report on stdout')
    .option('-q, --quiet', 'print only problems')
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      exitCode = await buildCommand(dir ?? 'article', raw);
    });

  program
    .command('check [article-dir]')
    .description('run every check on an article and write nothing')
    .option('--strict', 'treat warnings as errors')
    .option('--json', 'print the findings as JSON on stdout')
    .option('--check-links', "also ask every web link's server whether it answers (network)")
    .action(async (dir: string | undefined, raw: CheckFlags) => {
      exitCode = await checkCommand(dir ?? 'article', raw);
    });

  const preview = program
    .command('preview [article-dir]')
    .description('serve the article on 127.0.0.1 and reload the page on every save')
    .option('-p, --port <port>', 'port to listen on', '4173')
    .option('--open', 'open the preview in your browser')
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      const { previewCommand } = await import('./preview.js');
      exitCode = await previewCommand(dir ?? 'article', raw);
    });

  for (const command of [build, preview]) renderingOptions(command);

  // Node would end a command still waiting on something that can never happen (a bug)
  // silently, with exit code 13, once nothing is left to do: say so instead.
  const stalled = () => {
    process.stderr.write(
      'build-article crashed; this is a bug, please report it: the command stopped waiting for an operation that never finished\n',
    );
    process.exitCode = EXIT.failure;
  };
  process.once('beforeExit', stalled);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  } finally {
    process.off('beforeExit', stalled);
  }
}

/** The options of every command that renders editions: templates and the browser. */
function renderingOptions(command: Command): void {
  command
    .option('--templates <dir>', 'a folder whose templates override the defaults')
    .option('--browser <path>', 'the Chrome/Chromium that prints the PDF')
    .addOption(
      new Option(
        '--paper <size>',
        "PDF paper size: a4, a5, letter or 6x9in (default: the templates' @page size, else a4)",
      ),
    )
    .option('--timeout <seconds>', 'give up on a browser operation after this long', '60');
}

async function buildCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const reporter = createReporter(process.stderr, raw.quiet === true);
  const controller = new AbortController();
  // Interrupted: kill the browser, remove the lock, and leave now (edition files are renamed into place whole, so none is half written).
  const onSignal = (code: number) => () => {
    controller.abort();
    killBrowsersNow();
    removeLocksNow();
    process.exit(code);
  };
  const onInt = onSignal(EXIT.sigint);
  const onTerm = onSignal(EXIT.sigterm);
  // A closed terminal (SIGHUP) cleans up like Ctrl-C: no lock or browser profile left.
  const onHup = onSignal(EXIT.sighup);
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  process.once('SIGHUP', onHup);
  try {
    // Loaded here, not at start-up, so that --help and --version stay instant.
    const [{ parseBuildFlags }, { buildArticle }] = await Promise.all([
      import('./options.js'),
      import('../build.js'),
    ]);
    const flags = parseBuildFlags(raw);
    let done = 0;
    let total = 0;
    const result = await buildArticle({
      articleDir: dir,
      outDir: flags.out,
      langs: flags.langs,
      formats: flags.formats,
      templatesDir: flags.templates,
      browser: flags.browser,
      paper: flags.paper,
      timeout: flags.timeoutMs,
      strict: flags.strict,
      signal: controller.signal,
      onPlan: (targets) => {
        total = targets.length;
        reporter.progress(0, total);
      },
      onEdition: (edition) => {
        reporter.edition(edition);
        reporter.progress(++done, total);
      },
    });
    reporter.done();
    reporter.findings(result.findings);
    const ok = result.editions.every((e) => e.ok);
    if (flags.json) process.stdout.write(`${JSON.stringify(report(result, ok), null, 2)}\n`);
    return ok ? EXIT.ok : EXIT.failure;
  } catch (error) {
    return fail(error, reporter, raw.json === true);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
  }
}

interface CheckFlags {
  strict?: boolean;
  json?: boolean;
  checkLinks?: boolean;
}

async function checkCommand(dir: string, raw: CheckFlags): Promise<number> {
  const reporter = createReporter();
  try {
    const [{ loadArticle }, { checkArticle, hasErrors }] = await Promise.all([
      import('../article/load.js'),
      import('../check/index.js'),
    ]);
    const article = await loadArticle(dir);
    let findings = checkArticle(article);
    if (raw.checkLinks) {
      const { withExternalLinks } = await import('../check/external-links.js');
      findings = await withExternalLinks(findings, article.editions);
    }
    if (raw.json)
      process.stdout.write(`${JSON.stringify({ version: VERSION, findings }, null, 2)}\n`);
    else reporter.findings(findings);
    return hasErrors(findings, raw.strict ?? false) ? EXIT.failure : EXIT.ok;
  } catch (error) {
    return fail(error, reporter, raw.json === true);
  }
}

function fail(error: unknown, reporter: Reporter, json: boolean): number {
  reporter.done();
  if (error instanceof UserError) {
    reporter.error(error);
    if (json) {
      const { message, hint, location } = error;
      process.stdout.write(
        `${JSON.stringify({ version: VERSION, ok: false, error: { message, hint, ...location } }, null, 2)}\n`,
      );
    }
    return error.exitCode;
  }
  reporter.bug(error);
  // --json promises a report on stdout whatever happens, a bug included.
  if (json) {
    const message = `build-article crashed: ${String((error as Error)?.message ?? error)}`;
    process.stdout.write(
      `${JSON.stringify({ version: VERSION, ok: false, error: { message, bug: true } }, null, 2)}\n`,
    );
  }
  return EXIT.failure;
}

function report(result: BuildResult, ok: boolean) {
  return {
    version: VERSION,
    ok,
    ms: Math.round(result.ms),
    editions: result.editions.map((e) => ({
      lang: e.lang,
      format: e.format,
      path: e.path,
      ok: e.ok,
      bytes: e.bytes,
      sha256: e.sha256,
      ms: Math.round(e.ms),
      ...(e.error ? { error: { message: e.error.message, hint: e.error.hint } } : {}),
    })),
    findings: result.findings,
    ...(result.browser ? { browser: result.browser } : {}),
  };
}
