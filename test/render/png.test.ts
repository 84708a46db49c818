import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/render/png.js';
import { decodeCover } from '../helpers/cover-pixels.js';

/** RGBA pixels of a 7 × 5 image, every alpha `alpha(i)`. */
function pixels(alpha: (i: number) => number): Uint8Array {
  return new Uint8Array(7 * 5 * 4).map((_, i) => (i % 4 === 3 ? alpha(i) : (i * 37) % 256));
}

describe('encodePng', () => {
  it.each([
    ['opaque', () => 255],
    ['with transparency', (i: number) => (i * 11) % 256],
  ])('writes an RGBA PNG that decodes to the same pixels: %s', async (_, alpha) => {
    const source = pixels(alpha);
    const png = await encodePng(source, 7, 5, 3);
    expect(imageSize(png)).toMatchObject({ width: 7, height: 5, type: 'png' });
    expect(png[25]).toBe(6); // IHDR's colour type: RGBA
    const decoded = decodeCover(png, 'image/png');
    expect([decoded.width, decoded.height]).toEqual([7, 5]);
    expect(Buffer.compare(Buffer.from(decoded.data), Buffer.from(source))).toBe(0);
  });

  it('refuses pixels that do not fill the size', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow(/size/);
  });
});
