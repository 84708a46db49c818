/**
 * "Did you mean": the default command takes a folder name, so a mistyped command
 * (`build-article chek`) would be read as a folder. The rule: an argument that is not an
 * existing path and is within two edits of a command's name is taken as a mistyped command.
 */
import { existsSync } from 'node:fs';
import { editDistance } from '../edit-distance.js';

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
