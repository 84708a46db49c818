/**
 * `startPreview`: serve an article on 127.0.0.1, rebuild it on every save of its Markdown,
 * images or templates, and make the open pages reload themselves.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigSilences } from '../check/silence.js';
import type { RuleSettings } from '../config/rules.js';
import { UserError } from '../errors.js';
import type { Paper } from '../render/paper.js';
import { DEFAULT_TEMPLATES } from '../render/templates.js';
import { sourceDateEpoch } from '../source-date.js';
import type { PreviewEvent } from './events.js';
import { ReloadHub } from './live-reload.js';
import { createRoutes } from './routes.js';
import { HOST, serve } from './server.js';
import { Site } from './site.js';
import { watchSources } from './watch.js';

export type { PreviewEvent } from './events.js';
export type { Problem } from './problems.js';

export interface PreviewOptions {
  articleDir: string;
  /** 4173 by default; 0 lets the system choose. A busy port moves to the next free one. */
  port?: number;
  templatesDir?: string;
  /** Severities the configuration file gives check rules (config/rules.ts). */
  rules?: RuleSettings;
  /** Findings the configuration file's `silence:` answers for (check/silence.ts). */
  silence?: ConfigSilences;
  browser?: string;
  paper?: Paper;
  /** Milliseconds for any browser operation. */
  timeout?: number;
  /** How long the watcher waits for a save to settle, in milliseconds. */
  debounceMs?: number;
  onEvent?: (event: PreviewEvent) => void;
}

export interface Preview {
  url: string;
  port: number;
  /** The port asked for; differs from `port` when that one was busy. */
  requestedPort: number;
  /** Stops the server, the watcher and the browser, if one was started. */
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const onEvent = options.onEvent ?? (() => undefined);
  await assertFolder(options.articleDir, 'article folder', 1);
  if (options.templatesDir) await assertFolder(options.templatesDir, 'templates folder', 2);
  // The hub asks the site for versions and the site tells the hub when they change.
  const reloads = new ReloadHub(() => site.versions());
  const site = new Site({
    articleDir: options.articleDir,
    templatesDir: options.templatesDir,
    rules: options.rules,
    silence: options.silence,
    browser: options.browser,
    paper: options.paper,
    timeout: options.timeout ?? 60_000,
    sourceDateEpoch: sourceDateEpoch(),
    onEvent,
    onVersions: () => reloads.publish(),
  });
  const watcher = await watchSources({
    articleDir: options.articleDir,
    templateDirs: [...(options.templatesDir ? [options.templatesDir] : []), DEFAULT_TEMPLATES],
    debounceMs: options.debounceMs ?? 50,
    onChange: (change) => void site.update(change),
    onError: (error) => onEvent({ type: 'bug', error }),
  });
  const requestedPort = options.port ?? 4173;
  try {
    await site.update({ templates: true });
    const name = path.basename(path.resolve(options.articleDir));
    const routes = createRoutes(site, reloads, name);
    const { server, port } = await serve(routes, requestedPort, (error) =>
      onEvent({ type: 'bug', error }),
    );
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        reloads.close();
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeAllConnections();
        await Promise.all([closed, watcher.close(), site.close()]);
      })();
      return closing;
    };
    return { url: `http://${HOST}:${port}/`, port, requestedPort, close };
  } catch (error) {
    await Promise.all([watcher.close(), site.close()]);
    throw error;
  }
}

async function assertFolder(dir: string, what: string, exitCode: number): Promise<void> {
  const isFolder = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isFolder) return;
  throw new UserError(`${what} "${dir}" does not exist or is not a folder`, {
    location: { file: dir },
    hint:
      what === 'article folder'
        ? 'pass the folder holding en.md (and other languages), e.g. "build-article preview article"'
        : 'pass a folder holding the templates you want to override (see "Own templates" in the README)',
    exitCode,
  });
}
