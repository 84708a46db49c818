/**
 * Every check over a loaded article, in one list: the problems met while reading it, then
 * the rules over each edition and between editions. It writes nothing and reads only the
 * shipped labels files (to say which languages have them), once per run.
 * It always covers every language of the folder, whichever editions a build asks for.
 */
import type { Article } from '../article/load.js';
import { shippedLabels } from '../render/label-files.js';
import type { LabelStatus } from '../render/labels.js';
import { checkAltText } from './alt-text.js';
import { checkCitationStructure, checkCitations } from './citations.js';
import { byPlace, type Finding } from './findings.js';
import { checkIds } from './ids.js';
import { checkImageBudget } from './image-budget.js';
import { checkLabels } from './labels.js';
import { checkLinkAnchors } from './link-anchors.js';
import { checkLinks } from './links.js';
import { checkMath, checkMathTex } from './math.js';
import { checkRawHtml } from './raw-html.js';
import { checkStructure } from './structure.js';
import { checkTranslations } from './translations.js';
import { checkTypesetting } from './typesetting.js';

/**
 * `labelStatus` says which labels file serves a language: a build passes its templates'
 * (a --templates folder's files count); without it, the shipped files are asked.
 */
export function checkArticle(
  article: Article,
  labelStatus: (lang: string) => LabelStatus = (lang) => shippedLabels().status(lang),
): Finding[] {
  return [
    ...(article.problems ?? []),
    ...article.editions.flatMap((edition) => [
      ...checkAltText(edition),
      ...checkRawHtml(edition),
      ...checkIds(edition),
      ...checkLinks(edition),
      ...checkMathTex(edition),
      ...checkCitations(edition),
    ]),
    ...checkLinkAnchors(article.editions),
    ...checkTranslations(article.editions),
    ...checkStructure(article),
    ...checkMath(article),
    ...checkCitationStructure(article),
    ...checkTypesetting(article.editions),
    ...checkLabels(article.editions, labelStatus),
    ...checkImageBudget(article),
  ].sort(byPlace);
}

export function hasErrors(findings: Finding[], strict: boolean): boolean {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
}
