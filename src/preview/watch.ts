/**
 * Watch the article folder and the templates for saves, and report them in batches: one
 * batch once no event has come for `debounceMs`, so an editor's several writes for one
 * save give one build.
 */
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

export async function watchSources(options: WatchOptions): Promise<Watcher> {
  const articleDir = path.resolve(options.articleDir);
  const templateDirs = options.templateDirs.map((d) => path.resolve(d));
  const roots = [articleDir, ...templateDirs];
  const watcher = watch(roots, {
    ignoreInitial: true,
    ignored: (file: string) => isNoise(file, roots),
  });
  let pending: Change | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const change = pending;
    pending = undefined;
    if (change) options.onChange(change);
  };
  watcher.on('all', (_event, file) => {
    const full = path.resolve(file);
    const templates = templateDirs.some((dir) => isInside(full, dir));
    pending = {
      templates: (pending?.templates ?? false) || templates,
      paths: [...(pending?.paths ?? []), full],
    };
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  });
  watcher.on('error', options.onError);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      if (timer) clearTimeout(timer);
      pending = undefined;
      await watcher.close();
    },
  };
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
