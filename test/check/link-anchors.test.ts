import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/check/index.js';
import { anchorsOf, checkLinkAnchors } from '../../src/check/link-anchors.js';
import { build, cli, front, GOOD, makeArticle } from '../bad-input/helpers.js';
import { article, edition, FRONT } from './helpers.js';

const at = (f: { file: string; line?: number; column?: number; rule: string }) =>
  `${f.file}:${f.line}:${f.column} ${f.rule}`;

describe('links to anchors', () => {
  it('a link to a missing #id is an error at its line and column, with the nearest id as hint', () => {
    const en = edition(
      'en',
      `${FRONT('One')}## Trams and buses\n\nSee [below](#trams-and-buse) and [there](#nowhere).\n`,
    );
    const findings = checkLinkAnchors([en]);
    expect(findings.map(at)).toEqual([
      'en.md:8:13 link-anchor-missing',
      'en.md:8:42 link-anchor-missing',
    ]);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.message).toBe(
      'link to "#trams-and-buse": this edition has no heading or element with the id "trams-and-buse"',
    );
    expect(findings[0]?.hint).toContain('"#trams-and-buses"');
    expect(findings[1]?.hint).toContain('#trams-and-buses');
  });

  it('reaches heading ids as markdown-it-anchor makes them, {#id}, raw HTML ids, footnotes and the page', () => {
    const text = [
      `${FRONT('One')}## Perché l’IoT? Über alles`,
      '',
      '## Named {#chosen}',
      '',
      'A paragraph with a note[^n], again[^n] and ^[inline] and <span id="raw">x</span>. {#para}',
      '',
      '[^n]: The note.',
      '',
      '[a](#perche-l-iot-uber-alles) [b](#chosen) [c](#para) [d](#fn1) [e](#fn2) [f](#fnref1:1)',
      '[g](#raw) [h](#text) [i](#footnotes-title) [j](#) [k](#%C3%BCber)',
      '',
      '## Über {#über}',
    ].join('\n');
    const en = edition('en', text);
    expect(checkLinkAnchors([en])).toEqual([]);
    const ids = anchorsOf(en.doc);
    for (const id of ['fn1', 'fn2', 'fnref1', 'fnref1:1', 'fnref2', 'über', 'chosen', 'raw']) {
      expect(ids).toContain(id);
    }
    expect(ids).not.toContain('fn3');
  });

  it("reaches the page's own ids only where the page has them (#toc with a contents list)", () => {
    const links = '[a](#toc) [b](#text) [c](#nav) [d](#edition-notes-title)\n';
    const rules = (markdown: string) =>
      checkLinkAnchors([edition('en', markdown)]).map((f) => /"#([^"]+)"/.exec(f.message)?.[1]);
    // No contents list (fewer than six sections), no edition notes, and #nav is the EPUB's.
    expect(rules(`${FRONT('One')}${links}`)).toEqual(['toc', 'nav', 'edition-notes-title']);
    const sections = Array.from({ length: 6 }, (_, i) => `## Part ${i + 1}\n\nText.\n`).join('\n');
    expect(rules(`${FRONT('One')}${links}\n${sections}`)).toEqual(['nav', 'edition-notes-title']);
  });

  it('an id the sanitiser removed with its element is not reachable', () => {
    const en = edition('en', `${FRONT('One')}<script id="s">x</script>\n\n[a](#s)\n`);
    expect(checkLinkAnchors([en]).map((f) => f.rule)).toEqual(['link-anchor-missing']);
  });

  it('links to another edition must name one of its files and an anchor it has', () => {
    const en = edition(
      'en',
      `${FRONT('One')}## Trams\n\n[it](it.md) [due](it.md#tram) [gone](it.md#trams) [fr](fr.md#tram) [dot](./it.md#nope)\n`,
    );
    const it_ = edition('it', `${FRONT('Uno')}## Tram\n\n[en](en.md#trams)\n`);
    const findings = checkLinkAnchors([en, it_]);
    expect(findings.map(at)).toEqual([
      'en.md:8:38 link-anchor-missing',
      'en.md:8:56 link-edition-missing',
      'en.md:8:74 link-anchor-missing',
    ]);
    expect(findings[0]?.message).toBe(
      'link to "it.md#trams": it.md has no heading or element with the id "trams"',
    );
    expect(findings[1]?.message).toBe(
      'link to "fr.md#tram": the article has no language file fr.md',
    );
  });

  it('external links, relative files and mailto: are not anchors and pass', () => {
    const en = edition(
      'en',
      `${FRONT('One')}[a](https://example.com/#nope) [b](mailto:x@example.com) [c](notes.html#x)\n`,
    );
    expect(checkLinkAnchors([en])).toEqual([]);
  });

  it('is one of the checks of checkArticle', () => {
    const a = article(edition('en', `${FRONT('One')}[a](#nowhere)\n`));
    expect(checkArticle(a).map(at)).toEqual(['en.md:6:5 link-anchor-missing']);
  });
});

describe('build-article check', () => {
  it('reports a missing anchor and a refused scheme in check and check --json; a build stops on them', async () => {
    const cwd = await makeArticle({
      ...GOOD,
      'en.md': `${front('Trams')}\nSee [below](#nowhere) and [this](javascript:alert(1)).\n\n![A tram on the old bridge](images/tram.png)\n`,
    });
    const json = await cli(cwd, ['check', 'article', '--json']);
    expect(json.code).toBe(1);
    const { findings } = JSON.parse(json.stdout) as { findings: Record<string, unknown>[] };
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column])).toEqual([
      ['link-anchor-missing', 'error', 'article/en.md', 7, 13],
      ['link-refused', 'error', 'article/en.md', 7, 34],
    ]);
    const text = await cli(cwd, ['check', 'article']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(
      'article/en.md:7:13: error link to "#nowhere": this edition has no heading or element with the id "nowhere" [link-anchor-missing]',
    );
    const built = await build(cwd);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('[link-anchor-missing]');
  });
});
