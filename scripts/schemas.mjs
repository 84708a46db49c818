#!/usr/bin/env node
/**
 * Writes schemas/*.schema.json from the zod schemas in src/ (`npm run build` runs it), for
 * editors and other tools to validate a configuration or a front matter with. The sources
 * are TypeScript: esbuild bundles the one module that makes them into a temporary file,
 * which is imported and removed. test/config/schemas.test.ts fails when the files shipped
 * differ from what the code makes now.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'build-article-schemas-'));
try {
  const module = path.join(temp, 'json-schemas.mjs');
  await build({
    entryPoints: [path.join(root, 'src/config/json-schemas.ts')],
    outfile: module,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const { jsonSchemaFiles } = await import(pathToFileURL(module).href);
  const out = path.join(root, 'schemas');
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(jsonSchemaFiles())) {
    writeFileSync(path.join(out, name), text);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
