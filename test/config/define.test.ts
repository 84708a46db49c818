/**
 * defineConfig's types: `npm run typecheck` covers this file, so each @ts-expect-error is a
 * mistake the type must catch (an unused one fails the type check).
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/rules.js';
import { SETTABLE_RULES } from '../../src/config/rules.js';
import { type BuildArticleConfig, defineConfig } from '../../src/index.js';

describe('defineConfig', () => {
  it('returns the configuration it is given, typed', () => {
    const config: BuildArticleConfig = {
      formats: ['html', 'pdf'],
      paper: 'a5',
      rules: { 'title-untranslated': 'off', 'alt-too-long': 'error' },
    };
    expect(defineConfig(config)).toBe(config);
    // @ts-expect-error an unknown key
    defineConfig({ fromats: ['html'] });
    // @ts-expect-error an unknown format
    defineConfig({ formats: ['docx'] });
    // @ts-expect-error a paper size build-article does not have
    defineConfig({ paper: 'a3' });
    // @ts-expect-error a rule whose errors stop the build cannot be set
    defineConfig({ rules: { 'front-matter-field': 'off' } });
    // @ts-expect-error a severity that does not exist
    defineConfig({ rules: { 'alt-too-long': 'loud' } });
  });

  it('offers the check rules, and not those met while reading the files', () => {
    expect(SETTABLE_RULES).toContain('title-untranslated');
    expect(SETTABLE_RULES).toContain('structure-figures');
    expect(SETTABLE_RULES).not.toContain('image-missing');
    expect(SETTABLE_RULES).not.toContain('link-refused');
    expect(SETTABLE_RULES.every((id) => id in RULES)).toBe(true);
  });
});
