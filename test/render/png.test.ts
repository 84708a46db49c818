import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/render/png.js';
import { decodeCover } from '../helpers/cover-pixels.js';

describe('encodePng', () => {
  it('writes a PNG that decodes to the same pixels', async () => {
    const width = 7;
    const height = 5;
    const pixels = new Uint8Array(width * height * 4).map((_, i) => (i * 37) % 256);
    const png = await encodePng(pixels, width, height);
    expect(imageSize(png)).toMatchObject({ width, height, type: 'png' });
    const decoded = decodeCover(png, 'image/png');
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Buffer.compare(Buffer.from(decoded.data), Buffer.from(pixels))).toBe(0);
  });

  it('refuses pixels that do not fill the size', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow(/size/);
  });
});
