/** A problem found in an article: where it is, which rule found it, how to fix it. */
export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  rule: string;
  message: string;
  hint: string;
  file: string;
  line?: number;
  column?: number;
}

export function formatFinding(f: Finding): string {
  const where = [f.file, f.line, f.line !== undefined ? f.column : undefined]
    .filter((p) => p !== undefined)
    .join(':');
  return `${where}: ${f.severity} ${f.message} [${f.rule}]\n  hint: ${f.hint}`;
}
