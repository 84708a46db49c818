/**
 * Images that would become broken or monstrous pictures: verified (PNG fully, JPEG and
 * WebP by their structure, GIF by its structure and LZW data) and bounded before building.
 */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jpegProblem } from '../../src/article/jpeg-verify.js';
import { pngProblem } from '../../src/article/png-verify.js';
import {
  ANIM,
  anmf,
  chunk,
  gif,
  gifParts,
  riff,
  VP8_1X1,
  VP8L_1X1,
  vp8x,
} from '../article/image-samples.js';
import { build, failedBuild, front, GOOD, makeArticle, PNG } from './helpers.js';

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

/** A 1 × 1 grey baseline JPEG, built by hand: each segment a separate part. */
const JPEG_PARTS = {
  soi: [0xff, 0xd8],
  dqt: [0xff, 0xdb, 0x00, 0x43, 0x00, ...Array(64).fill(1)],
  sof: [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00],
  dhtDc: [0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...Array(15).fill(0), 0x00],
  dhtAc: [0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, ...Array(15).fill(0), 0x00],
  sos: [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00],
  data: [0x3f],
  eoi: [0xff, 0xd9],
};
const jpeg = (leave: (keyof typeof JPEG_PARTS)[] = []) =>
  Buffer.from(
    Object.entries(JPEG_PARTS)
      .filter(([name]) => !leave.includes(name as keyof typeof JPEG_PARTS))
      .flatMap(([, bytes]) => bytes),
  );

describe('jpegProblem', () => {
  it('accepts a whole JPEG, and one with bytes after its end', () => {
    expect(jpegProblem(jpeg())).toBeUndefined();
    expect(jpegProblem(Buffer.concat([jpeg(), Buffer.from('camera junk')]))).toBeUndefined();
  });
  it('finds a missing frame header, missing scan, a segment past the end, an overwritten marker', () => {
    expect(jpegProblem(jpeg(['sof']))).toBe('it has no frame header');
    expect(jpegProblem(jpeg(['sos', 'data']))).toBe('it has no image data');
    const long = jpeg();
    long.writeUInt16BE(0x4000, 4); // the DQT segment (after FFD8 FFDB) claims 16 KB
    expect(jpegProblem(long)).toBe('a segment runs past the end of the file');
    const overwritten = jpeg();
    overwritten.fill(0x20, 2, 10);
    expect(jpegProblem(overwritten)).toBe('a marker is missing at byte 2');
  });
});

describe.concurrent('bad image data in a build', () => {
  it('a JPEG without its scan stops the build at the image', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nText.\n\n![A grey dot](images/dot.jpg)\n`,
      'images/dot.jpg': jpeg(['sos', 'data']),
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/dot.jpg" is corrupt or truncated: it has no image data [image-corrupt]',
    );
  });

  it('the whole JPEG builds', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nText.\n\n![A grey dot](images/dot.jpg)\n`,
      'images/dot.jpg': jpeg(),
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
  });

  it('a PNG with a corrupt IDAT stops the build at the image', async () => {
    const stderr = await failedBuild(await showing(corruptIdat(false)));
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/tram.png" is corrupt or truncated: its IDAT chunk is damaged [image-corrupt]',
    );
  });

  it('an SVG embedding a corrupt or a huge PNG is refused like the PNG file', async () => {
    const svg = (png: Buffer) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
    const files = {
      'en.md': `${front('Trams')}\nText.\n\n![A map](images/a.svg)\n\n![A plan](images/b.svg)\n`,
      'images/a.svg': svg(corruptIdat(false)),
      'images/b.svg': svg(withSize(30_000, 30_000)),
    };
    const stderr = await failedBuild(await makeArticle(files));
    expect(stderr).toContain(
      'article/en.md:9:1: error SVG image "images/a.svg" embeds an image that is corrupt or truncated: its IDAT chunk is damaged [image-corrupt]',
    );
    expect(stderr).toContain(
      'article/en.md:11:1: error SVG image "images/b.svg" embeds an image that is 30000 × 30000 pixels (more than 50 megapixels) [image-too-large]',
    );
  });

  it('a PNG of 30000 × 30000 pixels is refused before it is decoded', async () => {
    const stderr = await failedBuild(await showing(withSize(30_000, 30_000)));
    expect(stderr).toContain(
      'article/en.md:9:1: error image "images/tram.png" is 30000 × 30000 pixels (more than 50 megapixels) [image-too-large]',
    );
  });

  it('whole GIFs and WebPs (lossless, lossy, animated) build', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Dots')}\nText.\n\n![A grey dot](images/dot.gif)\n\n![A white dot](images/a.webp)\n\n![A dark dot](images/b.webp)\n\n![A blinking dot](images/c.webp)\n`,
      'images/dot.gif': gif(
        gifParts(
          20,
          10,
          Array.from({ length: 200 }, (_, i) => i % 4),
        ),
      ),
      'images/a.webp': riff(chunk('VP8L', VP8L_1X1)),
      'images/b.webp': riff(chunk('VP8 ', VP8_1X1)),
      'images/c.webp': riff(vp8x(0x12, 1, 1), ANIM, anmf(0, 0, 1, 1, chunk('VP8L', VP8L_1X1))),
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
  });

  it('a GIF whose data does not fill its frame, a WebP not of its canvas size stop the build', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Dots')}\nText.\n\n![A grey dot](images/dot.gif)\n\n![A white dot](images/dot.webp)\n`,
      'images/dot.gif': gif(gifParts(2, 2, [0, 1, 2])),
      'images/dot.webp': riff(vp8x(0, 2, 2), chunk('VP8L', VP8L_1X1)),
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toContain(
      `article/en.md:9:1: error image "images/dot.gif" is corrupt or truncated: frame 1's image data fills 3 of its 2 × 2 pixels [image-corrupt]`,
    );
    expect(stderr).toContain(
      'article/en.md:11:1: error image "images/dot.webp" is corrupt or truncated: its image is 1 × 1 but its canvas is 2 × 2 [image-corrupt]',
    );
  });
});
