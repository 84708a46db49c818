/** The preview's pure parts and its build queue, in process and without a browser. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParseCache } from '../../src/article/edition-file.js';
import { loadArticle } from '../../src/article/load.js';
import type { PreviewEvent } from '../../src/preview/events.js';
import { reloadScript, SCRIPT_ID } from '../../src/preview/live-reload.js';
import { escapeHtml, withReload } from '../../src/preview/pages.js';
import { Site } from '../../src/preview/site.js';
import { sourceKey } from '../../src/preview/source-key.js';
import { ARTICLES } from '../helpers/editions.js';
import { copyArticle } from './helpers.js';

let article: { dir: string; cleanup: () => Promise<void> };
let original: string;
const en = () => path.join(article.dir, 'en.md');

beforeAll(async () => {
  article = await copyArticle(ARTICLES.article);
  original = await readFile(en(), 'utf8');
});
afterAll(() => article?.cleanup());

describe('withReload', () => {
  it('adds the script just before the last </body> and changes nothing else', () => {
    const html = '<html><body><p>a</p><pre>&lt;/body&gt;</pre></BODY></html>';
    const served = withReload(html, 'html:en', 'h1');
    const at = served.indexOf(`<script id="${SCRIPT_ID}">`);
    expect(served.slice(0, at)).toBe('<html><body><p>a</p><pre>&lt;/body&gt;</pre>');
    expect(served.slice(served.indexOf('</script>') + '</script>'.length)).toBe('\n</BODY></html>');
  });

  it('keeps a value from closing the script early', () => {
    const script = reloadScript('html:</script><b>x', 'v');
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(script).toContain('\\u003c/script>');
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

describe('sourceKey', () => {
  const keys = async () => {
    const loaded = await loadArticle(article.dir);
    return Object.fromEntries(loaded.editions.map((e) => [e.lang, sourceKey(loaded, e, 1, 0)]));
  };

  it('changes for the edition whose text changed, and only for it', async () => {
    const before = await keys();
    expect(await keys()).toEqual(before);
    await writeFile(en(), original.replace('Smart cities represent', 'Smart cities now represent'));
    const after = await keys();
    expect(after.en).not.toBe(before.en);
    expect(after.it).toBe(before.it);
    await writeFile(en(), original);
  });

  it('changes for every edition that shows an image when the image changes', async () => {
    const image = path.join(article.dir, 'images', 'smart-city.svg');
    const svg = await readFile(image, 'utf8');
    const before = await keys();
    await writeFile(image, svg.replace('</svg>', '<!-- retouched --></svg>'));
    const after = await keys();
    expect(after.en).not.toBe(before.en);
    expect(after.it).not.toBe(before.it);
    await writeFile(image, svg);
  });

  it('changes for every edition when a title changes (each names the others)', async () => {
    const before = await keys();
    await writeFile(en(), original.replace(/^title: "China/m, 'title: "Chinese'));
    const after = await keys();
    expect(after.en).not.toBe(before.en);
    expect(after.it).not.toBe(before.it);
    await writeFile(en(), original);
  });
});

describe('ParseCache', () => {
  const docs = (loaded: Awaited<ReturnType<typeof loadArticle>>) =>
    Object.fromEntries(loaded.editions.map((e) => [e.lang, e.doc]));

  it('parses again only the file that changed, and the kept parse is what a fresh one gives', async () => {
    const cache: ParseCache = new Map();
    const first = docs(await loadArticle(article.dir, cache));
    const again = docs(await loadArticle(article.dir, cache));
    expect(again.en).toBe(first.en);
    expect(again.it).toBe(first.it);
    await writeFile(en(), original.replace('Smart cities represent', 'Smart cities now represent'));
    try {
      const saved = docs(await loadArticle(article.dir, cache));
      expect(saved.it).toBe(first.it);
      expect(saved.en).not.toBe(first.en);
      const fresh = docs(await loadArticle(article.dir));
      expect(JSON.stringify(saved.en?.tokens)).toBe(JSON.stringify(fresh.en?.tokens));
      expect(JSON.stringify(saved.it)).toBe(JSON.stringify(fresh.it));
      expect(JSON.stringify(saved.en?.tokens)).toContain('Smart cities now represent');
    } finally {
      await writeFile(en(), original);
    }
    // Back to the first text: parsed again (only the last parse is kept), equal to the first.
    const back = docs(await loadArticle(article.dir, cache));
    expect(back.en).not.toBe(first.en);
    expect(JSON.stringify(back.en)).toBe(JSON.stringify(first.en));
  });
  it('does not keep a parse with citations: they are set into it once per load', async () => {
    const cited = await copyArticle(path.join(ARTICLES.second, '../cite-article'));
    try {
      const cache: ParseCache = new Map();
      const bibliographies = (doc: { tokens: { type: string }[] } | undefined) =>
        doc?.tokens.filter((t) => t.type === 'bibliography').length;
      const first = docs(await loadArticle(cited.dir, cache));
      const again = docs(await loadArticle(cited.dir, cache));
      expect(bibliographies(first.en)).toBe(1);
      expect(again.en).not.toBe(first.en);
      expect(bibliographies(again.en)).toBe(1);
      expect(JSON.stringify(again.en)).toBe(JSON.stringify(first.en));
    } finally {
      await cited.cleanup();
    }
  });
});

describe('Site', () => {
  it('serves the last build: versions per view, problems with file and line when broken', async () => {
    const events: PreviewEvent[] = [];
    let published = 0;
    const site = new Site({
      articleDir: article.dir,
      templatesDir: undefined,
      browser: undefined,
      paper: 'a4',
      timeout: 30_000,
      sourceDateEpoch: undefined,
      onEvent: (e) => events.push(e),
      onVersions: () => {
        published += 1;
      },
    });
    try {
      await site.update({ templates: true });
      const good = site.versions();
      expect(Object.keys(good).sort()).toEqual([
        '*',
        'html:en',
        'html:it',
        'index',
        'print:en',
        'print:it',
      ]);
      // Nobody opened a print view: no PDF was made.
      expect(good['print:en']).toBe('cold');

      await writeFile(en(), original.replace(/^title: /m, 'title: [unclosed '));
      // Changes that arrive while a build runs are merged into one more build.
      await Promise.all([
        site.update({ templates: false }),
        site.update({ templates: false }),
        site.update({ templates: false }),
      ]);
      expect(Object.keys(site.versions())).toEqual(['*']);
      expect(site.state.ok).toBe(false);
      const broken = events.filter((e) => e.type === 'broken');
      expect(broken).toHaveLength(2);
      const shown = broken[0]?.type === 'broken' ? broken[0].problems : [];
      expect(shown[0]?.where).toMatch(/en\.md:\d+/);

      await writeFile(en(), original);
      await site.update({ templates: false });
      expect(site.versions()).toEqual(good);
      expect(events.at(-1)).toMatchObject({ type: 'built', langs: [], recovered: true });
      expect(published).toBe(4);
    } finally {
      await site.close();
    }
  });

  it("applies the configuration's rule settings: a rule turned off does not stop it", async () => {
    // A link to an id the edition lacks: an error (link-anchor-missing) unless turned off.
    await writeFile(en(), `${original}\n[see](#nowhere)\n`);
    const options = {
      articleDir: article.dir,
      templatesDir: undefined,
      browser: undefined,
      paper: 'a4' as const,
      timeout: 30_000,
      sourceDateEpoch: undefined,
      onEvent: () => undefined,
      onVersions: () => undefined,
    };
    const strict = new Site(options);
    const lenient = new Site({ ...options, rules: { 'link-anchor-missing': 'off' } });
    try {
      await strict.update({ templates: true });
      expect(strict.state.ok).toBe(false);
      await lenient.update({ templates: true });
      expect(lenient.state.ok).toBe(true);
    } finally {
      await Promise.all([strict.close(), lenient.close()]);
      await writeFile(en(), original);
    }
  });
});
