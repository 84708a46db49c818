/** Front matter values as a message names them: 'a number (12)', '6000 characters'. */

/** "6000 characters" or "101 entries": the size of the value a too_big issue is about. */
export function sizeOf(data: Record<string, unknown>, path: string[]): string {
  let value: unknown = data;
  for (const part of path) value = (value as Record<string, unknown>)?.[part];
  return Array.isArray(value) ? `${value.length} entries` : `${String(value).length} characters`;
}

/** A YAML value as a writer would name it: 'a number (12)', 'an empty text', 'a list'. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    return value.trim() === ''
      ? 'an empty text'
      : `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  }
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value === null || value === undefined) return 'nothing';
  return 'a set of "key: value" lines';
}
