/**
 * The feature test articles (math, citations, code and callouts, all of them at once, and
 * Hindi in Devanagari), built into all three formats with the real CLI, then through the
 * validators together: one Nu HTML Checker and one Chromium with axe for all their HTML
 * pages, one EPUBCheck JVM and one Ace browser for all their EPUBs. Each validator's start
 * costs more than checking one edition, and the test files run in separate processes: here
 * the start is paid once for the five articles. test/global-setup.ts starts this work and lets the tests run meanwhile; the
 * feature tests (which run last, see vitest.config.ts) wait for their article's verdicts.
 */
import { access, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspectPages, type PageFacts } from '../validators/page-checks.js';
import { runCli } from './cli.js';
import { OUTPUT, ROOT } from './editions.js';
import { aces, epubchecks, inPool, PARALLEL, type Verdict, vnu } from './validators.js';

/** Each feature article, with the options it is built with. */
export const FIXTURES = {
  'math-article': [],
  'cite-article': [],
  'rich-article': [],
  'all-content': ['--strict'],
  'devanagari-article': [],
} as const satisfies Record<string, readonly string[]>;

export type FixtureName = keyof typeof FIXTURES;

export interface FixtureEdition {
  lang: string;
  format: 'html' | 'pdf' | 'epub';
  path: string;
}

export interface ValidatedFixture {
  built: FixtureEdition[];
  nu: Map<string, Verdict>;
  pages: Map<string, PageFacts>;
  epubVerdicts: Map<string, { epubcheck: Verdict; ace: Verdict }>;
  /** The path of the edition of `lang` in `format`. */
  file(lang: string, format: FixtureEdition['format']): string;
}

/** What the global set-up leaves for one article: its editions and verdicts, or its failure. */
interface Stored {
  error?: string;
  built: FixtureEdition[];
  nu: [string, Verdict][];
  pages: [string, PageFacts][];
  epubVerdicts: [string, { epubcheck: Verdict; ace: Verdict }][];
}

const stored = (name: FixtureName) => path.join(OUTPUT, `${name}.validated.json`);
export const fixtureDir = (name: FixtureName) => path.join(ROOT, 'test/fixtures', name);

/**
 * Builds every feature article and validates them all, leaving each article's editions and
 * verdicts (or what went wrong) in a file; run once, by test/global-setup.ts.
 */
export async function buildAndValidateFixtures(): Promise<void> {
  try {
    await buildAndValidate();
  } catch (error) {
    // Every feature test then fails with what went wrong; the other tests still run.
    const failed: Stored = { error: String(error), built: [], nu: [], pages: [], epubVerdicts: [] };
    for (const name of Object.keys(FIXTURES) as FixtureName[]) await store(name, failed);
  }
}

async function buildAndValidate(): Promise<void> {
  const names = Object.keys(FIXTURES) as FixtureName[];
  const built = new Map<FixtureName, FixtureEdition[]>();
  const errors = new Map<FixtureName, string>();
  await inPool(names, PARALLEL, async (name) => {
    const out = path.join(OUTPUT, name);
    const ran = await runCli([fixtureDir(name), '-o', out, ...FIXTURES[name], '--json']);
    if (ran.code === 0) {
      built.set(name, (JSON.parse(ran.stdout) as { editions: FixtureEdition[] }).editions);
    } else errors.set(name, `building ${name} failed (exit ${ran.code}):\n${ran.stderr}`);
  });
  const all = [...built.values()].flat();
  const html = all.filter((e) => e.format === 'html').map((e) => e.path);
  const epubs = all.filter((e) => e.format === 'epub').map((e) => e.path);
  let nu = new Map<string, Verdict>();
  let pages = new Map<string, PageFacts>();
  let checked = new Map<string, Verdict>();
  let accessed = new Map<string, Verdict>();
  try {
    [nu, pages] = await Promise.all([vnu(html), inspectPages(html)]);
    [checked, accessed] = await Promise.all([epubchecks(epubs), aces(epubs)]);
  } catch (error) {
    // Every feature test then fails with what went wrong; the other tests still run.
    for (const name of names) errors.set(name, `validating the feature articles failed: ${error}`);
  }
  for (const name of names) {
    const editions = built.get(name) ?? [];
    const own = <T>(verdicts: Map<string, T>, format: FixtureEdition['format']) =>
      editions
        .filter((e) => e.format === format)
        .flatMap((e): [string, T][] => {
          const verdict = verdicts.get(e.path);
          return verdict ? [[e.path, verdict]] : [];
        });
    const result: Stored = {
      error: errors.get(name),
      built: editions,
      nu: own(nu, 'html'),
      pages: own(pages, 'html'),
      epubVerdicts: own(checked, 'epub').flatMap(([file, epubcheck]) => {
        const ace = accessed.get(file);
        return ace
          ? [[file, { epubcheck, ace }] as [string, { epubcheck: Verdict; ace: Verdict }]]
          : [];
      }),
    };
    await store(name, result);
  }
}

/** Written whole or not at all: a test reading it never meets half a file. */
async function store(name: FixtureName, result: Stored): Promise<void> {
  await writeFile(`${stored(name)}.tmp`, JSON.stringify(result));
  await rename(`${stored(name)}.tmp`, stored(name));
}

/**
 * A feature article's editions and verdicts, once the work the global set-up started has
 * left them (within `patience` milliseconds).
 */
export async function validatedFixture(
  name: FixtureName,
  patience = 280_000,
): Promise<ValidatedFixture> {
  const deadline = Date.now() + patience;
  while (
    !(await access(stored(name)).then(
      () => true,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) {
      throw new Error(`${name} was not built and validated within ${patience / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const result = JSON.parse(await readFile(stored(name), 'utf8')) as Stored;
  if (result.error) throw new Error(result.error);
  const { built } = result;
  const file = (lang: string, format: FixtureEdition['format']) => {
    const found = built.find((e) => e.lang === lang && e.format === format);
    if (!found) throw new Error(`no ${lang} ${format} edition was built`);
    return found.path;
  };
  return {
    built,
    nu: new Map(result.nu),
    pages: new Map(result.pages),
    epubVerdicts: new Map(result.epubVerdicts),
    file,
  };
}
