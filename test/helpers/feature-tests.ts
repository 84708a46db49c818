/**
 * The tests that read the feature articles' verdicts (helpers/validated-fixture.ts). The
 * global set-up starts that work only when the run includes one of them, and
 * vitest.config.ts runs them last.
 */
export const FEATURE_TESTS = [
  'test/e2e/math.test.ts',
  'test/e2e/citations.test.ts',
  'test/e2e/rich-content.test.ts',
  'test/e2e/all-content.test.ts',
  'test/e2e/devanagari.test.ts',
];
