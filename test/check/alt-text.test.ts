import { describe, expect, it } from 'vitest';
import { checkAltText, looksLikeFileName } from '../../src/check/alt-text.js';
import { edition, FRONT } from './helpers.js';

/** The findings for one line of Markdown in en.md (or `lang`), which sits on line 6. */
function check(markdown: string, lang = 'en') {
  return checkAltText(edition(lang, `${FRONT()}${markdown}\n`));
}

const rules = (markdown: string, lang = 'en') => check(markdown, lang).map((f) => f.rule);

describe('alt-missing', () => {
  it('is an error for an image without alt text, at the "![" of the image', () => {
    const [f] = check('Some text, then ![](images/tram.png) in a sentence.');
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'alt-missing',
      file: 'en.md',
      line: 6,
      column: 17,
      message: 'image "images/tram.png" has no alt text',
    });
    expect(f?.hint).toContain('{.decorative}');
  });

  it('treats alt text of only spaces as missing', () => {
    expect(rules('![   ](images/tram.png)')).toEqual(['alt-missing']);
  });

  it('finds the line of an image further down a paragraph', () => {
    const findings = check('First line\nsecond line ![](a.png)\nthird ![](b.png)');
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [7, 13],
      [8, 7],
    ]);
  });

  it('accepts a decorative image without alt text', () => {
    expect(check('![](images/flourish.png){.decorative}')).toEqual([]);
  });
});

describe('alt-decorative-text', () => {
  it('warns that the alt text of a decorative image is not published', () => {
    const [f] = check('![A flourish](images/flourish.png){.decorative}');
    expect(f).toMatchObject({ severity: 'warning', rule: 'alt-decorative-text', line: 6 });
    expect(f?.message).toBe(
      'decorative image "images/flourish.png" has alt text, which is not published',
    );
  });
});

describe('alt-file-name', () => {
  it.each([
    ['IMG_2041.jpg', 'images/IMG_2041.jpg'],
    ['tram.png', 'images/tram.png'],
    ['tram', 'images/tram.png'],
    ['DSC00012', 'images/a.jpg'],
    ['Screenshot 2024-05-01 at 10.00.00', 'images/a.png'],
    ['chart_1', 'images/a.png'],
    ['map-2021-v2', 'images/a.png'],
  ])('warns for "%s"', (alt, src) => {
    const [f] = check(`![${alt}](${src})`);
    expect(f).toMatchObject({ severity: 'warning', rule: 'alt-file-name', line: 6, column: 1 });
    expect(f?.message).toBe(`alt text "${alt}" is a file name, not a description`);
  });

  it.each(['A tram crossing the old bridge at dusk', 'Wi-Fi', 'Map of line 3 in 2021'])(
    'accepts "%s"',
    (alt) => {
      expect(looksLikeFileName(alt, 'images/tram.png')).toBe(false);
    },
  );
});

describe('alt-image-of', () => {
  it.each([
    ['Image of a tram on the bridge', 'en', 'Image of'],
    ['A picture of a tram', 'en', 'A picture of'],
    ['Photo: a tram', 'en', 'Photo:'],
    ['Immagine di un tram sul ponte', 'it', 'Immagine di'],
    ['Foto di un tram', 'it', 'Foto di'],
    // The alt text is quoted as published: its apostrophe typeset.
    ["Un'immagine della città", 'it', 'Un’immagine della'],
    ["Photo d'un tramway", 'fr', 'Photo d’'],
    ['Bild von einer Straßenbahn', 'de', 'Bild von'],
  ])('warns for "%s"', (alt, lang, start) => {
    const [f] = check(`![${alt}](images/a.png)`, lang);
    expect(f).toMatchObject({
      severity: 'warning',
      rule: 'alt-image-of',
      file: `${lang}.md`,
      line: 6,
    });
    expect(f?.message).toBe(
      `alt text starts with "${start}": screen readers already announce an image`,
    );
  });

  it('warns when the alt text says only "image"', () => {
    const [f] = check('![Image](images/a.png)');
    expect(f?.message).toBe('alt text "Image" says only that this is an image');
  });

  it.each([
    'A graphic designer at her desk',
    'Photographers on the bridge at dawn',
    'Fotografi sul ponte',
  ])('accepts "%s"', (alt) => {
    expect(rules(`![${alt}](images/a.png)`)).toEqual([]);
  });
});

describe('alt-too-long', () => {
  it('accepts 250 characters and warns at 251, counting characters, not bytes', () => {
    expect(rules(`![${'à'.repeat(250)}](images/a.png)`)).toEqual([]);
    const [f] = check(`![${'à'.repeat(251)}](images/a.png)`);
    expect(f).toMatchObject({ severity: 'warning', rule: 'alt-too-long', line: 6 });
    expect(f?.message).toBe('alt text is 251 characters long (more than 250)');
  });
});

describe('alt-same-as-caption', () => {
  it('warns when a figure caption repeats the alt text (case and final stop aside)', () => {
    const [f] = check('![Trams per hour, by line](images/a.png "Trams per hour, by line.")');
    expect(f).toMatchObject({
      severity: 'warning',
      rule: 'alt-same-as-caption',
      message: 'alt text repeats the caption',
      line: 6,
    });
  });

  it('also compares the title of an image inside a paragraph', () => {
    expect(rules('Text ![A tram](images/a.png "a tram") text')).toEqual(['alt-same-as-caption']);
  });

  it('accepts a caption that says something else', () => {
    expect(rules('![Bar chart of trams per hour](images/a.png "Line 1 runs most often")')).toEqual(
      [],
    );
  });
});

it('finds nothing in good alt text', () => {
  expect(
    check('![Schematic map of four coloured tram lines crossing a river.](images/map.svg "Riva")'),
  ).toEqual([]);
});
