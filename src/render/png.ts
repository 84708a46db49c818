/**
 * An RGBA image as a PNG, deflated by Node's zlib on the thread pool. resvg's own encoder
 * works on the main thread for a tenth of a second per cover, and writes a larger file: the
 * rows here go unfiltered, which for a cover's flat colours and sharp type deflates smaller
 * than adaptive filtering does. An image of at most 256 colours, as a cover of flat colours
 * and type is (some sixty, with the type's anti-aliasing), is written with a palette: a byte
 * a pixel rather than four, so that a quarter of the bytes is deflated, and the file is
 * smaller by a third. Any other image keeps its RGBA rows.
 */
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RGBA = 6;
const INDEXED = 3;

/** `pixels` are RGBA, row by row; `level` is zlib's, 1 (fastest) to 9 (smallest). */
export async function encodePng(
  pixels: Uint8Array,
  width: number,
  height: number,
  level = 6,
): Promise<Uint8Array> {
  if (pixels.byteLength !== width * 4 * height) throw new Error('pixels do not match the size');
  const indexed = paletteRows(pixels, width, height);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample, or per palette index
  header[9] = indexed ? INDEXED : RGBA;
  const rows = indexed?.rows ?? rgbaRows(pixels, width, height);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    ...(indexed ? paletteChunks(pixels, indexed.firsts) : []),
    chunk('IDAT', await deflateAsync(rows, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each row after its filter byte, 0: none. */
function rgbaRows(pixels: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4;
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    rows.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return rows;
}

/**
 * The rows as palette indices (each after its filter byte, 0), and the pixel at which each
 * colour of the palette first appears, in the order of appearance; undefined past 256 colours.
 */
function paletteRows(
  pixels: Uint8Array,
  width: number,
  height: number,
): { rows: Buffer; firsts: number[] } | undefined {
  // Each pixel read as one number: its four bytes, whatever the machine's byte order.
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : new Uint8Array(pixels);
  const colours = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const rows = Buffer.allocUnsafe((width + 1) * height);
  // A small open-addressed table from colour to index: a Map costs more per lookup, and
  // neighbouring pixels share their colour, so most pixels need no lookup at all.
  const keys = new Uint32Array(4096);
  const indices = new Int16Array(4096).fill(-1);
  const firsts: number[] = [];
  let previous = -1;
  let index = 0;
  let i = 0;
  let o = 0;
  const bytes = Buffer.from(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const stride = width * 4;
  for (let y = 0; y < height; y++) {
    rows[o++] = 0;
    // A row like the one above it (three rows in four of a cover: its margins and the
    // background between the lines) takes that row's indices, compared and copied natively.
    if (
      y > 0 &&
      bytes.compare(bytes, (y - 1) * stride, y * stride, y * stride, (y + 1) * stride) === 0
    ) {
      rows.copyWithin(o, o - width - 1, o - 1);
      o += width;
      i += width;
      continue;
    }
    for (let x = 0; x < width; x++, i++) {
      const colour = colours[i] as number;
      if (colour !== previous) {
        let slot = Math.imul(colour, 0x9e3779b1) >>> 20;
        while (indices[slot] !== -1 && keys[slot] !== colour) slot = (slot + 1) & 4095;
        if (indices[slot] === -1) {
          if (firsts.length === 256) return undefined;
          keys[slot] = colour;
          indices[slot] = firsts.length;
          firsts.push(i);
        }
        previous = colour;
        index = indices[slot] as number;
      }
      rows[o++] = index;
    }
  }
  return { rows, firsts };
}

/** PLTE, the colours in index order, and tRNS when a colour is not opaque. */
function paletteChunks(pixels: Uint8Array, firsts: number[]): Buffer[] {
  const palette = Buffer.alloc(firsts.length * 3);
  const alpha = Buffer.alloc(firsts.length);
  firsts.forEach((pixel, index) => {
    palette.set(pixels.subarray(pixel * 4, pixel * 4 + 3), index * 3);
    alpha[index] = pixels[pixel * 4 + 3] as number;
  });
  // tRNS may stop after the last colour that is not opaque.
  let last = alpha.length;
  while (last > 0 && alpha[last - 1] === 255) last--;
  return [chunk('PLTE', palette), ...(last > 0 ? [chunk('tRNS', alpha.subarray(0, last))] : [])];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
