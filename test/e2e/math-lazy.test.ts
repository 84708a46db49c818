/**
 * temml, the TeX typesetter, and the math face's cutter are loaded only by an article with
 * math, citeproc-js and citation-js only by one with citations: the shipped article (which
 * has neither) loads none of them (test/helpers/loaded-modules.ts records what a build
 * loaded).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, ROOT } from '../helpers/editions.js';
import { type ModuleTrace, moduleTrace } from '../helpers/loaded-modules.js';

let trace: ModuleTrace;
beforeAll(async () => {
  trace = await moduleTrace('math-lazy-');
});
afterAll(() => trace.close());
const loadedBy = (article: string, name: string) => trace.loadedBy(article, name);

const mathModules = (loaded: string[]) =>
  loaded.filter((file) => /[/\\]temml[/\\]|bundle-math-font-/.test(file));
/**
 * citeproc-js, citation-js and the chunks that read a bibliography (src/article/citations.ts)
 * and set citations (src/markdown/cite-format.ts).
 */
const citationModules = (loaded: string[]) =>
  loaded.filter((file) =>
    /[/\\](?:citeproc|@citation-js)[/\\]|bundle-cite-format-|bundle-citations-/.test(file),
  );

describe('the math modules load lazily', () => {
  it('the shipped article, without math, loads neither temml nor the math face cutter', async () => {
    const loaded = await loadedBy(ARTICLES.article, 'article');
    // The records work: the CLI's bundle and resvg (which draws the EPUB's cover, through
    // require()) are in them.
    expect(loaded.some((file) => file.includes('cli.bundle.js'))).toBe(true);
    expect(loaded.some((file) => file.includes(`${path.sep}@resvg${path.sep}`))).toBe(true);
    expect(mathModules(loaded)).toEqual([]);
    expect(citationModules(loaded)).toEqual([]);
  });

  it('the math article loads both', async () => {
    const loaded = await loadedBy(path.join(ROOT, 'test/fixtures/math-article'), 'math');
    const found = mathModules(loaded);
    expect(found.some((file) => file.includes('temml'))).toBe(true);
    expect(found.some((file) => file.includes('bundle-math-font-'))).toBe(true);
  });
});

describe('the citation modules load lazily', () => {
  it('the citation article loads citeproc-js, citation-js and the citation chunk', async () => {
    const loaded = await loadedBy(path.join(ROOT, 'test/fixtures/cite-article'), 'cite');
    const found = citationModules(loaded);
    expect(found.some((file) => /[/\\]citeproc[/\\]/.test(file))).toBe(true);
    expect(found.some((file) => /[/\\]@citation-js[/\\]plugin-bibtex[/\\]/.test(file))).toBe(true);
    expect(found.some((file) => file.includes('bundle-cite-format-'))).toBe(true);
    expect(found.some((file) => file.includes('bundle-citations-'))).toBe(true);
  });
});
