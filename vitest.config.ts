import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { FEATURE_TESTS } from './test/helpers/feature-tests.js';

/**
 * Vitest's order (the slowest or largest files first), with the feature tests last: the
 * global set-up starts building and validating their articles and lets every other test run
 * meanwhile, so by their turn the verdicts are there to read.
 */
class FeatureTestsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const feature = (spec: TestSpecification) =>
      FEATURE_TESTS.some((file) => spec.moduleId.endsWith(file));
    return [...sorted.filter((spec) => !feature(spec)), ...sorted.filter(feature)];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    sequence: { sequencer: FeatureTestsLast },
  },
});
