/**
 * The JSON Schemas shipped in schemas/, made from the zod schemas the code validates with,
 * so that what an editor accepts is what build-article accepts. They describe the input
 * (what a writer types), before trimming.
 */
import * as z from 'zod/mini';
import { frontMatterSchema } from '../article/front-matter.js';
import { configSchema } from './schema.js';

function jsonSchema(schema: z.ZodMiniType, title: string) {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return { $schema, title, ...rest };
}

/** File name -> its text, as written into schemas/. */
export function jsonSchemaFiles(): Record<string, string> {
  const files = {
    'config.schema.json': jsonSchema(configSchema, 'build-article configuration'),
    'front-matter.schema.json': jsonSchema(frontMatterSchema, 'build-article front matter'),
  };
  return Object.fromEntries(
    Object.entries(files).map(([name, schema]) => [name, `${JSON.stringify(schema, null, 2)}\n`]),
  );
}
