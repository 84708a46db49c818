/**
 * Installing build-article's tarball into a new project as on a machine without internet:
 * `npm ci --offline` from npm's cache (this repository's own `npm ci` filled it) with a
 * lockfile for the tarball and its dependencies, and every other request (puppeteer's
 * Chrome download) sent to a proxy that refuses it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Nothing listens on port 9 (discard): a connection to it is refused at once. */
const NO_INTERNET = 'http://127.0.0.1:9';

interface LockEntry {
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
}

/**
 * The project's package-lock.json: the tarball as its one dependency, and the packages this
 * repository's lockfile installs for build-article's users (every entry not only for its
 * development), at the same places in node_modules.
 */
export async function lockfileFor(root: string, tarball: string): Promise<object> {
  const repoLock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  const spec = `file:${path.basename(tarball)}`;
  const packages: Record<string, unknown> = {
    '': { name: 'reader-project', version: '1.0.0', dependencies: { [manifest.name]: spec } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: spec,
      integrity,
      dependencies: manifest.dependencies,
      optionalDependencies: manifest.optionalDependencies,
      // The CJK fonts, optional: a lockfile without them would not match the package.
      peerDependencies: manifest.peerDependencies,
      peerDependenciesMeta: manifest.peerDependenciesMeta,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [where, entry] of Object.entries(repoLock.packages)) {
    if (where !== '' && !entry.dev) packages[where] = entry;
  }
  return { name: 'reader-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

export interface OfflineInstall {
  stdout: string;
  stderr: string;
}

/**
 * `npm ci --offline` in `project`, whose package.json and lockfile are written here. The
 * environment names no browser and skips no download: what a new user has. puppeteer's
 * cache is an empty folder, so a Chrome this machine already has cannot stand in for the
 * download that must fail.
 */
export async function installOffline(
  root: string,
  project: string,
  tarball: string,
  puppeteerCache: string,
): Promise<OfflineInstall> {
  const lock = await lockfileFor(root, tarball);
  const { dependencies } = (lock as { packages: Record<string, { dependencies: object }> })
    .packages[''] ?? { dependencies: {} };
  await writeFile(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: 'reader-project', version: '1.0.0', private: true, dependencies }, null, 2)}\n`,
  );
  await writeFile(path.join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  const env = userEnvironment({
    PUPPETEER_CACHE_DIR: puppeteerCache,
    npm_config_proxy: NO_INTERNET,
    npm_config_https_proxy: NO_INTERNET,
    HTTP_PROXY: NO_INTERNET,
    HTTPS_PROXY: NO_INTERNET,
    http_proxy: NO_INTERNET,
    https_proxy: NO_INTERNET,
  });
  return run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=info'], {
    cwd: project,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The environment without the variables that name a browser or skip puppeteer's download. */
export function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of Object.keys(env)) {
    if (/^(PUPPETEER_(?!CACHE_DIR$)|CHROME_PATH$|NO_PROXY$|no_proxy$)/i.test(name)) {
      delete env[name];
    }
  }
  return env;
}
