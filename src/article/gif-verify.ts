/**
 * A GIF's structure, walked block by block before it is published: the header, the screen
 * descriptor and colour tables, every extension and frame inside the file, and the
 * trailer. Each frame's LZW data is decoded (lengths counted, no pixels kept) to check it
 * holds a valid code stream that fills the frame; a short one would be a half-drawn picture.
 */

/** What is wrong with the GIF's structure, or undefined. */
export function gifProblem(bytes: Uint8Array): string | undefined {
  const at = (i: number) => bytes[i] ?? -1;
  const word = (i: number) => at(i) | (at(i + 1) << 8);
  const header = Buffer.from(bytes.subarray(0, 6)).toString('latin1');
  if (header !== 'GIF87a' && header !== 'GIF89a') return 'it has no GIF87a or GIF89a header';
  if (bytes.length < 13) return 'it ends inside its screen descriptor';
  if (word(6) === 0 || word(8) === 0) return 'its screen descriptor gives no size';
  let i = 13 + colourTableSize(at(10));
  if (i > bytes.length) return 'its global colour table runs past the end of the file';
  let frames = 0;
  while (i < bytes.length) {
    const block = at(i);
    if (block === 0x3b) return frames === 0 ? 'it has no image' : undefined;
    if (block === 0x21) {
      const end = afterSubBlocks(bytes, i + 2);
      if (end < 0) return 'an extension block runs past the end of the file';
      i = end;
    } else if (block === 0x2c) {
      frames += 1;
      const frame = frameProblem(bytes, i, frames);
      if (typeof frame === 'string') return frame;
      i = frame;
    } else {
      return `a block is missing at byte ${i}`;
    }
  }
  return 'it ends without its trailer';
}

/** The end of the frame whose image descriptor starts at `i`, or what is wrong with it. */
function frameProblem(bytes: Uint8Array, i: number, n: number): number | string {
  const at = (j: number) => bytes[j] ?? -1;
  const word = (j: number) => at(j) | (at(j + 1) << 8);
  if (i + 10 > bytes.length) return `frame ${n}'s descriptor runs past the end of the file`;
  const width = word(i + 5);
  const height = word(i + 7);
  const start = i + 10 + colourTableSize(at(i + 9));
  if (start >= bytes.length) return `frame ${n}'s colour table runs past the end of the file`;
  const minimum = at(start);
  if (minimum < 2 || minimum > 8) {
    return `frame ${n}'s LZW code size is ${minimum}, not 2 to 8`;
  }
  const end = afterSubBlocks(bytes, start + 1);
  if (end < 0) return `frame ${n}'s image data runs past the end of the file`;
  const pixels = lzwLength(bytes, start + 1, minimum);
  if (pixels < 0) return `frame ${n}'s image data holds an invalid LZW code`;
  if (pixels < width * height) {
    return `frame ${n}'s image data fills ${pixels} of its ${width} × ${height} pixels`;
  }
  return end;
}

/** Bytes of the colour table a packed field announces (its top bit says one follows). */
function colourTableSize(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
}

/** The index after the sub-blocks starting at `i` and their 0 terminator, or -1. */
function afterSubBlocks(bytes: Uint8Array, i: number): number {
  let j = i;
  for (;;) {
    const size = bytes[j];
    if (size === undefined) return -1;
    j += 1 + size;
    if (size === 0) return j;
    if (j > bytes.length) return -1;
  }
}

/**
 * How many colour indices the LZW stream in the sub-blocks at `i` decodes to (-1 when a
 * code names an entry not yet defined). Only each entry's length is kept, so a frame that
 * would expand to billions of pixels costs no more than its compressed size.
 */
function lzwLength(bytes: Uint8Array, i: number, minimum: number): number {
  const clear = 1 << minimum;
  const lengths = new Uint16Array(4096);
  lengths.fill(1, 0, clear);
  let size = minimum + 1;
  let next = clear + 2;
  let previous = -1;
  let total = 0;
  let bits = 0;
  let count = 0;
  let j = i + 1;
  let blockEnd = j + (bytes[i] ?? 0);
  for (;;) {
    while (count < size) {
      if (j >= blockEnd) {
        const length = bytes[blockEnd] ?? 0;
        if (length === 0) return total; // the data ended without an end code: tolerated
        j = blockEnd + 1;
        blockEnd = j + length;
      }
      bits |= (bytes[j] ?? 0) << count;
      j += 1;
      count += 8;
    }
    const code = bits & ((1 << size) - 1);
    bits >>>= size;
    count -= size;
    if (code === clear) {
      size = minimum + 1;
      next = clear + 2;
      previous = -1;
      continue;
    }
    if (code === clear + 1) return total;
    if (previous < 0) {
      if (code >= clear) return -1;
      total += 1;
    } else {
      if (code > next || (code === next && next >= 4096)) return -1;
      const entry = (lengths[previous] ?? 0) + 1;
      total += code === next ? entry : (lengths[code] ?? 0);
      if (next < 4096) {
        lengths[next] = entry;
        next += 1;
        if (next === 1 << size && size < 12) size += 1;
      }
    }
    previous = code;
  }
}
