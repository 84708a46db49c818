/** Every check over a loaded article, in one list. Pure: it reads nothing and writes nothing. */
import type { Article } from '../article/load.js';
import { checkAltText } from './alt-text.js';
import type { Finding } from './findings.js';

export function checkArticle(article: Article): Finding[] {
  return article.editions.flatMap((edition) => checkAltText(edition));
}

export function hasErrors(findings: Finding[], strict: boolean): boolean {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
}
