/**
 * A cover picture the front matter cannot have: no alt text, a missing file, a format resvg
 * does not draw, a path outside the folder, a value of the wrong shape. Each is reported at
 * the line of `cover` with a hint, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { build, failedBuild, front, GOOD, makeArticle, PNG, SVG } from './helpers.js';

/** The English edition with `cover` on line 5 of its front matter. */
const withCover = (cover: string, files: Record<string, string | Uint8Array> = {}) =>
  makeArticle({
    ...GOOD,
    'en.md': `${front('Trams', `author: Jane Doe\ndate: 2024-05-10\n${cover}`)}\nText.\n\n![A tram on the old bridge](images/tram.png)\n`,
    ...files,
  });

describe.concurrent('bad cover pictures', () => {
  it('a cover picture without alt text is an error like any image without one', async () => {
    const cwd = await withCover('cover: images/tram.png');
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:5:1: error image "images/tram.png" has no alt text [alt-missing]',
    );
    expect(stderr).toContain(
      'hint: describe what the cover picture shows: cover: { image: images/cover.jpg, alt: ',
    );
  });

  it('an empty alt text too', async () => {
    const cwd = await withCover('cover: { image: images/tram.png, alt: "" }');
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:5:1: error image "images/tram.png" has no alt text [alt-missing]',
    );
  });

  it('an alt text that is a file name gets the same warning as in the text', async () => {
    const cwd = await withCover('cover: { image: images/tram.png, alt: IMG_2041.png }');
    const run = await build(cwd, '--strict');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'article/en.md:5:1: warning alt text "IMG_2041.png" is a file name',
    );
  });

  it('a missing file', async () => {
    const cwd = await withCover('cover: { image: images/nope.jpg, alt: A tram at dusk }');
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:5:1: error image "images/nope.jpg" was not found [image-missing]',
    );
  });

  it('an SVG picture: resvg draws the cover from PNG or JPEG only', async () => {
    const cwd = await withCover('cover: { image: images/map.svg, alt: A map of the lines }', {
      'images/map.svg': SVG,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:5:1: error cover image "images/map.svg" is SVG, not PNG or JPEG [image-unsupported]',
    );
    expect(stderr).toContain('hint: export the cover picture as a JPEG');
  });

  it('a path outside the article folder', async () => {
    const cwd = await withCover('cover: { image: ../tram.png, alt: A tram at dusk }');
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:5:1: error image path "../tram.png" leaves the article folder [image-outside]',
    );
  });

  it('a value of the wrong shape', async () => {
    const cwd = await withCover('cover: 12');
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:5:1: error front matter "cover" must be a picture and its alt text',
    );
    expect(stderr).toContain('hint: write the cover as cover: { image: images/cover.jpg, alt: ');
  });

  it('an unknown key under cover', async () => {
    const cwd = await withCover('cover: { image: images/tram.png, alt: A tram, caption: x }');
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/en\.md:5:\d+: error unknown front matter key "caption" under "cover"/,
    );
    expect(stderr).toContain('hint: write the cover as cover: { image: images/cover.jpg, alt: ');
  });
});

it('a good cover picture builds, and the same PNG serves both languages', async () => {
  const cwd = await withCover(
    'cover: { image: images/tram.png, alt: A tram on the old bridge at dusk }',
    {
      'images/tram.png': PNG,
    },
  );
  const run = await build(cwd);
  expect(run.code, run.stderr).toBe(0);
});
