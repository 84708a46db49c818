#!/usr/bin/env node
/**
 * Bundles the command line and the library into lib/ (`npm run build` runs it after tsc,
 * which writes only the type declarations). A few files, one per lazily loaded part,
 * instead of hundreds of modules: Node then resolves, reads and compiles far less, which
 * takes a build about a fifth of a second less. The part of puppeteer-core that connects to
 * a running browser is bundled too (a third of a second less than loading puppeteer's
 * modules); puppeteer itself stays outside (only looking for its own installed browser
 * needs it, and it refers to its own files at run time), and so do the modules
 * puppeteer-core loads only to launch a browser or to speak WebDriver BiDi, and modules
 * loaded through createRequire.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.join(root, 'lib');
mkdirSync(lib, { recursive: true });
for (const file of readdirSync(lib)) {
  if (/^(bundle-|cli\.bundle\.|index\.bundle\.)/.test(file)) rmSync(path.join(lib, file));
}
await build({
  entryPoints: {
    'cli.bundle': path.join(root, 'src/cli/index.ts'),
    'index.bundle': path.join(root, 'src/index.ts'),
  },
  outdir: lib,
  // Every file sits directly in lib/, one level below the package (see src/package-root.ts).
  chunkNames: 'bundle-[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: [
    'puppeteer',
    'puppeteer/*',
    '@puppeteer/browsers',
    'chromium-bidi',
    'chromium-bidi/*',
    'ws',
    'debug',
    'fsevents',
  ],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  sourcemap: 'linked',
  // CommonJS packages in an ESM bundle still call require().
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
