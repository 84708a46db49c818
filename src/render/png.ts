/**
 * An RGBA image as a PNG, deflated by Node's zlib on the thread pool. resvg's own encoder
 * works on the main thread for a tenth of a second per cover, and writes a larger file: the
 * rows here go unfiltered, which for a cover's flat colours and sharp type deflates smaller
 * than adaptive filtering does, and without the alpha channel when every pixel is opaque (a
 * quarter less to deflate).
 */
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `pixels` are RGBA, row by row; `level` is zlib's, 1 (fastest) to 9 (smallest). */
export async function encodePng(
  pixels: Uint8Array,
  width: number,
  height: number,
  level = 6,
): Promise<Uint8Array> {
  if (pixels.byteLength !== width * height * 4) throw new Error('pixels do not match the size');
  const opaque = isOpaque(pixels);
  const channels = opaque ? 3 : 4;
  const stride = width * channels;
  // Each row after its filter byte, 0: none. Every byte is written below.
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    let to = y * (stride + 1);
    rows[to++] = 0;
    let from = y * width * 4;
    if (!opaque) {
      rows.set(pixels.subarray(from, from + stride), to);
      continue;
    }
    for (let x = 0; x < width; x++, from += 4) {
      rows[to++] = pixels[from] as number;
      rows[to++] = pixels[from + 1] as number;
      rows[to++] = pixels[from + 2] as number;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = opaque ? 2 : 6; // RGB or RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', await deflateAsync(rows, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function isOpaque(pixels: Uint8Array): boolean {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
  return true;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
