import { describe, expect, it } from 'vitest';
import { gifProblem } from '../../src/article/gif-verify.js';
import { gif, gifParts, subBlocks } from './image-samples.js';

/** Pseudo-random indices: the same every run, none of them long runs. */
function noise(count: number, colours: number): number[] {
  let seed = 7;
  return Array.from({ length: count }, () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % colours;
  });
}

const ONE = gifParts(1, 1, [0]);
/** Bytes before the first block (header, screen descriptor, 4-colour table). */
const BLOCKS_AT = 6 + 7 + 12;

describe('gifProblem accepts', () => {
  it('a 1 × 1 GIF89a, the same as GIF87a, and one with bytes after its trailer', () => {
    expect(gifProblem(gif())).toBeUndefined();
    expect(gifProblem(gif({ ...ONE, header: [...Buffer.from('GIF87a')] }))).toBeUndefined();
    expect(gifProblem(Buffer.concat([gif(), Buffer.from('junk')]))).toBeUndefined();
  });
  it('LZW streams that grow to 12-bit codes and clear a full table, and long runs', () => {
    expect(gifProblem(gif(gifParts(300, 200, noise(60_000, 256), 8)))).toBeUndefined();
    const runs = Array.from({ length: 20_000 }, (_, i) => (i >> 5) % 4);
    expect(gifProblem(gif(gifParts(200, 100, runs)))).toBeUndefined();
  });
  it('a frame without colour tables, extensions or a graphic control block', () => {
    const bare = { ...ONE, screen: [1, 0, 1, 0, 0, 0, 0], palette: [], control: [], comment: [] };
    expect(gifProblem(gif(bare))).toBeUndefined();
  });
});

describe('gifProblem refuses', () => {
  it('a wrong header, a cut screen descriptor, no size, a cut colour table', () => {
    expect(gifProblem(gif({ ...ONE, header: [...Buffer.from('GIF88a')] }))).toBe(
      'it has no GIF87a or GIF89a header',
    );
    expect(gifProblem(gif().subarray(0, 9))).toBe('it ends inside its screen descriptor');
    expect(gifProblem(gif({ ...ONE, screen: [0, 0, 1, 0, 0x81, 0, 0] }))).toBe(
      'its screen descriptor gives no size',
    );
    expect(gifProblem(gif().subarray(0, 20))).toBe(
      'its global colour table runs past the end of the file',
    );
  });

  it('a block that is not a block, an extension past the end, no image, no trailer', () => {
    const stray = gif();
    stray[BLOCKS_AT] = 0x00;
    expect(gifProblem(stray)).toBe(`a block is missing at byte ${BLOCKS_AT}`);
    const longComment = gif({ ...ONE, comment: [0x21, 0xfe, 200, 0x41, 0x42] }, ['descriptor']);
    expect(gifProblem(longComment)).toBe('an extension block runs past the end of the file');
    expect(gifProblem(gif(ONE, ['descriptor', 'codeSize', 'data']))).toBe('it has no image');
    expect(gifProblem(gif(ONE, ['trailer']))).toBe('it ends without its trailer');
  });

  it('a cut image descriptor or local colour table, an impossible LZW code size', () => {
    expect(gifProblem(gif().subarray(0, gif().indexOf(0x2c) + 6))).toBe(
      "frame 1's descriptor runs past the end of the file",
    );
    const local = { ...ONE, descriptor: [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x87] };
    expect(gifProblem(gif(local))).toBe("frame 1's colour table runs past the end of the file");
    expect(gifProblem(gif({ ...ONE, codeSize: [1] }))).toBe(
      "frame 1's LZW code size is 1, not 2 to 8",
    );
    expect(gifProblem(gif({ ...ONE, codeSize: [9] }))).toBe(
      "frame 1's LZW code size is 9, not 2 to 8",
    );
  });

  it('image data past the end of the file, with an invalid code, or too short', () => {
    expect(gifProblem(gif({ ...ONE, data: [40, 0x44, 0x01, 0] }))).toBe(
      "frame 1's image data runs past the end of the file",
    );
    // 3-bit codes: clear (4), 7 before any entry exists.
    expect(gifProblem(gif({ ...ONE, data: subBlocks([4 | (7 << 3)]) }))).toBe(
      "frame 1's image data holds an invalid LZW code",
    );
    // clear, 0, then 7 while the next free entry is 6.
    expect(gifProblem(gif({ ...ONE, data: subBlocks([0xc4, 0x01]) }))).toBe(
      "frame 1's image data holds an invalid LZW code",
    );
    expect(gifProblem(gif(gifParts(2, 2, [0, 1, 2])))).toBe(
      "frame 1's image data fills 3 of its 2 × 2 pixels",
    );
  });

  it('a damaged second frame', () => {
    const first = gifParts(2, 1, [0, 1]);
    const second = gifParts(2, 1, [3]);
    const twoFrames = gif({
      ...first,
      trailer: [...second.control, ...second.descriptor, ...second.codeSize, ...second.data, 0x3b],
    });
    expect(gifProblem(twoFrames)).toBe("frame 2's image data fills 1 of its 2 × 1 pixels");
  });
});
