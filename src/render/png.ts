/**
 * An RGBA image as a PNG, deflated by Node's zlib on the thread pool. resvg's own encoder
 * works on the main thread for a tenth of a second per cover, and writes a larger file: the
 * rows here go unfiltered, which for a cover's flat colours and sharp type deflates smaller
 * than adaptive filtering does. The rows keep their alpha channel: dropping it takes a loop
 * over every pixel on the main thread, which costs the build more than the 5% it saves.
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
  const stride = width * 4;
  if (pixels.byteLength !== stride * height) throw new Error('pixels do not match the size');
  // Each row after its filter byte, 0: none. Every byte is written below.
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    rows.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 6; // RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', await deflateAsync(rows, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
