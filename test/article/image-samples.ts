/**
 * Small GIF and WebP files built byte by byte, each from named parts a test can leave out
 * or change; checked once against Chromium's decoders (they draw, at the expected size).
 */

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const le32 = (n: number) => [...le24(n), (n >>> 24) & 0xff];
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

/** GIF's LZW: codes grow from minimum + 1 to 12 bits, a clear code when the table is full. */
export function lzw(indices: number[], minimum: number): number[] {
  const clear = 1 << minimum;
  const out: number[] = [];
  let size = minimum + 1;
  let next = clear + 2;
  let table = new Map<number, number>();
  let bits = 0;
  let count = 0;
  const put = (code: number) => {
    bits |= code << count;
    count += size;
    while (count >= 8) {
      out.push(bits & 0xff);
      bits >>>= 8;
      count -= 8;
    }
  };
  // The decoder adds its entry one code later, so its width grows when ours passes 2^size.
  const step = () => {
    next += 1;
    if (next > 1 << size && size < 12) size += 1;
  };
  put(clear);
  let prefix = -1;
  for (const index of indices) {
    if (prefix < 0) {
      prefix = index;
      continue;
    }
    const key = prefix * 256 + index;
    const known = table.get(key);
    if (known !== undefined) {
      prefix = known;
      continue;
    }
    put(prefix);
    table.set(key, next);
    step();
    if (next === 4096) {
      put(clear);
      table = new Map();
      size = minimum + 1;
      next = clear + 2;
    }
    prefix = index;
  }
  if (prefix >= 0) {
    put(prefix);
    step();
  }
  put(clear + 1);
  if (count > 0) out.push(bits & 0xff);
  return out;
}

/** Data as GIF sub-blocks of at most 255 bytes, with the 0 block that ends them. */
export function subBlocks(data: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 255) {
    const part = data.slice(i, i + 255);
    out.push(part.length, ...part);
  }
  return [...out, 0];
}

/** A grey GIF frame of `width` × `height` with a 2^minimum-colour table and these indices. */
export function gifParts(width: number, height: number, indices: number[], minimum = 2) {
  const colours = 1 << minimum;
  return {
    header: ascii('GIF89a'),
    screen: [...le16(width), ...le16(height), 0x80 | (minimum - 1), 0, 0],
    palette: Array.from({ length: colours }, (_, i) => {
      const grey = Math.round((255 * i) / (colours - 1));
      return [grey, grey, grey];
    }).flat(),
    control: [0x21, 0xf9, 4, 0, 0, 0, 0, 0],
    comment: [0x21, 0xfe, ...subBlocks(ascii('made in a test'))],
    descriptor: [0x2c, ...le16(0), ...le16(0), ...le16(width), ...le16(height), 0],
    codeSize: [minimum],
    data: subBlocks(lzw(indices, minimum)),
    trailer: [0x3b],
  };
}

export type GifPart = keyof ReturnType<typeof gifParts>;

export function gif(
  parts: ReturnType<typeof gifParts> = gifParts(1, 1, [0]),
  leave: GifPart[] = [],
): Buffer {
  return Buffer.from(
    Object.entries(parts)
      .filter(([name]) => !leave.includes(name as GifPart))
      .flatMap(([, bytes]) => bytes),
  );
}

/** A RIFF chunk, padded to an even length. */
export function chunk(type: string, data: number[]): number[] {
  return [...ascii(type), ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])];
}

export function riff(...chunks: number[][]): Buffer {
  const body = [...ascii('WEBP'), ...chunks.flat()];
  return Buffer.from([...ascii('RIFF'), ...le32(body.length), ...body]);
}

/** A 1 × 1 lossless bitstream: signature, 14-bit sizes minus one, alpha bit, version 0. */
export const VP8L_1X1 = [
  0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07,
];
/** A 1 × 1 lossy key frame: frame tag, start code 9d 01 2a, 14-bit width and height. */
export const VP8_1X1 = [
  0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x0e, 0xc0, 0xfe, 0x25, 0xa4, 0x00,
  0x03, 0x70, 0x00, 0x00, 0x00, 0x00,
];

/** A VP8X header: flags, canvas width and height. */
export function vp8x(flags: number, width: number, height: number): number[] {
  return chunk('VP8X', [flags, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
}

/** An animation frame at (x, y) of `width` × `height` holding these chunks. */
export function anmf(x: number, y: number, width: number, height: number, ...inner: number[][]) {
  return chunk('ANMF', [
    ...le24(x / 2),
    ...le24(y / 2),
    ...le24(width - 1),
    ...le24(height - 1),
    ...le24(100),
    0,
    ...inner.flat(),
  ]);
}

export const ANIM = chunk('ANIM', [255, 255, 255, 255, 0, 0]);
