/** Rules about images' alt text, in each language. Pure. */
import type { EditionSource } from '../article/load.js';
import type { Finding } from './findings.js';

export function checkAltText(edition: EditionSource): Finding[] {
  const findings: Finding[] = [];
  for (const image of edition.doc.images) {
    const at = { file: edition.file, line: image.line };
    if (!image.decorative && image.alt === '') {
      findings.push({
        severity: 'error',
        rule: 'alt-missing',
        message: `image "${image.src}" has no alt text`,
        hint: 'describe what the image shows between the brackets: ![A tram crossing the bridge](images/x.png); if it is purely decorative, write ![](images/x.png){.decorative}',
        ...at,
      });
    }
  }
  return findings;
}
