import { Resvg } from '@resvg/resvg-js';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/render/png.js';
import { decodeCover } from '../helpers/cover-pixels.js';

/** RGBA pixels of a 7 × 5 image, every alpha `alpha(i)`: 35 colours at most. */
function pixels(alpha: (i: number) => number): Uint8Array {
  return new Uint8Array(7 * 5 * 4).map((_, i) => (i % 4 === 3 ? alpha(i) : (i * 37) % 256));
}

/** 20 × 20 pixels of 400 colours, none repeated: more than a palette holds. */
function manyColours(): Uint8Array {
  return new Uint8Array(20 * 20 * 4).map(
    (_, i) => [(i >> 2) & 255, (i >> 10) * 90, 200, 255][i % 4] as number,
  );
}

/** The pixels another decoder (resvg's, in Rust) reads from the PNG. */
function decodedByResvg(png: Uint8Array, width: number, height: number): Uint8Array {
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="${href}" image-rendering="pixelated"/></svg>`;
  return new Resvg(svg, { fitTo: { mode: 'original' } }).render().pixels;
}

describe('encodePng', () => {
  it.each([
    ['opaque', () => 255, 3],
    ['with transparency', (i: number) => (i * 11) % 256, 3],
  ])(
    'writes an image of few colours with a palette, decoding to the same pixels: %s',
    async (_, alpha, type) => {
      const source = pixels(alpha);
      const png = await encodePng(source, 7, 5, 3);
      expect(imageSize(png)).toMatchObject({ width: 7, height: 5, type: 'png' });
      expect(png[25]).toBe(type); // IHDR's colour type: 3, palette
      const decoded = decodeCover(png, 'image/png');
      expect([decoded.width, decoded.height]).toEqual([7, 5]);
      expect(Buffer.compare(Buffer.from(decoded.data), Buffer.from(source))).toBe(0);
    },
  );

  it('writes the palette so that another decoder reads the same opaque pixels', async () => {
    const source = pixels(() => 255);
    const png = await encodePng(source, 7, 5);
    expect(Buffer.compare(Buffer.from(decodedByResvg(png, 7, 5)), Buffer.from(source))).toBe(0);
  });

  it('reads rows equal to the one above them as that row: a flat background with one mark', async () => {
    const source = new Uint8Array(6 * 6 * 4).map((_, i) => (i % 4 === 3 ? 255 : 40));
    source.set([200, 10, 10, 255], (3 * 6 + 2) * 4);
    const png = await encodePng(source, 6, 6);
    expect(png[25]).toBe(3);
    expect(
      Buffer.compare(Buffer.from(decodeCover(png, 'image/png').data), Buffer.from(source)),
    ).toBe(0);
    expect(Buffer.compare(Buffer.from(decodedByResvg(png, 6, 6)), Buffer.from(source))).toBe(0);
  });

  it('writes RGBA rows past 256 colours, decoding to the same pixels', async () => {
    const source = manyColours();
    const png = await encodePng(source, 20, 20);
    expect(png[25]).toBe(6); // IHDR's colour type: RGBA
    const decoded = decodeCover(png, 'image/png');
    expect(Buffer.compare(Buffer.from(decoded.data), Buffer.from(source))).toBe(0);
    expect(Buffer.compare(Buffer.from(decodedByResvg(png, 20, 20)), Buffer.from(source))).toBe(0);
  });

  it('reads pixels that do not start on a four-byte boundary', async () => {
    const source = pixels(() => 255);
    const shifted = new Uint8Array(source.length + 1).subarray(1);
    shifted.set(source);
    const png = await encodePng(shifted, 7, 5);
    expect(
      Buffer.compare(Buffer.from(decodeCover(png, 'image/png').data), Buffer.from(source)),
    ).toBe(0);
  });

  it('refuses pixels that do not fill the size', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow(/size/);
  });
});
