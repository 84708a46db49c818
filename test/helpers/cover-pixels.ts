/**
 * The pixels of an EPUB's raster cover, for the cover tests: PNG (8-bit RGBA, RGB or palette)
 * decoded here with zlib, JPEG with jpeg-js.
 */
import { inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export function decodeCover(bytes: Uint8Array, mediaType: string): Pixels {
  if (mediaType === 'image/jpeg') {
    const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width, height, data };
  }
  return decodePng(Buffer.from(bytes));
}

function decodePng(png: Buffer): Pixels {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  let palette: Buffer | undefined;
  let alpha: Buffer | undefined;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : body[9] === 3 ? 1 : 0;
      if (!channels) throw new Error(`PNG colour type ${body[9]} is not RGB(A) or palette`);
    }
    if (type === 'PLTE') palette = body;
    if (type === 'tRNS') alpha = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      rows[y * stride + x] = (byte + predict(filter, a, b, c)) & 0xff;
    }
  }
  if (channels === 4) return { width, height, data: rows };
  if (channels === 1) {
    if (!palette) throw new Error('a palette PNG without PLTE');
    const data = new Uint8Array(width * height * 4);
    rows.forEach((index, i) => {
      if (index * 3 >= (palette as Buffer).length) throw new Error(`palette index ${index} unset`);
      data.set((palette as Buffer).subarray(index * 3, index * 3 + 3), i * 4);
      data[i * 4 + 3] = alpha?.[index] ?? 255;
    });
    return { width, height, data };
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set(rows.subarray(i * 3, i * 3 + 3), i * 4);
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      return 0;
  }
}

/** How many pixels of the rectangle differ from `rgb` by more than `tolerance` in a channel. */
export function inkIn(
  pixels: Pixels,
  rect: { left: number; top: number; right: number; bottom: number },
  rgb: [number, number, number],
  tolerance = 24,
): number {
  let ink = 0;
  for (let y = Math.max(0, rect.top); y < Math.min(pixels.height, rect.bottom); y++) {
    for (let x = Math.max(0, rect.left); x < Math.min(pixels.width, rect.right); x++) {
      const i = 4 * (y * pixels.width + x);
      const d = rgb.map((v, k) => Math.abs((pixels.data[i + k] ?? 0) - v));
      if (Math.max(...d) > tolerance) ink++;
    }
  }
  return ink;
}

/** The mean colour of a rectangle. */
export function meanColour(
  pixels: Pixels,
  rect: { left: number; top: number; right: number; bottom: number },
): [number, number, number] {
  const sum = [0, 0, 0];
  let count = 0;
  for (let y = rect.top; y < rect.bottom; y++) {
    for (let x = rect.left; x < rect.right; x++) {
      const i = 4 * (y * pixels.width + x);
      for (let k = 0; k < 3; k++) sum[k] = (sum[k] ?? 0) + (pixels.data[i + k] ?? 0);
      count++;
    }
  }
  return [0, 1, 2].map((k) => (sum[k] ?? 0) / count) as [number, number, number];
}
