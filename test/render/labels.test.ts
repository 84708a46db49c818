/**
 * The shipped labels files against English, the BCP 47 lookup that picks a file for a
 * language tag, and how a label is merged, chosen by a count and filled.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { labelCatalog, SHIPPED_TEMPLATES, shippedLabels } from '../../src/render/label-files.js';
import {
  chooseLabels,
  fillLabel,
  type LabelFile,
  labelCandidates,
  mergeLabels,
  placeholders,
} from '../../src/render/labels.js';
import { pageModel } from '../../src/render/model.js';
import { describeLinks } from '../../src/render/pdf/links.js';
import { loadTemplates } from '../../src/render/templates.js';
import { article, edition } from '../check/helpers.js';
import { squash } from '../helpers/parse.js';

const DIR = path.join(SHIPPED_TEMPLATES, 'labels');
const read = (tag: string): LabelFile =>
  JSON.parse(readFileSync(path.join(DIR, `${tag}.json`), 'utf8'));
const EN = read('en');
const SHIPPED = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
// biome-ignore format: one language a word
const PROMISED = ['en', 'it', 'de', 'fr', 'es', 'pt', 'nl', 'pl', 'cs', 'ru', 'uk', 'el', 'tr', 'ar', 'he', 'fa', 'hi', 'zh-Hans', 'zh-Hant', 'ja', 'ko'];

describe('the shipped labels files', () => {
  it('cover every language the README promises', () => {
    expect(SHIPPED.sort()).toEqual([...PROMISED].sort());
  });

  it('English has plural labels that depend on a count, and placeholders', () => {
    // Without these the checks below would pass on nothing.
    expect(Object.values(EN).filter((v) => typeof v !== 'string').length).toBeGreaterThanOrEqual(2);
    expect(placeholders(EN.published ?? '')).toEqual(['date']);
  });

  describe.each(SHIPPED.filter((t) => t !== 'en'))('%s.json', (tag) => {
    const labels = read(tag);
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;

    it('is a JSON object with exactly the keys of en.json', () => {
      expect(Object.keys(labels).sort()).toEqual(Object.keys(EN).sort());
    });

    it.each(Object.keys(EN))(
      '"%s" has English’s shape, placeholders and the plural forms of its language',
      (key) => {
        const mine = labels[key];
        const english = EN[key] ?? '';
        if (typeof english === 'string') {
          expect(typeof mine).toBe('string');
          expect((mine as string).trim()).not.toBe('');
          expect(placeholders(mine as string)).toEqual(placeholders(english));
          return;
        }
        expect(typeof mine).toBe('object');
        const forms = mine as Record<string, string>;
        expect(Object.keys(forms).sort()).toEqual([...categories].sort());
        for (const form of Object.values(forms)) {
          expect(form.trim()).not.toBe('');
          expect(placeholders(form)).toEqual(placeholders(english));
        }
      },
    );

    it('is translated, not English left in place', () => {
      for (const key of ['skipToText', 'published', 'backToText', 'accessibilitySummary']) {
        expect(labels[key], key).not.toEqual(EN[key]);
      }
    });

    it('passes the check the build makes of it', () => {
      expect(shippedLabels().status(tag)).toEqual({
        file: `templates/labels/${tag}.json`,
        tag,
        missing: [],
        invalid: [],
      });
    });
  });
});

describe('which file serves a language tag', () => {
  const served = (lang: string) => shippedLabels().status(lang).file;

  it.each([
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['de-AT', 'de'],
    ['en-GB', 'en'],
    ['fr-CA', 'fr'],
    ['sr-Latn', undefined],
    ['eo', undefined],
  ])('%s: %s', (lang, tag) => {
    expect(served(lang)).toBe(tag && `templates/labels/${tag}.json`);
  });

  it('tries the tag, then shorter ones, with the script the tag implies before the bare language', () => {
    expect(labelCandidates('zh-TW')).toEqual(['zh-TW', 'zh-Hant-TW', 'zh-Hant', 'zh']);
    expect(labelCandidates('zh')).toEqual(['zh-Hans', 'zh']);
    expect(labelCandidates('sr')).toEqual(['sr-Cyrl', 'sr']);
    expect(labelCandidates('pt-BR')).toEqual(['pt-BR', 'pt-Latn-BR', 'pt-Latn', 'pt']);
  });

  it('falls back to English, key by key', () => {
    const eo = shippedLabels().labels('eo');
    expect(eo.skipToText).toBe(EN.skipToText);
    expect(shippedLabels().status('eo')).toMatchObject({ file: undefined, missing: [] });
  });
});

describe('merging a language’s labels over English', () => {
  const english: LabelFile = {
    skipToText: 'Skip',
    by: { one: 'By {authors}', other: 'By {authors}' },
    page: 'Page {page}',
  };

  it('reports and replaces what is missing or malformed, and keeps the rest', () => {
    const own: LabelFile = {
      by: { one: 'Автор: {authors}', other: 'Авторы: {authors}' },
      page: 'Страница',
      mine: 'своё',
    };
    const { labels, status } = mergeLabels(english, own, 'labels/ru.json', 'ru');
    expect(status.missing).toEqual(['skipToText']);
    expect(status.invalid.map((i) => i.key)).toEqual(['by', 'page']);
    expect(status.invalid[0]?.why).toContain('needs one, few, many, other');
    expect(status.invalid[1]?.why).toContain('{page}');
    expect(labels).toEqual({ ...english, mine: 'своё' });
  });

  it('a plural label must be plural and a plain one plain', () => {
    const { status } = mergeLabels(
      english,
      { skipToText: { other: 'x' }, by: 'Von {authors}' },
      'f',
      'de',
    );
    expect(status.invalid.map((i) => i.key)).toEqual(['skipToText', 'by']);
  });
});

describe('choosing and filling a label', () => {
  const ru = read('ru');
  it('takes the plural form for the count in the edition’s language', () => {
    const byline = (n: number) => chooseLabels(ru, 'ru', { by: n }).by;
    expect(byline(1)).toBe('Автор: {authors}');
    expect(byline(2)).toBe('Авторы: {authors}');
    expect(byline(5)).toBe('Авторы: {authors}');
    // "one" in Russian is also 21, 31…; 21 names listed are still "Авторы".
    expect(byline(21)).toBe('Авторы: {authors}');
    const counted = {
      n: {
        one: '{count} автор',
        few: '{count} автора',
        many: '{count} авторов',
        other: '{count} автора',
      },
    };
    expect(chooseLabels(counted, 'ru', { n: 21 }).n).toBe('{count} автор');
    expect(chooseLabels(read('ja'), 'ja', { by: 1 }).by).toBe('著者：{authors}');
  });

  it('a language variant whose categories the file lacks takes "other"', () => {
    expect(chooseLabels({ by: { other: 'x', one: 'y' } }, 'ar', { by: 0 }).by).toBe('x');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(fillLabel('{page} ページ', { page: 3 })).toBe('3 ページ');
    expect(fillLabel('Page {page} of {pages}', { page: 3 })).toBe('Page 3 of {pages}');
  });
});

describe('a --templates folder’s labels', () => {
  it('come before the shipped ones, and what they lack is reported', () => {
    const folder = path.resolve(import.meta.dirname, '../fixtures/labels-templates');
    const catalog = labelCatalog([folder, SHIPPED_TEMPLATES]);
    expect(catalog.status('eo')).toMatchObject({
      tag: 'eo',
      missing: expect.arrayContaining(['contents']),
    });
    expect(catalog.labels('eo').skipToText).toBe('Al la eseo');
    expect(catalog.labels('eo').contents).toBe(EN.contents);
    // A folder's fr.json serves fr-CA before the shipped fr.json.
    expect(catalog.status('fr-CA').file).toMatch(/labels-templates\/labels\/fr\.json$/);
  });

  it('override English only where sound: a "by" without {authors} is reported, not used', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'labels-en-'));
    try {
      mkdirSync(path.join(folder, 'labels'));
      writeFileSync(
        path.join(folder, 'labels', 'en.json'),
        JSON.stringify({ by: 'By', skipToText: 'Skip to the story' }),
      );
      const catalog = labelCatalog([folder, SHIPPED_TEMPLATES]);
      expect(catalog.labels('en').by).toEqual(EN.by);
      expect(catalog.labels('en').skipToText).toBe('Skip to the story');
      expect(catalog.status('en').invalid.map((i) => i.key)).toEqual(['by']);
      // Every other language falls back to the sound English.
      expect(catalog.labels('eo').by).toEqual(EN.by);
      expect(catalog.labels('eo').skipToText).toBe('Skip to the story');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the PDF’s word for a page', () => {
  it('puts the number where the language’s label says', async () => {
    const pdf = await PDFDocument.create();
    const [first, second] = [pdf.addPage(), pdf.addPage()];
    const link = pdf.context.register(
      pdf.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        Dest: [second.ref, 'Fit'],
      }),
    );
    first.node.set(PDFName.of('Annots'), pdf.context.obj([link]));
    const ja = chooseLabels(read('ja'), 'ja').page ?? '';
    describeLinks(pdf, ja);
    const contents = pdf.context.lookupMaybe(link, PDFDict)?.get(PDFName.of('Contents'));
    expect(contents instanceof PDFHexString ? contents.decodeText() : '').toBe('2ページ');
  });
});

describe('an edition’s labels in its title block', () => {
  const model = (lang: string, front: string) => {
    const source = edition(lang, `---\ntitle: T\n${front}\n---\nText.\n`);
    return pageModel({
      article: article(source),
      edition: source,
      format: 'html',
      labels: shippedLabels().labels(lang),
      outDir: '/out',
      version: '0.0.0',
      sourceDateEpoch: 0,
    });
  };
  const titleBlock = async (lang: string, front: string) => {
    const html = await (await loadTemplates()).render('partials/title-block', model(lang, front));
    const doc = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
    return (selector: string) => squash(doc.querySelector(selector)?.textContent ?? '');
  };

  it('takes the byline’s form for the number of authors', async () => {
    const one = await titleBlock('ru', 'author: Анна Иванова');
    expect(one('.byline')).toBe('Автор: Анна Иванова');
    const two = await titleBlock('ru', 'author: [Анна Иванова, Борис Петров]');
    expect(two('.byline')).toBe('Авторы: Анна Иванова, Борис Петров');
    expect(model('ru', 'author: A\ntranslator: [B, C]').labels.translatedBy).toBe(
      'Перевод: {translators}',
    );
  });

  it('puts the date where the language puts it, written by Intl', async () => {
    const tr = await titleBlock('tr', 'author: A\ndate: 2020-11-02');
    expect(tr('.dateline')).toBe('2 Kasım 2020 tarihinde yayımlandı');
    expect(tr('.dateline time')).toBe('2 Kasım 2020');
    const ja = await titleBlock('ja', 'author: A\nupdated: 2021-02-19');
    expect(ja('.dateline')).toBe('更新日：2021年2月19日');
  });
});
