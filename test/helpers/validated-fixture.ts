/**
 * A test article built into all three formats with the real CLI, then through the validators
 * once: vnu and axe for its HTML pages, EPUBCheck and Ace for its EPUBs, each validator
 * started once for all of them. The feature tests (math, citations, code and callouts, all
 * of them at once) read their verdicts from here.
 */
import { inspectPages, type PageFacts } from '../validators/page-checks.js';
import { runCli } from './cli.js';
import { aces, epubchecks, type Verdict, vnu } from './validators.js';

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

export async function buildAndValidate(
  fixture: string,
  out: string,
  extra: string[] = [],
): Promise<ValidatedFixture> {
  const ran = await runCli([fixture, '-o', out, ...extra, '--json']);
  if (ran.code !== 0) throw new Error(`building ${fixture} failed:\n${ran.stderr}`);
  const built = (JSON.parse(ran.stdout) as { editions: FixtureEdition[] }).editions;
  const html = built.filter((e) => e.format === 'html').map((e) => e.path);
  const [nu, pages] = await Promise.all([vnu(html), inspectPages(html)]);
  const epubs = built.filter((e) => e.format === 'epub').map((e) => e.path);
  const [checked, accessed] = await Promise.all([epubchecks(epubs), aces(epubs)]);
  const epubVerdicts = new Map<string, { epubcheck: Verdict; ace: Verdict }>();
  for (const epub of epubs) {
    const check = checked.get(epub);
    const a11y = accessed.get(epub);
    if (check && a11y) epubVerdicts.set(epub, { epubcheck: check, ace: a11y });
  }
  const file = (lang: string, format: FixtureEdition['format']) => {
    const found = built.find((e) => e.lang === lang && e.format === format);
    if (!found) throw new Error(`no ${lang} ${format} edition was built`);
    return found.path;
  };
  return { built, nu, pages, epubVerdicts, file };
}
