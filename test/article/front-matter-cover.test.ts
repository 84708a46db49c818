/** The front matter's `cover`, in its three spellings, and where it is written. */
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/article/front-matter.js';
import { InputError } from '../../src/article/input-error.js';

const parse = (cover: string) =>
  parseFrontMatter(`title: Trams\nauthor: Jane Doe\n${cover}`, 'en.md');

describe('cover in the front matter', () => {
  it('as a block, image and alt indented under cover', () => {
    const meta = parse('cover:\n  image: images/dusk.jpg\n  alt: Green hills at dusk\n');
    expect(meta.cover).toEqual({
      src: 'images/dusk.jpg',
      alt: 'Green hills at dusk',
      line: 4,
      column: 1,
    });
  });

  it('on one line, as a flow mapping', () => {
    const meta = parse('cover: { image: images/dusk.jpg, alt: "Green hills: at dusk" }\n');
    expect(meta.cover).toMatchObject({
      src: 'images/dusk.jpg',
      alt: 'Green hills: at dusk',
      line: 4,
    });
  });

  it('as a bare path, with no alt text (which the checks then report)', () => {
    expect(parse('cover: images/dusk.jpg\n').cover).toMatchObject({
      src: 'images/dusk.jpg',
      alt: '',
    });
  });

  it('absent, no cover', () => {
    expect(parse('').cover).toBeUndefined();
  });

  it('an empty image is an error at the line of cover', () => {
    try {
      parse('cover: { image: " ", alt: Hills }\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toMatchObject({ file: 'en.md', line: 4 });
    }
  });
});
