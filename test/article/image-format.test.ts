import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTruncated, sniffSupported, sniffUnsupported } from '../../src/article/image-format.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/second-article/images');
const png = readFileSync(path.join(FIXTURE, 'chart.png'));
const svg = readFileSync(path.join(FIXTURE, 'map.svg'));
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('sniffSupported', () => {
  it('reads the type from the content', () => {
    expect(sniffSupported(png)?.mediaType).toBe('image/png');
    expect(sniffSupported(svg)?.mediaType).toBe('image/svg+xml');
    expect(sniffSupported(bytes([0xff, 0xd8, 0xff, 0xe0]))?.extension).toBe('jpg');
    expect(sniffSupported(bytes('GIF89a'))?.extension).toBe('gif');
    expect(sniffSupported(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.extension).toBe('webp');
    expect(sniffSupported(bytes('hello'))).toBeUndefined();
    expect(sniffSupported(new Uint8Array())).toBeUndefined();
  });
});

describe('sniffUnsupported', () => {
  it.each([
    ['BMP', bytes('BM', [0, 0, 0, 0])],
    ['TIFF', bytes('II*\0')],
    ['TIFF', bytes('MM\0*')],
    ['HEIC', bytes([0, 0, 0, 24], 'ftypheic')],
    ['AVIF', bytes([0, 0, 0, 24], 'ftypavif')],
    ['PDF', bytes('%PDF-1.7')],
  ])('names %s', (name, data) => {
    expect(sniffUnsupported(data)).toBe(name);
  });

  it('says nothing of text', () => {
    expect(sniffUnsupported(bytes('just some text'))).toBeUndefined();
  });
});

describe('isTruncated', () => {
  const kind = (bytes: Uint8Array) => {
    const k = sniffSupported(bytes);
    if (!k) throw new Error('not an image');
    return k;
  };
  it('accepts whole files and catches cut ones', () => {
    expect(isTruncated(kind(png), png)).toBe(false);
    expect(isTruncated(kind(png), png.subarray(0, png.length - 20))).toBe(true);
    expect(isTruncated(kind(svg), svg)).toBe(false);
    expect(isTruncated(kind(svg), svg.subarray(0, svg.length / 2))).toBe(true);
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0], 'data', [0xff, 0xd9]);
    expect(isTruncated(kind(jpeg), jpeg)).toBe(false);
    expect(isTruncated(kind(jpeg), jpeg.subarray(0, 8))).toBe(true);
  });
});
