/** Images that would become broken or monstrous pictures: verified and bounded before building. */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngProblem } from '../../src/article/png-verify.js';
import { failedBuild, front, GOOD, makeArticle, PNG } from './helpers.js';

/** The offset of a chunk's length field, by type. */
function chunkAt(png: Buffer, type: string): number {
  let offset = 8;
  while (offset < png.length) {
    if (png.toString('latin1', offset + 4, offset + 8) === type) return offset;
    offset += 12 + png.readUInt32BE(offset);
  }
  throw new Error(`no ${type}`);
}

/** Recomputes a chunk's checksum after its data was changed. */
function fixCrc(png: Buffer, offset: number): void {
  const length = png.readUInt32BE(offset);
  png.writeUInt32BE(crc32(png.subarray(offset + 4, offset + 8 + length)), offset + 8 + length);
}

/** The fixture with one byte of its image data changed, checksum fixed or not. */
function corruptIdat(fixChecksum: boolean): Buffer {
  const png = Buffer.from(PNG);
  const idat = chunkAt(png, 'IDAT');
  const at = idat + 8 + 2; // past the zlib header, into the compressed data
  png[at] = (png[at] ?? 0) ^ 0xff;
  if (fixChecksum) fixCrc(png, idat);
  return png;
}

function withSize(width: number, height: number): Buffer {
  const png = Buffer.from(PNG);
  const ihdr = chunkAt(png, 'IHDR');
  png.writeUInt32BE(width, ihdr + 8);
  png.writeUInt32BE(height, ihdr + 12);
  fixCrc(png, ihdr);
  return png;
}

const showing = (image: Buffer) =>
  makeArticle({
    ...GOOD,
    'en.md': `${front('Trams')}\nText.\n\n![A tram on the old bridge](images/tram.png)\n`,
    'images/tram.png': image,
  });

describe('pngProblem', () => {
  it('accepts the fixture', async () => {
    expect(await pngProblem(PNG)).toBeUndefined();
  });
  it('finds a damaged chunk by its checksum', async () => {
    expect(await pngProblem(corruptIdat(false))).toBe('its IDAT chunk is damaged');
  });
  it('finds damaged image data whose checksum was made to match', async () => {
    expect(await pngProblem(corruptIdat(true))).toMatch(
      /cannot be decompressed|not the size its header declares/,
    );
  });
  it('finds image data that does not fill the declared size', async () => {
    expect(await pngProblem(withSize(2000, 2000))).toBe(
      'its image data is not the size its header declares',
    );
  });
});

describe.concurrent('bad image data in a build', () => {
  it('a PNG with a corrupt IDAT stops the build at the image', async () => {
    const stderr = await failedBuild(await showing(corruptIdat(false)));
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/tram.png" is corrupt or truncated: its IDAT chunk is damaged [image-corrupt]',
    );
  });

  it('a PNG of 30000 × 30000 pixels is refused before it is decoded', async () => {
    const stderr = await failedBuild(await showing(withSize(30_000, 30_000)));
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/tram.png" is 30000 × 30000 pixels (more than 50 megapixels) [image-too-large]',
    );
  });
});
