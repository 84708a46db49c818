/**
 * The browser search on each system, with a faked platform, environment and file system:
 * only the files listed as installed exist, so each case shows which one is chosen.
 */
import { describe, expect, it } from 'vitest';
import { type BrowserHost, findBrowser, isHeadlessShell } from '../../src/browser/find-browser.js';
import { UserError } from '../../src/errors.js';

interface Fake {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  installed?: string[];
  wsl?: boolean;
  dirs?: Record<string, string[]>;
  puppeteer?: string;
}

function host(fake: Fake): BrowserHost & { asked: string[] } {
  const asked: string[] = [];
  const installed = new Set(fake.installed ?? []);
  return {
    platform: fake.platform,
    env: fake.env ?? {},
    wsl: fake.wsl ?? false,
    readDir: (dir) => fake.dirs?.[dir] ?? [],
    isExecutable: (file) => {
      asked.push(file);
      return installed.has(file);
    },
    puppeteerBrowser: async () => fake.puppeteer,
    asked,
  };
}

const found = async (fake: Fake, flag?: string) => findBrowser(flag, host(fake));

describe('the order of the settings', () => {
  const all = {
    platform: 'linux' as const,
    env: { PUPPETEER_EXECUTABLE_PATH: '/p/chrome', CHROME_PATH: '/c/chrome' },
    installed: ['/f/chrome', '/p/chrome', '/c/chrome', '/usr/bin/chromium'],
    puppeteer: '/cache/chrome',
  };

  it('--browser, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then puppeteer, then the system', async () => {
    expect(await found(all, '/f/chrome')).toEqual({
      executablePath: '/f/chrome',
      source: '--browser',
    });
    expect(await found(all)).toEqual({
      executablePath: '/p/chrome',
      source: 'PUPPETEER_EXECUTABLE_PATH',
    });
    const noPuppeteerPath = { ...all, env: { CHROME_PATH: '/c/chrome' } };
    expect(await found(noPuppeteerPath)).toEqual({
      executablePath: '/c/chrome',
      source: 'CHROME_PATH',
    });
    expect(await found({ ...all, env: {} })).toEqual({
      executablePath: '/cache/chrome',
      source: "puppeteer's installed browser",
    });
    expect(await found({ ...all, env: {}, puppeteer: undefined })).toEqual({
      executablePath: '/usr/bin/chromium',
      source: 'the system',
    });
  });

  it('a named browser that does not exist is an error naming the setting, not a fallback', async () => {
    const fake = { platform: 'linux' as const, installed: ['/usr/bin/chromium'] };
    const error = await found({ ...fake, env: { CHROME_PATH: '/nowhere/chrome' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'the browser named by CHROME_PATH does not exist or cannot be run: /nowhere/chrome',
    );
    expect((error as UserError).hint).toMatch(/^correct CHROME_PATH, or unset it/);
    const flagged = await found(fake, '/nowhere/chrome').catch((e: unknown) => e);
    expect((flagged as UserError).hint).not.toContain('--browser');
  });

  it('an empty variable is not set', async () => {
    const fake = { platform: 'linux' as const, installed: ['/usr/bin/chromium'] };
    const env = { PUPPETEER_EXECUTABLE_PATH: '', CHROME_PATH: '' };
    expect((await found({ ...fake, env })).executablePath).toBe('/usr/bin/chromium');
  });

  it('none at all: an error that says what to install', async () => {
    const error = await found({ platform: 'linux', env: { PATH: '/usr/bin' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toContain('apt-get install chromium-headless-shell');
    expect((error as UserError).hint).toContain('CHROME_PATH');
  });
});

describe('Linux', () => {
  it('the headless shell before Chromium, Chromium before Chrome, Chrome before Edge', async () => {
    const chain = [
      '/usr/bin/chromium-headless-shell',
      '/usr/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/microsoft-edge',
    ];
    for (let i = 0; i < chain.length; i++) {
      const result = await found({ platform: 'linux', installed: chain.slice(i) });
      expect(result.executablePath).toBe(chain[i]);
    }
  });

  it('Edge and Chrome in /opt, and any of the names on PATH', async () => {
    expect(
      (await found({ platform: 'linux', installed: ['/opt/microsoft/msedge/msedge'] }))
        .executablePath,
    ).toBe('/opt/microsoft/msedge/msedge');
    const onPath = await found({
      platform: 'linux',
      env: { PATH: '/home/me/bin:/nix/profile/bin' },
      installed: ['/nix/profile/bin/chrome-headless-shell', '/home/me/bin/msedge'],
    });
    // PATH is read in its order, as a shell reads it.
    expect(onPath).toEqual({
      executablePath: '/home/me/bin/msedge',
      source: 'PATH',
    });
  });

  it('under WSL, a Linux browser first, then the Windows ones under /mnt/c', async () => {
    const windowsChrome = '/mnt/c/Program Files/Google/Chrome/Application/chrome.exe';
    const userEdge = '/mnt/c/Users/ada/AppData/Local/Microsoft/Edge/Application/msedge.exe';
    const x86Edge = '/mnt/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe';
    const dirs = { '/mnt/c/Users': ['Public', 'Default', 'ada'] };
    const wsl = { platform: 'linux' as const, wsl: true, dirs };
    expect(await found({ ...wsl, installed: [windowsChrome] })).toEqual({
      executablePath: windowsChrome,
      source: 'Windows (from WSL)',
    });
    expect((await found({ ...wsl, installed: [x86Edge] })).executablePath).toBe(x86Edge);
    expect((await found({ ...wsl, installed: [userEdge] })).executablePath).toBe(userEdge);
    expect(
      (await found({ ...wsl, installed: [windowsChrome, '/usr/bin/chromium'] })).executablePath,
    ).toBe('/usr/bin/chromium');
    // Not under WSL, /mnt/c is just a folder: nothing there is looked at.
    const fake = host({ platform: 'linux', dirs, installed: [windowsChrome] });
    await expect(findBrowser(undefined, fake)).rejects.toThrow(UserError);
    expect(fake.asked.some((p) => p.startsWith('/mnt/c'))).toBe(false);
  });
});

describe('macOS', () => {
  it('the applications in /Applications and ~/Applications, Chromium first', async () => {
    const chromium = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const edge = '/Users/ada/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    const mac = { platform: 'darwin' as const, env: { HOME: '/Users/ada' } };
    expect((await found({ ...mac, installed: [chrome, chromium] })).executablePath).toBe(chromium);
    expect((await found({ ...mac, installed: [chrome, edge] })).executablePath).toBe(chrome);
    expect((await found({ ...mac, installed: [edge] })).executablePath).toBe(edge);
  });

  it('a Homebrew chromium on PATH', async () => {
    const result = await found({
      platform: 'darwin',
      env: { PATH: '/opt/homebrew/bin:/usr/bin' },
      installed: ['/opt/homebrew/bin/chromium'],
    });
    expect(result).toEqual({ executablePath: '/opt/homebrew/bin/chromium', source: 'PATH' });
  });
});

describe('Windows', () => {
  const env = {
    ProgramFiles: 'C:\\Program Files',
    'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    LocalAppData: 'C:\\Users\\Ada\\AppData\\Local',
    Path: 'C:\\Windows\\system32;C:\\Tools\\chromium',
  };
  const win = { platform: 'win32' as const, env };

  it('Chrome in Program Files, Edge in Program Files (x86), per-user installs in LOCALAPPDATA', async () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const userChrome = 'C:\\Users\\Ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect((await found({ ...win, installed: [edge, chrome] })).executablePath).toBe(chrome);
    expect((await found({ ...win, installed: [edge] })).executablePath).toBe(edge);
    expect((await found({ ...win, installed: [userChrome] })).executablePath).toBe(userChrome);
  });

  it('reads the variables whatever their case, and .exe names on Path', async () => {
    const onPath = await found({
      ...win,
      installed: ['C:\\Tools\\chromium\\chrome-headless-shell.exe'],
    });
    expect(onPath).toEqual({
      executablePath: 'C:\\Tools\\chromium\\chrome-headless-shell.exe',
      source: 'PATH',
    });
    const named = await found({
      ...win,
      env: { ...env, chrome_path: 'D:\\chrome\\chrome.exe' },
      installed: ['D:\\chrome\\chrome.exe'],
    });
    expect(named.source).toBe('CHROME_PATH');
  });

  it('without the variables, the default Program Files folders', async () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect((await found({ platform: 'win32', installed: [edge] })).executablePath).toBe(edge);
  });
});

describe('isHeadlessShell', () => {
  it('knows the shell by its name on every system', () => {
    expect(isHeadlessShell('/usr/bin/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\Tools\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
  });
});
