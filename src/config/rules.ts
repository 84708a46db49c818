/**
 * Rule settings from the configuration file: a check rule's severity turned up ("error"),
 * down ("warning", "note") or "off". Rules whose error means an edition cannot be made
 * safely or at all keep their severity: they are not offered.
 */
import type { Finding } from '../check/findings.js';
import { RULES, type RuleId } from '../check/rules.js';

export const RULE_LEVELS = ['error', 'warning', 'note', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/**
 * Problems met while reading the files (an article with them is never rendered: there is
 * nothing sound to render), and the errors that guard the editions themselves: an id the
 * page uses or two equal ids break its links, a refused link would publish a script, and
 * the image budget keeps Chromium and the EPUB within memory.
 */
const FIXED = [
  'file-encoding',
  'heading-id-duplicate',
  'file-unreadable',
  'file-control-character',
  'glyph-missing',
  'file-outside',
  'file-too-large',
  'markdown-nesting',
  'front-matter-syntax',
  'front-matter-field',
  'front-matter-source',
  'image-missing',
  'image-remote',
  'image-url',
  'image-outside',
  'image-not-image',
  'image-unsupported',
  'image-too-large',
  'image-corrupt',
  'image-too-complex',
  'image-unsafe-svg',
  'cite-no-bibliography',
  'bibliography-file',
  'bibliography-syntax',
  'csl-file',
  'csl-style',
  'id-reserved',
  'id-duplicate',
  'xref-duplicate',
  'link-refused',
  'images-too-large',
] as const satisfies readonly RuleId[];

const fixed: ReadonlySet<string> = new Set(FIXED);

export type SettableRule = Exclude<RuleId, (typeof FIXED)[number]>;
export type RuleSettings = Partial<Record<SettableRule, RuleLevel>>;

/** The rules a configuration may set, in the order the README lists them. */
export const SETTABLE_RULES = (Object.keys(RULES) as RuleId[]).filter(
  (id): id is SettableRule => !fixed.has(id),
);

export function isFixedRule(id: string): boolean {
  return fixed.has(id);
}

/** The findings with the severities the configuration gives their rules; "off" drops them. */
export function applyRuleSettings(findings: Finding[], rules: RuleSettings | undefined): Finding[] {
  if (rules === undefined) return findings;
  return findings.flatMap((f) => {
    const level = rules[f.rule as SettableRule];
    if (level === undefined || fixed.has(f.rule)) return [f];
    return level === 'off' ? [] : [{ ...f, severity: level }];
  });
}
