/** Where a key is written in a JSON or YAML configuration, to point a message at its line. */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** The line and column of the deepest key (or list item) along `keys` that the file has. */
export function positionOf(
  file: string,
  keys: string[],
): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
  let node: unknown = doc.contents;
  let offset = (node as { range?: number[] } | null)?.range?.[0];
  for (const k of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
      if (!pair) break;
      offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(k)];
      if (!item) break;
      offset = (item as { range?: number[] }).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  if (offset === undefined) return undefined;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
