/**
 * The articles the contents-list tests build, each with the real CLI into a temporary
 * folder: the fixture with seven sections (a list without asking), the second test article
 * with `toc: true` (three sections: a list because it asks), and the fixture with
 * `toc: false` (none although it has seven). The shipped article and the second test
 * article as they are come from the global set-up's build.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { type ReportedEdition, ROOT } from '../helpers/editions.js';

export const CASES = {
  contents: { from: 'test/fixtures/contents-article', toc: undefined },
  asked: { from: 'test/fixtures/second-article', toc: true },
  refused: { from: 'test/fixtures/contents-article', toc: false },
} as const;

export type CaseName = keyof typeof CASES;

export interface Built {
  work: string;
  editions(name: CaseName, format: ReportedEdition['format']): ReportedEdition[];
  remove(): Promise<void>;
}

/** Builds every case in `formats` (e.g. "html,pdf"), the cases one after the other. */
export async function buildCases(formats: string): Promise<Built> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'build-article-contents-'));
  const reports = new Map<CaseName, ReportedEdition[]>();
  for (const [name, { from, toc }] of Object.entries(CASES) as [
    CaseName,
    (typeof CASES)[CaseName],
  ][]) {
    const dir = path.join(work, name);
    await cp(path.join(ROOT, from), dir, { recursive: true });
    if (toc !== undefined) {
      for (const lang of ['en', 'it']) {
        const file = path.join(dir, `${lang}.md`);
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace(/^---\n/, `---\ntoc: ${toc}\n`));
      }
    }
    const ran = await runCli([dir, '-o', path.join(work, `${name}-out`), '-f', formats, '--json']);
    if (ran.code !== 0) throw new Error(`building ${name} failed (${ran.code}):\n${ran.stderr}`);
    reports.set(name, (JSON.parse(ran.stdout) as { editions: ReportedEdition[] }).editions);
  }
  return {
    work,
    editions: (name, format) => (reports.get(name) ?? []).filter((e) => e.format === format),
    remove: () => rm(work, { recursive: true, force: true }),
  };
}

/** The contents heading each language's edition should show. */
export const CONTENTS_HEADING: Record<string, string> = { en: 'Contents', it: 'Indice' };

export interface Entry {
  href: string;
  text: string;
  children: Entry[];
}

/**
 * h2 and h3 of a page's essay, in order, each h3 under the h2 before it: the author's
 * sections, not the notes' heading that the renderer adds (the PDF sets the notes at the
 * foot of their pages, without it).
 */
export function sectionsOf(essay: Element, hrefOf: (id: string) => string): Entry[] {
  const entries: Entry[] = [];
  let section: Entry | undefined;
  for (const heading of essay.querySelectorAll('h2, h3')) {
    if (heading.closest('.footnotes, [role="doc-endnotes"]')) continue;
    const entry = { href: hrefOf(heading.id), text: squash(heading.textContent), children: [] };
    if (heading.tagName.toLowerCase() === 'h3' && section) section.children.push(entry);
    else entries.push(entry);
    if (heading.tagName.toLowerCase() === 'h2') section = entry;
  }
  return entries;
}

/** A list of links (`ol > li > a`, nested `ol` inside the `li`) as entries. */
export function entriesOf(list: Element | null | undefined): Entry[] {
  if (!list) return [];
  return [...list.children]
    .filter((li) => li.tagName.toLowerCase() === 'li')
    .map((li) => {
      const children = [...li.children];
      const a = children.find((c) => c.tagName.toLowerCase() === 'a');
      const nested = children.find((c) => c.tagName.toLowerCase() === 'ol');
      return {
        href: a?.getAttribute('href') ?? '',
        text: squash(a?.textContent),
        children: entriesOf(nested),
      };
    });
}

export function flat(entries: Entry[]): Entry[] {
  return entries.flatMap((e) => [e, ...flat(e.children)]);
}

export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
