import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/check/index.js';
import { checkLabels } from '../../src/check/labels.js';
import { article, edition, FRONT } from './helpers.js';

const at = (f: { file: string; line?: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;

describe('labels-missing', () => {
  it('names the labels file a language lacks, at its language file, as a warning', () => {
    const a = article(
      edition('en', `${FRONT('One')}Text.\n`),
      edition('eo', `${FRONT('Unu')}Teksto.\n`),
    );
    const findings = checkArticle(a).filter((f) => f.rule.startsWith('labels-'));
    expect(findings.map(at)).toEqual(['eo.md:1 labels-missing']);
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[0]?.message).toContain('templates/labels/eo.json');
  });

  it('finds a file for a variant of a language that has one (pt-BR, zh-TW)', () => {
    const a = article(
      edition('pt-BR', `${FRONT('Um')}Texto.\n`),
      edition('zh-TW', `${FRONT('一')}文字。\n`),
    );
    expect(checkArticle(a).filter((f) => f.rule.startsWith('labels-'))).toEqual([]);
  });

  it('lists the keys a file lacks, and each label it cannot use', () => {
    const findings = checkLabels([edition('de', `${FRONT('Eins')}Text.\n`)], () => ({
      file: 'my/labels/de.json',
      tag: 'de',
      missing: ['contents', 'cover'],
      invalid: [{ key: 'by', why: 'has the placeholders {} but English has {authors}' }],
    }));
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'labels-missing',
        'my/labels/de.json has no labels "contents", "cover": its editions show English there',
      ],
      [
        'labels-invalid',
        'the label "by" of my/labels/de.json has the placeholders {} but English has {authors}: its editions show English there',
      ],
    ]);
  });
});
