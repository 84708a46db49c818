/** Where keys are written in a front matter's YAML, as file lines, for messages about them. */
import { type Document, isMap, isScalar, type LineCounter } from 'yaml';

export function keyLocations(doc: Document, lineCounter: LineCounter, yamlLine: number) {
  const locations: Record<string, { line: number; column: number }> = {};
  if (!isMap(doc.contents)) return locations;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
    const pos = lineCounter.linePos(pair.key.range[0]);
    locations[String(pair.key.value)] = { line: pos.line + yamlLine - 1, column: pos.col };
  }
  return locations;
}

/** Source offset of the deepest node along `path` that exists (the key when there is one). */
export function offsetOf(doc: Document, path: string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (!isMap(node)) break;
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === segment,
    );
    if (!pair) break;
    if (isScalar(pair.key)) offset = pair.key.range?.[0];
    node = pair.value;
  }
  return offset ?? (isMap(doc.contents) ? doc.contents.range?.[0] : undefined);
}
