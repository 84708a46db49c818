/**
 * `defineConfig` for a build-article.config.js: it returns what it is given, and its type
 * lets an editor complete and check the keys while they are typed.
 */
import type { BuildArticleConfig } from './schema.js';

export type { BuildArticleConfig };

export function defineConfig(config: BuildArticleConfig): BuildArticleConfig {
  return config;
}
