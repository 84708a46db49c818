/** The page's own ids (src/markdown/ids.ts) are those the shipped templates write. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReservedId, TEMPLATE_IDS, unreserved } from '../../src/markdown/ids.js';
import { SCRIPT_ID } from '../../src/preview/live-reload.js';
import { ROOT } from '../helpers/editions.js';

describe('reserved ids', () => {
  it('every literal id in the templates, and the preview script, is reserved', async () => {
    const dir = path.join(ROOT, 'templates');
    const files = (await readdir(dir, { recursive: true })).filter(
      (f) => f.endsWith('.liquid') && !f.endsWith('package.opf.liquid'),
    ); // the package is not a page
    const ids = new Set<string>();
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/\sid="([^"{]*)(\{\{[^"]*)?"/g)) {
        // "nav-{{ forloop.index }}" stands for nav-1, nav-2…
        ids.add(m[2] ? `${m[1]}1` : (m[1] ?? ''));
      }
    }
    expect(ids.size).toBeGreaterThan(5);
    for (const id of ids) {
      if (id === '1') continue; // {{ image.id }}, {{ font.id }}: the EPUB package's, not the page's
      expect(isReservedId(id), id).toBe(true);
    }
    expect(TEMPLATE_IDS.has(SCRIPT_ID)).toBe(true);
  });

  it('footnote ids are reserved and a generated id never is', () => {
    for (const id of ['fn1', 'fnref12', 'fnref3:2', 'text', 'title', 'footnotes-title']) {
      expect(isReservedId(id)).toBe(true);
      expect(isReservedId(unreserved(id))).toBe(false);
    }
    expect(unreserved('lines')).toBe('lines');
  });
});
