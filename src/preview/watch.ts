/**
 * Watch the article folder and the templates for saves, and report them in batches: one
 * batch once no event has come for `debounceMs`, so an editor's several writes for one
 * save give one build.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';

export interface Change {
  /** A template, stylesheet or labels file changed: load the templates again. */
  templates: boolean;
  paths: string[];
}

export interface WatchOptions {
  articleDir: string;
  templateDirs: string[];
  debounceMs: number;
  onChange: (change: Change) => void;
  onError: (error: unknown) => void;
}

export interface Watcher {
  close(): Promise<void>;
}

/** Editors' swap, backup and lock files, and hidden folders such as .git. */
const NOISE = /(?:^\.|~$|\.sw[a-p]$|\.swpx$|\.tmp$|\.bak$|^#.*#$|^4913$|^node_modules$)/;

/** How often the article folder itself is looked at, to see it moved away and back. */
const ROOT_CHECK_MS = 500;

export async function watchSources(options: WatchOptions): Promise<Watcher> {
  const articleDir = path.resolve(options.articleDir);
  const templateDirs = options.templateDirs.map((d) => path.resolve(d));
  const roots = [articleDir, ...templateDirs];
  let pending: Change | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const change = pending;
    pending = undefined;
    if (change) options.onChange(change);
  };
  const noted = (file: string, templates: boolean) => {
    pending = {
      templates: (pending?.templates ?? false) || templates,
      paths: [...(pending?.paths ?? []), file],
    };
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  };
  const start = async () => {
    const watcher = watch(roots, {
      ignoreInitial: true,
      ignored: (file: string) => isNoise(file, roots),
      // A link to / or /usr in the article would be walked for minutes, a link loop
      // fails: links are not followed (an image linked inside the folder is still read).
      followSymlinks: false,
    });
    watcher.on('all', (_event, file) => {
      const full = path.resolve(file);
      noted(
        full,
        templateDirs.some((dir) => isInside(full, dir)),
      );
    });
    watcher.on('error', options.onError);
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    return watcher;
  };
  let current = await start();
  // chokidar stops watching a folder that is deleted or moved away and never sees it
  // come back: when the folder's identity changes, it is watched afresh and rebuilt.
  let identity = await folderIdentity(articleDir);
  let restarting = false;
  let closed = false;
  const check = setInterval(() => {
    if (restarting) return;
    restarting = true;
    void (async () => {
      const now = await folderIdentity(articleDir);
      if (now !== identity) {
        identity = now;
        if (now !== undefined && !closed) {
          await current.close();
          const next = await start();
          if (closed) await next.close();
          else current = next;
        }
        noted(articleDir, false);
      }
    })()
      .catch(options.onError)
      .finally(() => {
        restarting = false;
      });
  }, ROOT_CHECK_MS);
  check.unref();
  return {
    close: async () => {
      closed = true;
      clearInterval(check);
      if (timer) clearTimeout(timer);
      pending = undefined;
      await current.close();
    },
  };
}

/** The folder's device and inode, or undefined while it does not exist. */
async function folderIdentity(dir: string): Promise<string | undefined> {
  return stat(dir).then(
    (s) => (s.isDirectory() ? `${s.dev}:${s.ino}` : undefined),
    () => undefined,
  );
}

function isNoise(file: string, roots: string[]): boolean {
  const full = path.resolve(file);
  const root = roots.find((r) => isInside(full, r));
  if (root === undefined) return false;
  return path
    .relative(root, full)
    .split(path.sep)
    .some((part) => part !== '' && NOISE.test(part));
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
