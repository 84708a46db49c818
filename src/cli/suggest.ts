/**
 * "Did you mean": the default command takes a folder name, so a mistyped command
 * (`build-article chek`) would be read as a folder. The rule: an argument that is not an
 * existing path and is within two edits of a command's name is taken as a mistyped command.
 */
import { existsSync } from 'node:fs';

/** The commands a first argument may have meant, nearest first. */
export function closeCommands(word: string, commands: readonly string[]): string[] {
  const typed = word.toLowerCase();
  return commands
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .filter((c) => c.distance <= 2 && c.distance < c.name.length)
    .sort((a, b) => a.distance - b.distance)
    .map((c) => c.name);
}

/** The command meant by an article-folder argument, when it is one mistyped. */
export function mistypedCommand(
  arg: string | undefined,
  commands: readonly string[],
  exists: (p: string) => boolean = existsSync,
): string | undefined {
  if (arg === undefined || exists(arg)) return undefined;
  return closeCommands(arg, commands)[0];
}

/** Levenshtein distance, counting a swap of two neighbours as one edit ("chcek"). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}
