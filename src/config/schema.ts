/**
 * The configuration file's one schema: it validates what the file says, gives
 * `defineConfig` its type, and is written out as schemas/config.schema.json for editors.
 */
import * as z from 'zod/mini';
import { RULES } from '../check/rules.js';
import { FORMATS } from '../render/model.js';
import { PAPER_NAMES } from '../render/paper.js';
import { RULE_LEVELS, type RuleSettings, SETTABLE_RULES, type SettableRule } from './rules.js';

const about = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

const nonEmpty = (description: string) =>
  about(z.string().check(z.trim(), z.minLength(1, 'must not be empty')), description);

// A schema per rule: each carries its own description.
const ruleLevel = () => z.enum(RULE_LEVELS, { error: `must be one of ${RULE_LEVELS.join(', ')}` });

const rules = z.strictObject(
  Object.fromEntries(
    SETTABLE_RULES.map((id) => [id, z.optional(about(ruleLevel(), RULES[id].summary))]),
  ),
);

const reason = () =>
  z.string().check(z.trim(), z.minLength(1, 'must give a reason'), z.maxLength(1_000));

// Per language file, the rules whose findings it answers for, each with its reason.
const silence = z.record(
  about(z.string().check(z.minLength(1)), 'a language file of the article, such as fr.md'),
  z.strictObject(
    Object.fromEntries(
      SETTABLE_RULES.map((id) => [id, z.optional(about(reason(), `why: ${RULES[id].summary}`))]),
    ),
  ),
);

export const configSchema = z.strictObject({
  $schema: z.optional(nonEmpty('the JSON Schema an editor checks this file against')),
  out: z.optional(
    nonEmpty('output folder, relative to this file (default: dist; --out overrides it)'),
  ),
  languages: z.optional(
    about(
      z
        .array(z.string().check(z.trim(), z.minLength(1, 'must not be empty')))
        .check(z.minLength(1, 'must name at least one language')),
      'languages to build, e.g. ["en", "it"] (default: all; --lang overrides it)',
    ),
  ),
  formats: z.optional(
    about(
      z
        .array(
          z.enum(FORMATS as ['html', 'pdf', 'epub'], {
            error: `must be one of ${FORMATS.join(', ')}`,
          }),
        )
        .check(z.minLength(1, 'must name at least one format')),
      'formats to build (default: all three; --format overrides it)',
    ),
  ),
  templates: z.optional(
    nonEmpty('a folder, relative to this file, whose templates override the defaults'),
  ),
  browser: z.optional(
    nonEmpty('the Chrome/Chromium that prints the PDF (a path relative to this file, or absolute)'),
  ),
  paper: z.optional(
    about(
      z.enum(PAPER_NAMES, { error: `must be one of ${PAPER_NAMES.join(', ')}` }),
      "PDF paper size (default: the templates' @page size, else a4)",
    ),
  ),
  timeout: z.optional(
    about(
      z
        .number({ error: 'must be a number of seconds' })
        .check(z.positive('must be more than 0 seconds')),
      'seconds to wait for a browser operation (default: 60)',
    ),
  ),
  strict: z.optional(about(z.boolean(), 'treat check warnings as errors')),
  rules: z.optional(about(rules, 'severity of check rules by id: error, warning, note or off')),
  silence: z.optional(
    about(
      silence,
      'findings a language file answers for: { "fr.md": { "title-untranslated": "the reason" } }',
    ),
  ),
});

/** What a configuration file holds; every key may be left out. */
type Silence = Record<string, Partial<Record<SettableRule, string>>>;
export type BuildArticleConfig = Omit<z.input<typeof configSchema>, 'rules' | 'silence'> & {
  rules?: RuleSettings;
  silence?: Silence;
};
export type ParsedConfig = Omit<z.output<typeof configSchema>, 'rules' | 'silence'> & {
  rules?: RuleSettings;
  silence?: Silence;
};
