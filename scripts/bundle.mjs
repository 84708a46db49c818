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

/**
 * epub-gen-memory requires node-fetch when it loads, to fetch remote images, which a build
 * never gives it; node-fetch's URL parser then builds its Unicode tables (a twentieth of a
 * second). Its require() is answered with a function that requires node-fetch, from where
 * epub-gen-memory would find it, only when it is called: node-fetch and its URL parser
 * (a third of a megabyte, a third of the EPUB's bundle) are not even parsed by a build.
 */
const deferNodeFetch = {
  name: 'defer-node-fetch',
  setup(build) {
    build.onResolve({ filter: /^node-fetch$/ }, (args) =>
      args.importer.includes(`${path.sep}epub-gen-memory${path.sep}`)
        ? { path: 'deferred-node-fetch', namespace: 'deferred' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, () => ({
      contents:
        "const { createRequire } = require('node:module');\n" +
        "module.exports = (...args) => createRequire(require.resolve('epub-gen-memory'))('node-fetch')(...args);",
      loader: 'js',
      resolveDir: path.join(root, 'node_modules/epub-gen-memory'),
    }));
  },
};
/**
 * pdf-lib's standard fonts package inflates its encoding tables with pako, in JavaScript,
 * as pdf-lib loads: pako's tables are built and its inflate runs interpreted, a fiftieth of
 * a second before any PDF is finished. That package's require('pako') is answered with
 * Node's zlib, which inflates the same bytes natively. Nothing else changes: pdf-lib's own
 * streams are read with Node's zlib already (src/render/pdf/syntax.ts), and jszip keeps pako.
 */
const pakoByZlib = {
  name: 'pako-by-zlib',
  setup(build) {
    build.onResolve({ filter: /^pako$/ }, (args) =>
      args.importer.includes(`${path.sep}@pdf-lib${path.sep}standard-fonts${path.sep}`)
        ? { path: 'pako-by-zlib', namespace: 'zlib' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zlib' }, () => ({
      contents:
        "const { inflateSync } = require('node:zlib');\n" +
        'exports.inflate = (data) => inflateSync(data);',
      loader: 'js',
    }));
  },
};
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
    // A native addon: its package picks the prebuilt binary for the platform when loaded.
    '@resvg/resvg-js',
    // shiki's grammars, two hundred of them: each is imported from its package the first
    // time a code block names it, rather than made a chunk of lib/.
    '@shikijs/langs/*',
  ],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  sourcemap: 'linked',
  // CommonJS packages in an ESM bundle still call require().
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  plugins: [deferNodeFetch, pakoByZlib],
  logLevel: 'warning',
});
