/**
 * Which modules a CLI run loaded, recorded by preloaded scripts: ES modules as Node's loader
 * resolves them (a module hook), CommonJS ones from Node's module cache as the CLI exits. The
 * lazy-load tests use it to show that a feature's libraries load only for an article that
 * uses the feature.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { runCli } from './cli.js';

const RECORDERS = {
  'hooks.mjs':
    "import { appendFileSync } from 'node:fs';\n" +
    'export async function resolve(specifier, context, next) {\n' +
    '  const resolved = await next(specifier, context);\n' +
    "  appendFileSync(process.env.LOADED_LIST, resolved.url + '\\n');\n" +
    '  return resolved;\n' +
    '}\n',
  'register.mjs':
    "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
  'record.cjs':
    "process.on('exit', () => require('node:fs').appendFileSync(process.env.LOADED_LIST, Object.keys(require('node:module')._cache).join('\\n')));\n",
};

export interface ModuleTrace {
  /** Builds the HTML and EPUB editions of `article`; returns the modules the run loaded. */
  loadedBy(article: string, name: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function moduleTrace(prefix: string): Promise<ModuleTrace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(RECORDERS)) await writeFile(path.join(dir, name), text);
  return {
    async loadedBy(article, name) {
      const list = path.join(dir, `${name}.txt`);
      const register = pathToFileURL(path.join(dir, 'register.mjs')).href;
      const ran = await runCli([article, '-o', path.join(dir, name), '-f', 'html,epub'], {
        NODE_OPTIONS: `--import ${register} --require ${path.join(dir, 'record.cjs')}`,
        LOADED_LIST: list,
      });
      expect(ran.code, ran.stderr).toBe(0);
      return (await readFile(list, 'utf8')).split('\n');
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
