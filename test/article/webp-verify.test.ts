import { describe, expect, it } from 'vitest';
import { webpProblem } from '../../src/article/webp-verify.js';
import { ANIM, anmf, chunk, riff, VP8_1X1, VP8L_1X1, vp8x } from './image-samples.js';

const LOSSLESS = chunk('VP8L', VP8L_1X1);
const LOSSY = chunk('VP8 ', VP8_1X1);
const lossy = (change: (data: number[]) => void) => {
  const data = [...VP8_1X1];
  change(data);
  return riff(chunk('VP8 ', data));
};
const animated = (...frames: number[][]) => riff(vp8x(0x12, 2, 2), ANIM, ...frames);

describe('webpProblem accepts', () => {
  it('a 1 × 1 lossless and a 1 × 1 lossy WebP, and one with bytes after its RIFF size', () => {
    expect(webpProblem(riff(LOSSLESS))).toBeUndefined();
    expect(webpProblem(riff(LOSSY))).toBeUndefined();
    expect(webpProblem(Buffer.concat([riff(LOSSLESS), Buffer.from('junk')]))).toBeUndefined();
  });
  it('an extended still image with other chunks, and an animation of frames in its canvas', () => {
    const exif = chunk('EXIF', [1, 2, 3]);
    expect(webpProblem(riff(vp8x(0x18, 1, 1), LOSSLESS, exif))).toBeUndefined();
    const frames = [anmf(0, 0, 1, 1, LOSSLESS), anmf(0, 0, 1, 1, chunk('ALPH', [0]), LOSSY)];
    expect(webpProblem(riff(vp8x(0x12, 1, 1), ANIM, ...frames))).toBeUndefined();
    expect(webpProblem(animated(anmf(0, 0, 2, 2, LOSSLESS)))).toBeUndefined();
  });
});

describe('webpProblem refuses', () => {
  it('a wrong header, a RIFF size past the end, a chunk past the end, no chunk', () => {
    const header = riff(LOSSLESS);
    header.write('WEBQ', 8, 'latin1');
    expect(webpProblem(header)).toBe('it has no RIFF WEBP header');
    const long = riff(LOSSLESS);
    long.writeUInt32LE(long.readUInt32LE(4) + 2, 4);
    expect(webpProblem(long)).toBe('its RIFF size runs past the end of the file');
    const chunkLong = riff(LOSSLESS);
    chunkLong.writeUInt32LE(100, 16);
    expect(webpProblem(chunkLong)).toBe('its VP8L chunk runs past the end of the file');
    expect(webpProblem(riff())).toBe('it has no image chunk');
    expect(webpProblem(riff(chunk('ALPH', [0]), LOSSLESS))).toBe(
      'its first chunk is "ALPH", not VP8, VP8L or VP8X',
    );
  });

  it('a VP8 frame that is not a shown key frame, or lacks its start code or size', () => {
    expect(webpProblem(lossy((d) => (d[0] = 0x31)))).toBe(
      'its VP8 data does not start with a key frame',
    );
    expect(webpProblem(lossy((d) => (d[0] = 0x20)))).toBe('its VP8 frame tag is invalid');
    expect(webpProblem(lossy((d) => (d[1] = 0x40)))).toBe(
      'its VP8 first partition runs past the end of its chunk',
    );
    expect(webpProblem(lossy((d) => (d[5] = 0x2b)))).toBe('its VP8 frame lacks its start code');
    expect(webpProblem(lossy((d) => (d[6] = 0)))).toBe('its VP8 frame header gives no size');
    expect(webpProblem(riff(chunk('VP8 ', VP8_1X1.slice(0, 8))))).toBe(
      'its VP8 chunk is too short for its frame header',
    );
  });

  it('a VP8L stream without its signature, of another version, or cut in its header', () => {
    expect(webpProblem(riff(chunk('VP8L', [0x2e, ...VP8L_1X1.slice(1)])))).toBe(
      'its VP8L data lacks its signature',
    );
    const version = [...VP8L_1X1];
    version[4] = 0x30; // the top three bits of the 32-bit header
    expect(webpProblem(riff(chunk('VP8L', version)))).toBe('its VP8L header has version 1, not 0');
    expect(webpProblem(riff(chunk('VP8L', VP8L_1X1.slice(0, 3))))).toBe(
      'its VP8L chunk is too short for its header',
    );
  });

  it('an extended file cut short, with no image, an image not of its canvas size, a huge canvas', () => {
    expect(webpProblem(riff(chunk('VP8X', [0, 0, 0, 0]), LOSSLESS))).toBe(
      'its VP8X chunk is too short',
    );
    expect(webpProblem(riff(vp8x(0, 1, 1), chunk('EXIF', [1])))).toBe('it has no image chunk');
    expect(webpProblem(riff(vp8x(0, 2, 2), LOSSLESS))).toBe(
      'its image is 1 × 1 but its canvas is 2 × 2',
    );
    expect(webpProblem(riff(vp8x(0, 2 ** 24, 2 ** 24), LOSSLESS))).toBe(
      'its canvas is larger than WebP allows',
    );
  });

  it('an animation without frames or ANIM chunk, or with a frame outside its canvas or damaged', () => {
    expect(webpProblem(animated())).toBe('it is animated but has no frames');
    const frame = anmf(0, 0, 1, 1, LOSSLESS);
    expect(webpProblem(riff(vp8x(0x12, 2, 2), frame))).toBe(
      'it is animated but has no ANIM chunk before its frames',
    );
    expect(webpProblem(riff(vp8x(0x12, 2, 2), frame, ANIM))).toBe(
      'it is animated but has no ANIM chunk before its frames',
    );
    expect(webpProblem(animated(frame, anmf(2, 0, 1, 1, LOSSLESS)))).toBe(
      'frame 2 lies outside the 2 × 2 canvas',
    );
    expect(webpProblem(animated(chunk('ANMF', [0, 0, 0])))).toBe(
      "frame 1's ANMF chunk is too short",
    );
    expect(webpProblem(animated(anmf(0, 0, 1, 1, chunk('EXIF', [1]))))).toBe(
      'frame 1 has no image chunk',
    );
    expect(webpProblem(animated(anmf(0, 0, 1, 1, chunk('VP8L', [0x2e, 0, 0, 0, 0]))))).toBe(
      "frame 1's VP8L data lacks its signature",
    );
    const cut = animated(frame);
    cut.writeUInt32LE(200, cut.indexOf('VP8L') + 4);
    expect(webpProblem(cut)).toBe("frame 1's VP8L chunk runs past the end of its frame");
  });
});
