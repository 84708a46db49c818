/**
 * The front matter keys that say how the editions relate: who the author is whatever the
 * spelling (`author-id`), which language the others are translated from (`source`), and
 * which findings a file answers for with a reason (`silence`).
 */
import * as z from 'zod/mini';
import { RULES } from '../check/rules.js';
import { isFixedRule, SETTABLE_RULES, type SettableRule } from '../config/rules.js';
import { editDistance } from '../edit-distance.js';

const word = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.regex(/^\S+$/, 'must be one word, without spaces'),
      z.maxLength(max, `must be at most ${max} characters`),
    );

/** An ORCID, a slug or any identifier of a person: one per author, the same in every file. */
export const authorIdSchema = z.union([
  word(300),
  z.array(word(300)).check(z.minLength(1), z.maxLength(50, 'must have at most 50 entries')),
]);

export const sourceSchema = z
  .string()
  .check(
    z.trim(),
    z.regex(
      /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/,
      'must be a language tag such as en or zh-Hans',
    ),
  );

/** Rule by rule, why this file's findings of it are right as they are. */
export const silenceSchema = z.partialRecord(
  z.enum(SETTABLE_RULES as [SettableRule, ...SettableRule[]]),
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'must give a reason'),
      z.maxLength(1_000, 'must be at most 1000 characters'),
    ),
);

/** One finding rule a file answers for, and why. */
export interface Silence {
  rule: string;
  reason: string;
  /** Where it is said: the rule's key in the front matter, or in the configuration file. */
  line: number;
  column: number;
}

/** The rule a misspelt name is nearest to, when one is near enough to be meant. */
export function nearestRule(name: string): string | undefined {
  const typed = name.toLowerCase();
  const [best] = SETTABLE_RULES.map((rule) => ({ rule, d: editDistance(typed, rule) }))
    .filter(({ d, rule }) => d <= Math.max(2, Math.floor(rule.length / 3)))
    .sort((a, b) => a.d - b.d);
  return best?.rule;
}

/** Why a name cannot be silenced, or undefined when it can. */
export function silenceProblem(rule: string): { message: string; hint: string } | undefined {
  if (isFixedRule(rule)) {
    return {
      message: `the rule "${rule}" cannot be silenced`,
      hint: 'its findings mean an edition cannot be made as written: fix what it reports instead',
    };
  }
  if (Object.hasOwn(RULES, rule)) return undefined;
  const near = nearestRule(rule);
  return {
    message: `there is no rule "${rule}" to silence`,
    hint: near
      ? `did you mean "${near}"?`
      : 'name a rule as a finding shows it in [brackets]; the README lists them under Checks',
  };
}

/** The silences of a front matter; `at` places a rule's key in the file. */
export function frontMatterSilences(
  silence: Partial<Record<string, string>> | undefined,
  at: (rule: string) => { line: number; column: number },
): Silence[] {
  return Object.entries(silence ?? {}).map(([rule, reason]) => ({
    rule,
    reason: reason ?? '',
    ...at(rule),
  }));
}
