/**
 * The JSON Schemas in schemas/: the shipped files are what the code makes now, and a JSON
 * Schema validator (ajv) accepts what build-article accepts — the real front matter of the
 * shipped and test articles, the README's configuration — and refuses what it refuses.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFrontMatter, splitFrontMatter } from '../../src/article/front-matter.js';
import { jsonSchemaFiles } from '../../src/config/json-schemas.js';
import { configSchema } from '../../src/config/schema.js';
import { ROOT } from '../helpers/editions.js';

const shipped = (name: string) => readFileSync(path.join(ROOT, 'schemas', name), 'utf8');
// Formats are left to the schemas' patterns (a date's pattern is in the schema itself).
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validConfig = ajv.compile(JSON.parse(shipped('config.schema.json')));
const validFrontMatter = ajv.compile(JSON.parse(shipped('front-matter.schema.json')));

/** The language files of the shipped article and of every test fixture. */
function articleFiles(): string[] {
  const folders = [
    path.join(ROOT, 'article'),
    ...readdirSync(path.join(ROOT, 'test/fixtures')).map((f) =>
      path.join(ROOT, 'test/fixtures', f),
    ),
  ];
  return folders.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /^[a-z]{2}(-[A-Z]{2})?\.md$/.test(f))
      .map((f) => path.join(dir, f)),
  );
}

/** Does build-article accept this front matter? */
function toolAccepts(yaml: string): boolean {
  try {
    parseFrontMatter(yaml, 'en.md');
    return true;
  } catch {
    return false;
  }
}

describe('the JSON Schemas shipped', () => {
  it('are what the code makes now (npm run build writes them)', () => {
    const files = jsonSchemaFiles();
    expect(Object.keys(files).sort()).toEqual(readdirSync(path.join(ROOT, 'schemas')).sort());
    for (const [name, text] of Object.entries(files)) {
      expect(shipped(name), `schemas/${name} is stale: run npm run build`).toBe(text);
    }
  });

  it('are in the package npm packs', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['pack', '--dry-run', '--ignore-scripts', '--json'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const files = packed?.files.map((f) => f.path) ?? [];
    for (const name of Object.keys(jsonSchemaFiles())) expect(files).toContain(`schemas/${name}`);
  });

  it('accept the front matter of the shipped article and of every test article', () => {
    const files = articleFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const { yaml } = splitFrontMatter(readFileSync(file, 'utf8'), file);
      expect(toolAccepts(yaml), file).toBe(true);
      expect(
        validFrontMatter(parse(yaml)),
        `${file}: ${ajv.errorsText(validFrontMatter.errors)}`,
      ).toBe(true);
    }
  });

  it('refuse the front matter build-article refuses', () => {
    const bad = [
      'title: No author',
      'title: T\nauthor: A\nauthr: B',
      'title: T\nauthor: A\ndate: 2021-02-30',
      'title: T\nauthor: A\ndate: 19 February 2021',
      'title: T\nauthor: A\ntoc: yes please',
      'title: T\nauthor: []',
      'title: T\nauthor: A\nkeywords: one, two',
      'title: T\nauthor: A\ncover: { image: images/c.jpg, alt: x, size: 3 }',
      `title: ${'x'.repeat(1001)}\nauthor: A`,
      'title: T\nauthor: A\nauthor-id: jane doe',
      'title: T\nauthor: A\nsource: English',
      'title: T\nauthor: A\nsilence: { title-untranslatd: a name }',
      'title: T\nauthor: A\nsilence: { image-missing: later }',
      'title: T\nauthor: A\nsilence: { title-untranslated: "" }',
    ];
    for (const yaml of bad) {
      expect(toolAccepts(yaml), yaml).toBe(false);
      expect(validFrontMatter(parse(yaml)), yaml).toBe(false);
    }
  });

  it("accept the README's configuration, which build-article accepts", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block =
      /```yaml\n(# yaml-language-server: \$schema=\S+config\.schema\.json\n[\s\S]*?)```/.exec(
        readme,
      )?.[1];
    expect(block).toBeDefined();
    const config = parse(block ?? '');
    expect(Object.keys(config).length).toBeGreaterThan(5);
    expect(configSchema.safeParse(config).success).toBe(true);
    expect(validConfig(config), ajv.errorsText(validConfig.errors)).toBe(true);
    expect(
      validConfig({ $schema: './node_modules/build-article/schemas/config.schema.json' }),
    ).toBe(true);
  });

  it('refuse the configurations build-article refuses', () => {
    const bad: unknown[] = [
      { fromats: ['html'] },
      { formats: ['html', 'docx'] },
      { formats: [] },
      { paper: 'A4' },
      { timeout: 0 },
      { timeout: '60' },
      { strict: 'yes' },
      { out: '' },
      { rules: { 'front-matter-field': 'off' } },
      { rules: { 'title-untranslated': 'loud' } },
      { rules: { 'no-such-rule': 'off' } },
      { silence: { 'fr.md': { 'title-untranslatd': 'a name' } } },
      { silence: { 'fr.md': { 'title-untranslated': '' } } },
      ['html'],
    ];
    for (const config of bad) {
      const shown = JSON.stringify(config);
      expect(configSchema.safeParse(config).success, shown).toBe(false);
      expect(validConfig(config), shown).toBe(false);
    }
  });
});
