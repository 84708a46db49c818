/**
 * The pages the preview keeps open in Chromium, one per language with a print view, so that
 * a save replaces only the body of a page already laid out: a page is closed as soon as
 * nothing will print on it again (its last print view closed, or its language file gone),
 * rather than holding every page of the language laid out until the preview stops.
 */
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Site } from '../../src/preview/site.js';
import { ARTICLES } from '../helpers/editions.js';
import { waitFor } from '../helpers/processes.js';
import { copyArticle } from './helpers.js';

let article: { dir: string; cleanup: () => Promise<void> };
let site: Site;

beforeAll(async () => {
  article = await copyArticle(ARTICLES.article);
  site = new Site({
    articleDir: article.dir,
    templatesDir: undefined,
    browser: undefined,
    paper: 'a4',
    timeout: 60_000,
    sourceDateEpoch: undefined,
    onEvent: () => undefined,
    onVersions: () => undefined,
  });
  await site.update({ templates: true });
});
afterAll(async () => {
  await site?.close();
  await article?.cleanup();
});

/** The languages whose page the preview's browser keeps open (its private map, read here). */
const kept = () =>
  [...(site as unknown as { browser: { kept: Map<string, unknown> } }).browser.kept.keys()].sort();
const closedSoon = (lang: string) =>
  waitFor(() => (kept().includes(lang) ? undefined : true), 10_000, `${lang}'s page to close`);

describe('pages kept for the print views', () => {
  it('keeps a language’s page while its print view is open, and closes it with the last one', async () => {
    site.printViewOpened('en', 'tab-a');
    site.printViewOpened('en', 'tab-b');
    expect((await site.pdf('en'))?.ok).toBe(true);
    expect(kept()).toEqual(['en']);
    site.printViewClosed('en', 'tab-a');
    // Another tab still shows it: a save would print it again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kept()).toEqual(['en']);
    site.printViewClosed('en', 'tab-b');
    await closedSoon('en');
  });

  it('prints a downloaded PDF edition on a page it does not keep', async () => {
    expect((await site.pdf('en', true))?.ok).toBe(true);
    expect(kept()).toEqual([]);
  });

  it('closes the page of a language whose file is gone', async () => {
    site.printViewOpened('it', 'tab-c');
    expect((await site.pdf('it'))?.ok).toBe(true);
    expect(kept()).toEqual(['it']);
    await rename(path.join(article.dir, 'it.md'), path.join(article.dir, 'it.md.away'));
    await site.update({ templates: false });
    expect(site.edition('it')).toBeUndefined();
    await closedSoon('it');
  });
});
