/**
 * What the images of an edition may cost: the HTML edition embeds every use of an image
 * (as a data: URL), so one 1 MB image shown 100 times makes a 130 MB page that no browser
 * prints in time. The sum over the uses is bounded, and the use that passes it is named.
 * Pure.
 */
import type { Article } from '../article/load.js';
import { type Finding, finding } from './findings.js';

/** Base64 makes each embedded byte 4/3 of a byte; this bounds the page's image text. */
export const MAX_EDITION_IMAGE_BYTES = 64 * 1024 * 1024;

export function checkImageBudget(article: Article): Finding[] {
  return article.editions.flatMap((edition) => {
    let total = 0;
    const uses = new Map<string, number>();
    for (const image of edition.doc.images) {
      const rel = article.imagePaths.get(image.src);
      const asset = rel === undefined ? undefined : article.assets.get(rel);
      if (!asset) continue;
      uses.set(asset.rel, (uses.get(asset.rel) ?? 0) + 1);
      total += Math.ceil(asset.bytes.byteLength / 3) * 4;
      if (total > MAX_EDITION_IMAGE_BYTES) {
        const most = [...uses].sort((a, b) => b[1] - a[1])[0] ?? [asset.rel, 1];
        return [
          finding(
            'images-too-large',
            { file: edition.file, line: image.line, column: image.column },
            `the images shown up to here add up to more than ${MAX_EDITION_IMAGE_BYTES / 1024 / 1024} MB embedded in the page (each use is embedded again; "${most[0]}" is shown ${most[1]} time${most[1] === 1 ? '' : 's'})`,
            'show each image fewer times, or make the images smaller (resize them, or export with more compression)',
          ),
        ];
      }
    }
    return [];
  });
}
