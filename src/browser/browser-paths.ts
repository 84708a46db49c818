/**
 * Where Chrome, Chromium, Edge and Chromium's headless shell are installed on each system,
 * as the installers put them. Pure: the platform, environment and folder listing are given,
 * so that every system's list is tested on any machine.
 */
import path from 'node:path';

export interface SearchHost {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Linux under Windows (WSL), where the Windows browsers are under /mnt/c. */
  wsl: boolean;
  /** The names in a folder, or [] when it cannot be read. */
  readDir: (dir: string) => string[];
}

export interface Candidate {
  path: string;
  source: string;
}

/** On PATH, in order: the headless shell first (it starts in a quarter of Chromium's time). */
const POSIX_NAMES = [
  'chromium-headless-shell',
  'chrome-headless-shell',
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
  'microsoft-edge-stable',
  'microsoft-edge',
  'msedge',
];
const WINDOWS_NAMES = ['chrome-headless-shell.exe', 'chrome.exe', 'chromium.exe', 'msedge.exe'];

const LINUX_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge-stable',
  '/usr/bin/microsoft-edge',
  '/opt/microsoft/msedge/msedge',
];

const MAC_APPS = [
  'Chromium.app/Contents/MacOS/Chromium',
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

/** Under Program Files, Program Files (x86) and, for per-user installs, LOCALAPPDATA. */
const WINDOWS_APPS = [
  'Chromium\\Application\\chrome.exe',
  'Google\\Chrome\\Application\\chrome.exe',
  'Google\\Chrome SxS\\Application\\chrome.exe',
  'Microsoft\\Edge\\Application\\msedge.exe',
];

/** Every place to look, in order: the system's usual folders, then PATH, then (WSL) Windows'. */
export function browserCandidates(host: SearchHost): Candidate[] {
  const system = (paths: string[]) => paths.map((p) => ({ path: p, source: 'the system' }));
  switch (host.platform) {
    case 'win32':
      return [...system(windowsPaths(host)), ...onPath(host, path.win32, ';', WINDOWS_NAMES)];
    case 'darwin': {
      const home = env(host, 'HOME');
      const dirs = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
      const apps = dirs.flatMap((dir) => MAC_APPS.map((app) => path.posix.join(dir, app)));
      return [...system(apps), ...onPath(host, path.posix, ':', POSIX_NAMES)];
    }
    default: {
      const linux = [...system(LINUX_PATHS), ...onPath(host, path.posix, ':', POSIX_NAMES)];
      if (!host.wsl) return linux;
      // A Linux browser first: a Windows one gets Linux paths and pipes through WSL's interop.
      return [
        ...linux,
        ...wslWindowsPaths(host).map((p) => ({ path: p, source: 'Windows (from WSL)' })),
      ];
    }
  }
}

function windowsPaths(host: SearchHost): string[] {
  const roots = [
    env(host, 'PROGRAMFILES') ?? 'C:\\Program Files',
    env(host, 'PROGRAMW6432'),
    env(host, 'PROGRAMFILES(X86)') ?? 'C:\\Program Files (x86)',
    env(host, 'LOCALAPPDATA'),
  ].filter((root): root is string => Boolean(root));
  return unique(roots).flatMap((root) => WINDOWS_APPS.map((app) => path.win32.join(root, app)));
}

/** The Windows install folders seen from WSL: /mnt/c/Program Files…, each user's AppData. */
function wslWindowsPaths(host: SearchHost): string[] {
  const drive = '/mnt/c';
  const users = host
    .readDir(`${drive}/Users`)
    .filter((name) => !['Default', 'Default User', 'Public', 'All Users'].includes(name));
  const roots = [
    `${drive}/Program Files`,
    `${drive}/Program Files (x86)`,
    ...users.map((user) => `${drive}/Users/${user}/AppData/Local`),
  ];
  return roots.flatMap((root) =>
    WINDOWS_APPS.map((app) => path.posix.join(root, ...app.split('\\'))),
  );
}

function onPath(
  host: SearchHost,
  paths: path.PlatformPath,
  delimiter: string,
  names: string[],
): Candidate[] {
  return (env(host, 'PATH') ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => names.map((name) => ({ path: paths.join(dir, name), source: 'PATH' })));
}

/** An environment variable by name, ignoring case on Windows as Windows does. */
export function env(host: SearchHost, name: string): string | undefined {
  if (host.platform !== 'win32') return host.env[name] || undefined;
  const key = Object.keys(host.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : host.env[key] || undefined;
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
