/** A problem found in an article: where it is, which rule found it, how to fix it. */
import { formatLocation } from '../errors.js';
import { RULES, type RuleId } from './rules.js';

/** An error stops the build; a warning too with --strict; a note never does. */
export type Severity = 'error' | 'warning' | 'note';

export interface Finding {
  severity: Severity;
  rule: string;
  message: string;
  hint: string;
  file: string;
  line?: number;
  column?: number;
}

export interface Place {
  file: string;
  line: number;
  column?: number;
}

/** A finding of a rule at a place; the severity comes from the rule. */
export function finding(rule: RuleId, at: Place, message: string, hint: string): Finding {
  const { severity } = RULES[rule];
  return { severity, rule, message, hint, file: at.file, line: at.line, column: at.column ?? 1 };
}

/** "it.md:21:1", to name the other edition in a message. */
export function where(at: Place): string {
  return formatLocation(at);
}

export function formatFinding(f: Finding): string {
  return `${formatLocation(f)}: ${f.severity} ${f.message} [${f.rule}]\n  hint: ${f.hint}`;
}

/** Findings in reading order: by file, then line, then column. */
export function byPlace(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0)
  );
}
