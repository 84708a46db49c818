/**
 * Links whose URL cannot be published (javascript:, file:, data:, vbscript:, "//host"):
 * the editions show their text without a link, and the writer is told where. Pure.
 */

import { shorten } from '../article/input-error.js';
import type { EditionSource } from '../article/load.js';
import { type Finding, finding } from './findings.js';

export function checkLinks(edition: EditionSource): Finding[] {
  return edition.doc.refusedLinks.map(({ href, line, column }) => {
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
    const kind = scheme ? `a ${scheme}: URL` : 'not a web address';
    return finding(
      'link-refused',
      { file: edition.file, line, column },
      `link to "${shorten(href, 60)}" is ${kind} and cannot be published`,
      scheme === 'file'
        ? 'a reader cannot open a file on your computer: put the file online and link to its https: address, or remove the link'
        : 'link to an https:, http: or mailto: address, or to a #heading of the article; the text stays, the link is dropped',
    );
  });
}
