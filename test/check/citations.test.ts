import { describe, expect, it } from 'vitest';
import { checkCitationStructure, checkCitations } from '../../src/check/citations.js';
import { article, edition, FRONT } from './helpers.js';

const en = (body: string) => edition('en', `${FRONT('Title')}${body}\n`);
const it_ = (body: string) => edition('it', `${FRONT('Titolo')}${body}\n`);

describe('cite-unknown', () => {
  it('reports each key the bibliography lacks, with the nearest one', () => {
    const e = en('See [@smith2020; @doe2019] and [@nobody].');
    e.doc.bibliographyKeys = ['smith2021', 'doe2019'];
    expect(checkCitations(e).map((f) => [f.rule, f.line, f.column, f.message])).toEqual([
      [
        'cite-unknown',
        6,
        5,
        '"smith2020" is not a key of the bibliography (did you mean "smith2021"?)',
      ],
      ['cite-unknown', 6, 32, '"nobody" is not a key of the bibliography'],
    ]);
  });

  it('is silent until a bibliography is read', () => {
    expect(checkCitations(en('See [@nobody].'))).toEqual([]);
  });
});

describe('structure-citations and structure-labels', () => {
  const figure = (label: string) => `![A map](map.png "Map"){#${label}}`;

  it('the same keys in the same order, in translated sentences, are the same', () => {
    const a = article(
      en(`As [@a; @b] said.\n\n${figure('fig:map')}\n\nSee @fig:map.`),
      it_(`Come [@a; @b].\n\n${figure('fig:map')}\n\nVedi @fig:map.`),
    );
    expect(checkCitationStructure(a)).toEqual([]);
  });

  it('names both places when a citation or a label differs', () => {
    const a = article(
      en(`As [@a; @b] said.\n\n${figure('fig:map')}`),
      it_(`Come [@b; @a].\n\n${figure('fig:mappa')}`),
    );
    expect(checkCitationStructure(a).map((f) => [f.rule, f.file, f.line, f.message])).toEqual([
      ['structure-citations', 'it.md', 6, 'citation 1 is "@b; @a" here but "@a; @b" at en.md:6:4'],
      [
        'structure-labels',
        'it.md',
        8,
        'label 1 is "{#fig:mappa}" here but "{#fig:map}" at en.md:8',
      ],
    ]);
  });
});
