/** argv -> options -> the public API -> an exit code. No work of its own. */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { VERSION } from '../version.js';
import { buildCommand, checkCommand, fail, requestedOutput } from './commands.js';
import { errorAnnotation, errorReport, writeAnnotations, writeJson } from './machine.js';
import type { ReporterName } from './options.js';
import { createReporter } from './reporter.js';

const EXAMPLES = `
Examples:
  $ build-article init                     start an article in ./article (English)
  $ build-article init essay --lang en,it  start one in ./essay, in English and Italian
  $ build-article                          build ./article (or ./en.md…) into ./dist
  $ build-article my-essay -o public       build my-essay/ into public/<lang>/
  $ build-article -l it -f pdf             only the Italian PDF
  $ build-article --templates my-templates use your own templates (falling back to the defaults)
  $ build-article --config ci.yaml         options from ci.yaml, not the build-article.config.* found
  $ build-article check --strict           check the article; warnings count as errors
  $ build-article --json > report.json     machine-readable report on stdout
  $ build-article --reporter github        findings as annotations in GitHub Actions

Exit codes: 0 success, 1 a problem with the article or the build, 2 a usage error,
129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM.`;

/** The names a mistyped first argument is compared with ("chek" -> "check"). */
const COMMAND_NAMES = ['build', 'check', 'preview', 'init', 'help'] as const;

const REPORTER_HELP = 'what stdout carries: text, json or github (annotations for GitHub Actions)';

export async function run(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = defineProgram((code) => {
    exitCode = code;
  });

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
      if (error.exitCode === 0) return EXIT.ok;
      reportUsageError(error, outputInArgv(argv.slice(2)));
      return EXIT.usage;
    }
    throw error;
  } finally {
    process.off('beforeExit', stalled);
  }
}

