/**
 * A PNG is verified before it is published: every chunk's checksum, and its image data
 * inflated (counted, not kept) to exactly the size its header promises. A corrupt IDAT
 * would otherwise become a broken picture in the PDF, with exit 0.
 */
import { crc32, createInflate } from 'node:zlib';

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface Header {
  width: number;
  height: number;
  bitsPerPixel: number;
  interlaced: boolean;
}

/** What is wrong with the PNG, or undefined when it decodes to the size it declares. */
export async function pngProblem(bytes: Uint8Array): Promise<string | undefined> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | undefined;
  const data: Buffer[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > buffer.length) return 'it ends before its IEND chunk';
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > buffer.length) return `its ${type} chunk is cut short`;
    const crc = buffer.readUInt32BE(end - 4);
    if (crc32(buffer.subarray(offset + 4, end - 4)) !== crc) return `its ${type} chunk is damaged`;
    const body = buffer.subarray(offset + 8, end - 4);
    if (type === 'IHDR') header = readHeader(body);
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset = end;
  }
  if (!header) return 'it has no valid IHDR header';
  const expected = rawSize(header);
  const actual = await inflatedLength(data, expected).catch(() => -1);
  if (actual < 0) return 'its image data cannot be decompressed';
  if (actual !== expected) return 'its image data is not the size its header declares';
  return undefined;
}

function readHeader(body: Buffer): Header | undefined {
  if (body.length !== 13) return undefined;
  const channels = CHANNELS[body[9] ?? -1];
  const depth = body[8] ?? 0;
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) return undefined;
  return {
    width: body.readUInt32BE(0),
    height: body.readUInt32BE(4),
    bitsPerPixel: channels * depth,
    interlaced: body[12] === 1,
  };
}

/** Bytes of filtered scanlines: one filter byte per row, per pass when interlaced (Adam7). */
function rawSize({ width, height, bitsPerPixel, interlaced }: Header): number {
  const rows = (w: number, h: number) =>
    w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!interlaced) return rows(width, height);
  const passes: [number, number, number, number][] = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  return passes.reduce(
    (sum, [x0, y0, dx, dy]) =>
      sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)),
    0,
  );
}

/** The inflated size, counted as it streams; stops counting once past `limit`. */
function inflatedLength(chunks: Buffer[], limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflate();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', reject);
    for (const chunk of chunks) inflate.write(chunk);
    inflate.end();
  });
}
