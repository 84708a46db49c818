/**
 * A configuration that does not fit the schema, said as a user fixes it: which key, where
 * (file:line:column for JSON and YAML, the file and the key's path for JS), and what fits.
 */
import path from 'node:path';
import type * as z from 'zod/mini';
import { silenceProblem } from '../article/front-matter-translation.js';
import { describe } from '../article/front-matter-values.js';
import { closeCommands } from '../cli/suggest.js';
import { type SourceLocation, UserError } from '../errors.js';
import { positionOf } from './positions.js';
import { isFixedRule, SETTABLE_RULES } from './rules.js';
import { configSchema } from './schema.js';

const KEYS = Object.keys(configSchema.shape).filter((k) => k !== '$schema');

export function invalidConfig(
  issue: z.core.$ZodIssue,
  data: unknown,
  absFile: string,
  file: string,
): UserError {
  const keys = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') keys.push(issue.keys[0] ?? '');
  const { message, hint } = explain(issue, keys, data);
  const isPackage = path.basename(absFile) === 'package.json';
  const where = isPackage ? ['build-article', ...keys] : keys;
  // A JS configuration's keys have no line: it is the value the module exports.
  const location: SourceLocation = /\.[cm]?js$/.test(absFile)
    ? { file }
    : { file, ...positionOf(absFile, where) };
  return new UserError(message, { location, hint });
}

function explain(
  issue: z.core.$ZodIssue,
  keys: string[],
  data: unknown,
): { message: string; hint: string } {
  const key = keys[keys.length - 1] ?? '';
  if (issue.code === 'unrecognized_keys') {
    if (keys[0] === 'silence' && keys.length === 3) {
      const problem = silenceProblem(key);
      if (problem) return problem;
    }
    if (keys[0] === 'rules') {
      if (isFixedRule(key)) {
        return {
          message: `the rule "${key}" cannot be set`,
          hint: 'its errors mean an edition cannot be made: fix what it reports instead',
        };
      }
      return {
        message: `unknown rule "${key}" in the configuration`,
        hint: suggestion(key, SETTABLE_RULES, 'the rules are listed in the README, under Checks'),
      };
    }
    return {
      message: `unknown configuration key "${key}"`,
      hint: suggestion(key, KEYS, `the keys are: ${KEYS.join(', ')}`),
    };
  }
  const value = valueAt(data, keys);
  if (keys.length === 0) {
    return {
      message: `the configuration must be a set of keys, not ${describe(value)}`,
      hint: 'write an object, such as { "formats": ["html", "pdf"] }',
    };
  }
  const problem =
    issue.code === 'invalid_type' ? `must be ${expected(issue.expected)}` : issue.message;
  return {
    message: `configuration "${keyPath(keys)}" ${problem}, not ${describe(value)}`,
    hint: 'see the Configuration section of the README, or point your editor to schemas/config.schema.json',
  };
}

function expected(type: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a set of keys',
  };
  return names[type] ?? type;
}

function suggestion(word: string, known: readonly string[], otherwise: string): string {
  const near = closeCommands(word, known)[0];
  return near !== undefined ? `did you mean "${near}"?` : otherwise;
}

/** "formats[1]", "rules.alt-too-long". */
function keyPath(keys: string[]): string {
  return keys.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function valueAt(data: unknown, keys: string[]): unknown {
  let value = data;
  for (const k of keys) value = (value as Record<string, unknown> | undefined)?.[k];
  return value;
}
