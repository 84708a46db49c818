/**
 * Findings a file answers for: a `silence:` in its front matter, or the configuration
 * file's `silence:` under its file name, names a rule and says why its findings in that file
 * are right as they are (a title that is a proper name is the same in every language). The
 * findings are kept aside with the reason, for `check` to list, and a silence that silences
 * nothing is itself a finding, so that none outlives its reason unseen. Pure.
 */
import path from 'node:path';
import type { Silence } from '../article/front-matter-translation.js';
import type { EditionSource } from '../article/load.js';
import { byPlace, type Finding, finding, type Place } from './findings.js';

/** The configuration's silences: per language file name ("fr.md"), rule and reason. */
export interface ConfigSilences {
  /** The configuration file, as the user would name it. */
  file: string;
  silence: Record<string, Record<string, string>>;
  /** Where each "file/rule" is written, when the file is JSON or YAML. */
  places?: Record<string, { line: number; column: number }>;
}

export interface SilencedFinding extends Finding {
  reason: string;
  /** Where the silence is written. */
  silencedAt: Place;
}

export interface Silenced {
  findings: Finding[];
  silenced: SilencedFinding[];
}

interface Entry extends Silence {
  /** The edition's file it speaks for, and the file it is written in. */
  target: string;
  at: Place;
  /** The file name the configuration gives. */
  name?: string;
}

/** Findings of rules that not every run looks for: a silence of theirs may rightly wait. */
const NOT_ALWAYS_RUN = new Set(['link-broken']);

export function applySilences(
  findings: Finding[],
  editions: EditionSource[],
  config?: ConfigSilences,
): Silenced {
  const entries = silenceEntries(editions, config);
  if (entries.length === 0) return { findings, silenced: [] };
  const used = new Set<Entry>();
  const kept: Finding[] = [];
  const silenced: SilencedFinding[] = [];
  for (const f of findings) {
    const entry = entries.find((e) => e.rule === f.rule && e.target === f.file);
    if (!entry) kept.push(f);
    else {
      used.add(entry);
      silenced.push({ ...f, reason: entry.reason, silencedAt: entry.at });
    }
  }
  for (const entry of entries) {
    if (used.has(entry) || NOT_ALWAYS_RUN.has(entry.rule)) continue;
    kept.push(
      finding(
        'silence-unused',
        entry.at,
        entry.target
          ? `"${entry.rule}" finds nothing in ${entry.target} to silence`
          : `the configuration silences "${entry.rule}" in "${entry.name}", which is not a language file of the article`,
        'remove the silence: what it answered for is gone',
      ),
    );
  }
  return { findings: kept.sort(byPlace), silenced };
}

function silenceEntries(editions: EditionSource[], config?: ConfigSilences): Entry[] {
  const entries: Entry[] = editions.flatMap((e) =>
    (e.meta.silences ?? []).map((s) => ({
      ...s,
      target: e.file,
      at: { file: e.file, line: s.line, column: s.column },
    })),
  );
  for (const [name, rules] of Object.entries(config?.silence ?? {})) {
    const edition = editions.find((e) => path.basename(e.file) === name);
    for (const [rule, reason] of Object.entries(rules)) {
      const place = config?.places?.[`${name}/${rule}`] ?? { line: 1, column: 1 };
      entries.push({
        rule,
        reason,
        ...place,
        target: edition?.file ?? '',
        name,
        at: { file: config?.file ?? '', ...place },
      });
    }
  }
  return entries;
}
