/** The CI workflow users copy runs the README's own quick-start commands. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/editions.js';

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }
  >;
}

const workflow = parse(
  readFileSync(path.join(ROOT, '.github/workflows/editions.yml'), 'utf8'),
) as Workflow;
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The commands of the README's "Quick start" code block, without their comments. */
function quickStart(): string[] {
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

describe('the GitHub workflow', () => {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const runs = steps.flatMap((s) => (s.run ? s.run.split('\n').map((l) => l.trim()) : []));

  it('runs on push and pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('runs the two quick-start commands of the README, in order', () => {
    const commands = quickStart();
    expect(commands).toEqual(['npm run setup', 'npm test']);
    const positions = commands.map((c) => runs.indexOf(c));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('uploads the editions as an artifact', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(String(upload?.with?.path)).toContain('dist/');
  });

  it('only uses npm scripts that exist', () => {
    const scripts = Object.keys(
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts,
    );
    for (const line of runs.filter((l) => l.startsWith('npm run '))) {
      expect(scripts).toContain(line.split(' ')[2]);
    }
  });
});