/** The commands and their options; `setExit` receives each command's exit code. */
function defineProgram(setExit: (code: number) => void): Command {
  const program = new Command('build-article')
    .description('Publish a Markdown essay as HTML, PDF and EPUB editions, one per language.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run build-article --help for usage)');

  const build = program
    .command('build [article-dir]', { isDefault: true })
    .description('build the editions of an article folder (the default command)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('-l, --lang <list>', 'languages to build, e.g. "en,it" (default: all)')
    .option('-f, --format <list>', 'formats to build: html,pdf,epub (default: all)')
    .option('--strict', 'treat check warnings as errors')
    .option('--json', 'print a JSON report on stdout (same as --reporter json)')
    .option('--reporter <name>', REPORTER_HELP)
    .option('-q, --quiet', 'print only problems')
    .action(async (dir: string | undefined, raw: Record<string, unknown>, cmd: Command) => {
      setExit(await withArticle(dir, raw, cmd, buildCommand, 'build', true));
    });

  const check = program
    .command('check [article-dir]')
    .description('run every check on an article and write nothing')
    .option('--strict', 'treat warnings as errors')
    .option('--json', 'print the findings as JSON on stdout (same as --reporter json)')
    .option('--reporter <name>', REPORTER_HELP)
    .option('--check-links', "also ask every web link's server whether it answers (network)")
    .option('--templates <dir>', "the templates the article is built with (their labels' words)")
    .action(async (dir: string | undefined, raw: Record<string, unknown>, cmd: Command) => {
      setExit(await withArticle(dir, raw, cmd, checkCommand, 'check'));
    });

  const preview = program
    .command('preview [article-dir]')
    .description('serve the article on 127.0.0.1 and reload the page on every save')
    .option('-p, --port <port>', 'port to listen on', '4173')
    .option('--open', 'open the preview in your browser')
    .action(async (dir: string | undefined, raw: Record<string, unknown>, cmd: Command) => {
      const { previewCommand } = await import('./preview.js');
      setExit(await withArticle(dir, raw, cmd, previewCommand));
    });

  program
    .command('init [dir]')
    .description('start a new article in a folder (default: ./article) that builds as it is')
    .option('-l, --lang <list>', 'its languages, e.g. "en,it" (default: en)')
    .option('--ci', 'also write a GitHub workflow that checks and builds it on every push')
    .action(async (dir: string | undefined, raw: { lang?: string; ci?: boolean }) => {
      const { initCommand } = await import('./init.js');
      setExit(await initCommand(dir, raw));
    });

  for (const command of [build, preview]) renderingOptions(command);
  for (const command of [build, check, preview]) {
    command.option('--config <file>', 'read the configuration from this file, not the one found');
  }
  // The build is the default command: the top-level help lists its options too.
  program.addHelpText('after', () => `${buildOptionsHelp(build)}\n${EXAMPLES}`);
  return program;
}

/**
 * Runs a command on its article folder: the one named, else the one found here, with the
 * options its flags and its configuration file give. A name that is no folder but a
 * command mistyped ("chek") is a usage error that suggests it.
 */
async function withArticle(
  dir: string | undefined,
  raw: Record<string, unknown>,
  cmd: Command,
  command: (folder: string, options: Record<string, unknown>) => Promise<number>,
  flags?: 'build' | 'check',
  /** The default command: its argument may be a command mistyped. */
  takesCommands = false,
): Promise<number> {
  try {
    // Loaded here: finding the article reads language names (Intl), which --help need not.
    const [{ resolveArticleDir }, { mistypedCommand }] = await Promise.all([
      import('./article-dir.js'),
      import('./suggest.js'),
    ]);
    // A usage error in the options comes first, before where the article is.
    if (flags !== undefined) {
      const { parseBuildFlags, parseCheckFlags } = await import('./options.js');
      (flags === 'build' ? parseBuildFlags : parseCheckFlags)(raw);
    }
    const meant = takesCommands ? mistypedCommand(dir, COMMAND_NAMES) : undefined;
    if (meant !== undefined) {
      throw new UserError(`unknown command "${dir}": did you mean "${meant}"?`, {
        hint: `run "build-article ${meant}"; there is no folder "${dir}" to build either (build-article --help lists the commands)`,
        exitCode: EXIT.usage,
      });
    }
    const folder = resolveArticleDir(dir);
    // The configuration file is read only once the flags are known to be sound.
    const { configuredOptions } = await import('../config/apply.js');
    // Every command on an article checks it (the preview too): the rule settings apply.
    return await command(folder, await configuredOptions(folder, raw, cmd, true));
  } catch (error) {
    return fail(error, createReporter(), requestedOutput(raw));
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

/** The build command's options, laid out (and wrapped) as commander lays out its own. */
function buildOptionsHelp(build: Command): string {
  const help = build.createHelp();
  help.prepareContext({ helpWidth: process.stdout.columns || 80 });
  const options = help.visibleOptions(build).filter((o) => o.long !== '--help');
  const width = Math.max(...options.map((o) => help.displayWidth(help.optionTerm(o))));
  const lines = options.map((o) =>
    help.formatItem(help.optionTerm(o), width, help.optionDescription(o), help),
  );
  return `\nBuild options (build-article [article-dir] [options]):\n${lines.join('\n')}`;
}

/** --json or --reporter in argv, read before commander, whose errors come before any action. */
function outputInArgv(args: string[]): ReporterName {
  let output: ReporterName = 'text';
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    const arg = args[i] ?? '';
    const value = arg.startsWith('--reporter=')
      ? arg.slice('--reporter='.length)
      : arg === '--reporter'
        ? (args[i + 1] ?? '')
        : undefined;
    if (arg === '--json') output = 'json';
    else if (value !== undefined && output !== 'json') {
      const name = value.trim().toLowerCase();
      if (name === 'json' || name === 'github') output = name;
    }
  }
  return output;
}

/** Commander has printed the error on stderr; stdout gets it as asked for. */
function reportUsageError(error: CommanderError, output: ReporterName): void {
  // "error: unknown option '--formt'\n(Did you mean --format?)": the suggestion is the hint.
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = rest.join(' ').replace(/^\((.*)\)$/, '$1');
  const message = first;
  const hint = suggestion
    ? `${suggestion.replace(/^Did/, 'did')} (build-article --help lists the options)`
    : 'run build-article --help for usage';
  if (output === 'json') writeJson(errorReport({ message, hint }, { usage: true }));
  if (output === 'github') writeAnnotations([errorAnnotation({ message, hint })]);
}
