/**
 * An RGBA image as a PNG, deflated by Node's zlib on the thread pool. resvg's own encoder
 * works on the main thread for a tenth of a second per cover, and writes a larger file: the
 * rows here go unfiltered, which for a cover's flat colours and sharp type deflates smaller
 * than adaptive filtering does.
 */
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function encodePng(
  pixels: Uint8Array,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const stride = width * 4;
  if (pixels.byteLength !== stride * height) throw new Error('pixels do not match the size');
  const source = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  // Each row after its filter byte, 0: none.
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++)
    source.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 6; // RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', await deflateAsync(rows, { level: 6 })),
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
