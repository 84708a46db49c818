/** `build` and `check`: validated options -> the public API -> what is said, and an exit code. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { killBrowsersNow } from '../browser/session.js';
import type { Finding } from '../check/findings.js';
import type { ConfigSilences } from '../check/silence.js';
import type { RuleSettings } from '../config/rules.js';
import { EXIT, UserError } from '../errors.js';
import { removeLocksNow } from '../output.js';
import {
  buildReport,
  checkReport,
  errorAnnotation,
  errorReport,
  findingAnnotation,
  writeAnnotations,
  writeJson,
} from './machine.js';
import type { ReporterName } from './options.js';
import { createReporter, type Reporter } from './reporter.js';

export async function buildCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
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
  let output = requestedOutput(raw);
  try {
    // Loaded here, not at start-up, so that --help and --version stay instant.
    const [{ parseBuildFlags }, { buildArticle }] = await Promise.all([
      import('./options.js'),
      import('../build.js'),
    ]);
    const flags = parseBuildFlags(raw);
    output = flags.reporter;
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
      rules: raw.rules as RuleSettings | undefined,
      silence: raw.silence as ConfigSilences | undefined,
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
    if (output === 'json') writeJson(buildReport(result, ok));
    if (output === 'github') {
      writeAnnotations([
        ...result.findings.map(findingAnnotation),
        ...result.editions.flatMap((e) =>
          e.error
            ? [
                errorAnnotation({
                  ...e.error,
                  message: `${e.lang} ${e.format}: ${e.error.message}`,
                }),
              ]
            : [],
        ),
      ]);
    }
    return ok ? EXIT.ok : EXIT.failure;
  } catch (error) {
    return fail(error, reporter, output);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
  }
}

export async function checkCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const reporter = createReporter();
  let output = requestedOutput(raw);
  try {
    const [
      { parseCheckFlags },
      { loadArticle },
      { checkArticle, hasErrors },
      { applyRuleSettings },
      { applySilences },
    ] = await Promise.all([
      import('./options.js'),
      import('../article/load.js'),
      import('../check/index.js'),
      import('../config/rules.js'),
      import('../check/silence.js'),
    ]);
    const flags = parseCheckFlags(raw);
    output = flags.reporter;
    const article = await loadArticle(dir);
    // The labels the build would show: a --templates folder's own before the shipped ones.
    if (flags.templates && !statSync(flags.templates, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UserError(`the templates folder "${flags.templates}" does not exist`, {
        hint: 'name the folder your build uses with --templates (or templates: in the configuration)',
        exitCode: EXIT.usage,
      });
    }
    if (flags.templates) {
      const { checkTemplateFiles } = await import('../render/template-files.js');
      await checkTemplateFiles(flags.templates);
    }
    const { labelCatalog, SHIPPED_TEMPLATES } = await import('../render/label-files.js');
    const labels = labelCatalog(
      flags.templates ? [path.resolve(flags.templates), SHIPPED_TEMPLATES] : [SHIPPED_TEMPLATES],
    );
    let findings = checkArticle(article, labels.status);
    if (flags.checkLinks) {
      // The one check that goes to the network: only when asked (external-links.ts).
      const { withExternalLinks } = await import('../check/external-links.js');
      findings = await withExternalLinks(findings, article.editions);
    }
    const silences = raw.silence as ConfigSilences | undefined;
    const { findings: kept, silenced } = applySilences(findings, article.editions, silences);
    findings = applyRuleSettings(kept, raw.rules as RuleSettings | undefined);
    const ok = !hasErrors(findings, flags.strict);
    if (output === 'json') writeJson(checkReport(findings, ok, silenced));
    else {
      reporter.findings(findings);
      reporter.silenced(silenced);
    }
    if (output === 'github') writeAnnotations(findings.map(findingAnnotation));
    return ok ? EXIT.ok : EXIT.failure;
  } catch (error) {
    return fail(error, reporter, output);
  }
}

/**
 * What the user asked stdout to carry, read before the options are validated: a usage
 * error in them is still reported in the format asked for.
 */
export function requestedOutput(raw: Record<string, unknown>): ReporterName {
  if (raw.json === true) return 'json';
  const reporter = typeof raw.reporter === 'string' ? raw.reporter.trim().toLowerCase() : '';
  return reporter === 'github' || reporter === 'json' ? reporter : 'text';
}

/** The findings a build stopped on (see checkFailure in build.ts), when that is what stopped it. */
function findingsOf(error: UserError): Finding[] | undefined {
  const findings = (error as UserError & { findings?: unknown }).findings;
  return Array.isArray(findings) ? (findings as Finding[]) : undefined;
}

export function fail(error: unknown, reporter: Reporter, output: ReporterName): number {
  reporter.done();
  if (error instanceof UserError) {
    reporter.error(error);
    const findings = findingsOf(error);
    const summary = (error as UserError & { summary?: string }).summary ?? error.message;
    const shown = { message: findings ? summary : error.message, hint: error.hint };
    if (output === 'json') {
      writeJson(
        errorReport(
          { ...shown, location: error.location },
          { findings, usage: error.exitCode === EXIT.usage },
        ),
      );
    }
    if (output === 'github') {
      writeAnnotations(
        findings
          ? findings.map(findingAnnotation)
          : [errorAnnotation({ ...shown, location: error.location })],
      );
    }
    return error.exitCode;
  }
  reporter.bug(error);
  // --json promises a report on stdout whatever happens, a bug included.
  const message = `build-article crashed: ${String((error as Error)?.message ?? error)}`;
  if (output === 'json') writeJson(errorReport({ message }, { bug: true }));
  if (output === 'github') writeAnnotations([errorAnnotation({ message })]);
  return EXIT.failure;
}
