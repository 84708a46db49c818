/** build-article's public API: the CLI is a thin adapter over these. */

export { loadArticle } from './article/load.js';
export type { FoundBrowser } from './browser/find-browser.js';
export { type BuildOptions, type BuildResult, buildArticle, type EditionResult } from './build.js';
export type { Finding } from './check/findings.js';
export { checkArticle } from './check/index.js';
export { type BuildArticleConfig, defineConfig } from './config/define.js';
export type { RuleLevel, RuleSettings } from './config/rules.js';
export { UserError } from './errors.js';
export {
  type Preview,
  type PreviewEvent,
  type PreviewOptions,
  startPreview,
} from './preview/index.js';
export { VERSION } from './version.js';
