/** `build-article preview`: argv -> validated options -> startPreview, until SIGINT/SIGTERM. */
import * as z from 'zod/mini';
import { killBrowsersNow } from '../browser/session.js';
import type { ConfigSilences } from '../check/silence.js';
import type { RuleSettings } from '../config/rules.js';
import { EXIT, UserError } from '../errors.js';
import type { PreviewEvent } from '../preview/index.js';
import { PAPER_NAMES } from '../render/paper.js';
import { MAX_TIMEOUT_MS, paperName, usage } from './options.js';
import { createReporter, type Reporter } from './reporter.js';

const previewFlagsSchema = z.object({
  port: z.coerce
    .number({ error: 'must be a port number' })
    .check(
      z.multipleOf(1, 'must be a whole number'),
      z.gte(0, 'must be 0 (any free port) or more'),
      z.lte(65535, 'must be at most 65535'),
    ),
  open: z.optional(z.boolean()),
  templates: z.optional(z.string().check(z.minLength(1))),
  browser: z.optional(z.string().check(z.minLength(1))),
  paper: z.optional(z.enum(PAPER_NAMES, { error: `must be one of ${PAPER_NAMES.join(', ')}` })),
  timeout: z.optional(
    z.coerce
      .number({ error: 'must be a number of seconds' })
      .check(z.positive('must be more than 0 seconds')),
  ),
});

export async function previewCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const reporter = createReporter();
  const stopped = untilSignal();
  try {
    const flags = parseFlags(raw);
    const { startPreview } = await import('../preview/index.js');
    const starting = startPreview({
      articleDir: dir,
      port: flags.port,
      templatesDir: flags.templates,
      rules: raw.rules as RuleSettings | undefined,
      silence: raw.silence as ConfigSilences | undefined,
      browser: flags.browser,
      paper: flags.paper,
      timeout:
        flags.timeout === undefined ? undefined : Math.min(flags.timeout * 1000, MAX_TIMEOUT_MS),
      onEvent: (event) => report(event, reporter),
    });
    // The first Ctrl-C stops the preview even while it is starting (a slow first build).
    const first = await Promise.race([
      starting.then((preview) => ({ preview })),
      stopped.promise.then((code) => ({ code })),
    ]);
    if ('code' in first) {
      setTimeout(() => process.exit(first.code), 3000).unref();
      starting.then((preview) => preview.close()).catch(() => undefined);
      killBrowsersNow();
      process.stderr.write('preview stopped\n');
      return first.code;
    }
    const { preview } = first;
    if (preview.port !== preview.requestedPort && preview.requestedPort !== 0) {
      process.stderr.write(`port ${preview.requestedPort} is busy; using ${preview.port}\n`);
    }
    process.stderr.write(
      `build-article preview: ${preview.url}\n  watching ${dir} and the templates; press Ctrl-C to stop\n`,
    );
    if (flags.open) (await import('../preview/open.js')).openInBrowser(preview.url);
    const code = await stopped.promise;
    // Leave even if something refuses to close; the work is done.
    setTimeout(() => process.exit(code), 3000).unref();
    await preview.close();
    process.stderr.write('preview stopped\n');
    return code;
  } catch (error) {
    if (error instanceof UserError) {
      reporter.error(error);
      return error.exitCode;
    }
    reporter.bug(error);
    return EXIT.failure;
  } finally {
    stopped.dispose();
  }
}

function parseFlags(raw: Record<string, unknown>) {
  const paper = paperName(raw.paper);
  const result = previewFlagsSchema.safeParse({ ...raw, paper });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw usage(
    `--${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is not valid'}`,
    'see build-article preview --help',
  );
}

/** Resolves with the exit code of the first SIGINT, SIGTERM or SIGHUP; a second one leaves at once. */
function untilSignal() {
  let resolve: (code: number) => void = () => undefined;
  const promise = new Promise<number>((r) => {
    resolve = r;
  });
  let received = false;
  const on = (code: number) => () => {
    if (received) process.exit(code);
    received = true;
    resolve(code);
  };
  const onInt = on(EXIT.sigint);
  const onTerm = on(EXIT.sigterm);
  const onHup = on(EXIT.sighup);
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
    },
  };
}

function report(event: PreviewEvent, reporter: Reporter): void {
  const line = (text: string) => process.stderr.write(`${text}\n`);
  switch (event.type) {
    case 'built': {
      const ms = `${Math.round(event.ms)} ms`;
      if (event.langs.length > 0) {
        line(`✓ ${event.first ? 'built' : 'rebuilt'} ${event.langs.join(', ')} in ${ms}`);
      } else if (event.recovered) line(`✓ the article builds again (${ms})`);
      return;
    }
    case 'warnings':
      for (const p of event.problems) line(p.text);
      return;
    case 'broken':
      line(`✗ the article has ${event.problems.length} problem(s); the preview shows them:`);
      for (const p of event.problems) line(p.text);
      return;
    case 'printed':
      line(`✓ ${event.lang} PDF for the print view in ${Math.round(event.ms)} ms`);
      return;
    case 'print-failed':
      line(`✗ ${event.lang} PDF failed:`);
      for (const p of event.problems) line(p.text);
      return;
    case 'bug':
      reporter.bug(event.error);
      return;
  }
}
