/**
 * Every HTML edition through the Nu HTML Checker (one JVM for all of them) and through
 * axe-core in Chromium, with the page-level checks WCAG asks of a published essay.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, type ArticleName, editions } from '../helpers/editions.js';
import { type Verdict, vnu } from '../helpers/validators.js';
import { inspectPages, type PageFacts } from './page-checks.js';

const targets = (Object.keys(ARTICLES) as ArticleName[]).flatMap((name) =>
  editions(name, 'html').map((edition) => ({ name, ...edition })),
);

let nu: Map<string, Verdict>;
let pages: Map<string, PageFacts>;

beforeAll(async () => {
  const files = targets.map((t) => t.path);
  [nu, pages] = await Promise.all([vnu(files), inspectPages(files)]);
});

describe.each(targets)('HTML $name $lang', (target) => {
  const facts = () => {
    const found = pages.get(target.path);
    if (!found) throw new Error(`${target.path} was not inspected`);
    return found;
  };
  const others = () => editions(target.name, 'html').filter((e) => e.lang !== target.lang);

  it('passes the Nu HTML Checker with no error or warning', () => {
    const verdict = nu.get(target.path);
    expect(verdict?.findings).toEqual([]);
    expect(verdict?.summary).toBe('Nu HTML Checker: 0 errors, 0 warnings');
  });

  it('has no axe-core violation of WCAG 2.2 A/AA or best practice', () => {
    expect(facts().violations).toEqual([]);
  });

  it('has text contrast of at least 4.5:1, as axe measured it', () => {
    expect(facts().contrastChecked).toBe(true);
    expect(facts().incomplete).not.toContain('color-contrast');
  });

  it('declares its language and has one h1, header, main and footer landmarks', () => {
    const { lang, h1, landmarks } = facts();
    expect(lang).toBe(target.lang);
    expect(h1).toBe(1);
    expect(landmarks).toEqual({ banner: 1, main: 1, contentinfo: 1 });
  });

  it('starts with a skip link to the main content that shows when focused', () => {
    expect(facts().firstFocus).toEqual({
      href: expect.stringMatching(/^#./),
      target: 'main',
      onScreen: true,
    });
  });

  it('links every other language edition, in the head and visibly', () => {
    const dir = path.dirname(target.path);
    const resolved = (links: { hreflang: string; href: string }[]) =>
      links.map((l) => [l.hreflang, path.resolve(dir, decodeURI(l.href))]);
    const expected = others().map((e) => [e.lang, e.path]);
    expect(expected.length).toBeGreaterThan(0);
    expect(resolved(facts().alternates)).toEqual(expected);
    const visible = facts().visibleLanguageLinks;
    expect(visible.every((l) => l.text.length > 0)).toBe(true);
    expect(resolved(visible)).toEqual(expect.arrayContaining(expected));
  });

  it('reflows at 320 px wide without horizontal scrolling', () => {
    expect(facts().scrollWidth320).toBeLessThanOrEqual(320);
  });

  it('makes no request outside itself while it loads', () => {
    expect(facts().requests).toEqual([]);
  });
});
