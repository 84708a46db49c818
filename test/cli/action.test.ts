/**
 * The reusable GitHub Action (action.yml): parsed, and its steps' `run` commands run here
 * as the runner would (bash -eo pipefail, inputs through env) in a temporary project that
 * has build-article installed; the `uses:` steps are not run, their inputs are checked.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ARTICLES, ROOT } from '../helpers/editions.js';
import { tempFolder } from './helpers.js';

interface Step {
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

interface Action {
  inputs: Record<string, { default: string; description: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const steps = action.runs.steps;

function defaults(): Record<string, string> {
  return Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
}

/** `${{ inputs.x }}` replaced as the runner would; any other expression is unexpected here. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const name = /^inputs\.([\w-]+)$/.exec(expr)?.[1];
    if (name === undefined || !(name in inputs)) throw new Error(`unexpected expression ${expr}`);
    return inputs[name] ?? '';
  });
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('/bin/bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A step's command with its env, its inputs given; PATH and a log of apt calls from the test. */
function runStep(
  step: Step,
  cwd: string,
  inputs: Record<string, string>,
  extra: NodeJS.ProcessEnv,
) {
  const env = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), inputs)]),
  );
  return bash(step.run ?? '', cwd, {
    ...process.env,
    NO_COLOR: '1',
    // No browser named from outside: the step must find one itself.
    PUPPETEER_EXECUTABLE_PATH: '',
    CHROME_PATH: '',
    npm_config_offline: 'true',
    ...env,
    ...extra,
  });
}

/**
 * A project holding an article and build-article installed (as `npm install build-article`
 * would link its bin), and fake apt-get and sudo that only record how they were called.
 */
async function project(article: string): Promise<{ cwd: string; fakeBin: string; log: string }> {
  const cwd = await tempFolder();
  await cp(article, path.join(cwd, 'article'), { recursive: true });
  await mkdir(path.join(cwd, 'node_modules/.bin'), { recursive: true });
  await symlink(ROOT, path.join(cwd, 'node_modules/build-article'));
  await symlink(
    '../build-article/bin/build-article.js',
    path.join(cwd, 'node_modules/.bin/build-article'),
  );
  const fakeBin = path.join(cwd, 'fake-bin');
  const log = path.join(cwd, 'apt.log');
  await mkdir(fakeBin);
  for (const name of ['apt-get', 'sudo']) {
    await writeFile(path.join(fakeBin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n`);
    await chmod(path.join(fakeBin, name), 0o755);
  }
  return { cwd, fakeBin, log };
}

const aptCalls = async (log: string) =>
  (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);

const browserStep = steps.find((s) => s.name === 'Find or install a headless Chromium') as Step;
const buildStep = steps.find((s) => s.name === 'Build the editions') as Step;

describe('action.yml', () => {
  it('is a composite action of bash steps that take inputs only through env', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['args', 'article', 'artifact-name', 'formats', 'out', 'version'].sort(),
    );
    for (const step of steps.filter((s) => s.run !== undefined)) {
      expect(step.shell).toBe('bash');
      // An input pasted into a script could run as code: inputs go through env only.
      expect(step.run).not.toContain('${{');
    }
    expect(browserStep?.run).toBeDefined();
    expect(buildStep?.run).toContain('npx --yes');
  });

  it.each(['## Start your own article', '## In CI'])(
    "the README's snippet under %s uses it in three lines at most, with inputs it has",
    async (heading) => {
      const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
      expect(readme).toContain(heading);
      const section = readme.slice(readme.indexOf(heading));
      const snippet = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
      const used = (parse(snippet) as { steps: Step[] }).steps;
      expect(snippet.trim().split('\n').slice(1).length).toBeLessThanOrEqual(3);
      expect(used[0]?.uses).toMatch(/^actions\/checkout@/);
      expect(used[1]?.uses).toMatch(/\/build-article@/);
      for (const input of Object.keys(used[1]?.with ?? {}))
        expect(action.inputs).toHaveProperty(input);
    },
  );

  it('uploads the output folder under the artifact name, even after a failed build', () => {
    const uploads = steps.filter((s) => s.uses !== undefined);
    expect(uploads.map((s) => s.uses)).toEqual(['actions/upload-artifact@v4']);
    const inputs = { ...defaults(), out: 'public', 'artifact-name': 'essay' };
    const upload = uploads[0] as Step;
    expect(expand(upload.with?.path ?? '', inputs)).toBe('public');
    expect(expand(upload.with?.name ?? '', inputs)).toBe('essay');
    expect(upload.if).toMatch(/!cancelled\(\)/);
  });

  it("run here with its defaults: uses the system's browser and builds all six editions", async () => {
    const { cwd, fakeBin, log } = await project(ARTICLES.second);
    const inputs = defaults();
    const PATH = `${fakeBin}:${process.env.PATH}`;
    const found = await runStep(browserStep, cwd, inputs, { PATH });
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/^PDFs are printed with \//);
    expect(await aptCalls(log)).toEqual([]);
    const built = await runStep(buildStep, cwd, inputs, { PATH });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).not.toMatch(/^::error/m);
    const upload = expand(steps.find((s) => s.uses)?.with?.path ?? '', inputs);
    const files = (await readdir(path.join(cwd, upload), { recursive: true })).filter((f) =>
      /\.(html|pdf|epub)$/.test(f),
    );
    expect(files.map((f) => path.extname(f)).sort()).toEqual(
      ['.epub', '.epub', '.html', '.html', '.pdf', '.pdf'].sort(),
    );
    const pdf = files.find((f) => f.startsWith('en/') && f.endsWith('.pdf')) ?? '';
    expect((await readFile(path.join(cwd, upload, pdf))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('installs Chromium with apt only when no browser is found, and only for PDFs', async () => {
    const { cwd, fakeBin, log } = await project(ARTICLES.second);
    const none = await runStep(browserStep, cwd, defaults(), { PATH: fakeBin });
    expect(none.code, none.stderr).toBe(0);
    const calls = await aptCalls(log);
    expect(calls[0]).toBe('apt-get update -qq');
    expect(calls[1]).toMatch(/^apt-get install .*chromium-headless-shell$/);
    const before = calls.length;
    const noPdf = await runStep(
      browserStep,
      cwd,
      { ...defaults(), formats: 'HTML,epub' },
      { PATH: fakeBin },
    );
    expect(noPdf.code).toBe(0);
    expect(await aptCalls(log)).toHaveLength(before);
  });

  it('a finding fails the step and becomes an annotation at its line', async () => {
    const { cwd } = await project(ARTICLES.second);
    const en = path.join(cwd, 'article/en.md');
    const text = await readFile(en, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('![Schematic map'));
    lines[at] = (lines[at] ?? '').replace(/^!\[[^\]]*\]/, '![]');
    await writeFile(en, lines.join('\n'));
    const built = await runStep(
      buildStep,
      cwd,
      { ...defaults(), formats: 'html', args: '--quiet' },
      {},
    );
    expect(built.code).toBe(1);
    expect(built.stdout).toContain(
      `::error file=article/en.md,line=${at + 1},col=1,title=build-article alt-missing::`,
    );
  });
});
