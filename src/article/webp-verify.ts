/**
 * A WebP's structure, walked chunk by chunk before it is published: the RIFF header and
 * size, every chunk inside the file, and the header of each image (VP8's frame tag and
 * start code, VP8L's signature and version) with a size that fits its canvas and frames.
 * As with JPEG, damage inside the compressed data cannot be seen without decoding it.
 */

interface Chunk {
  type: string;
  data: Buffer;
}

interface Size {
  width: number;
  height: number;
}

const IMAGE = new Set(['VP8 ', 'VP8L']);
/** The spec's bound on canvas width × height. */
const MAX_CANVAS = 2 ** 32;

/** What is wrong with the WebP's structure, or undefined. */
export function webpProblem(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (from: number, to: number) => buffer.toString('latin1', from, to);
  if (buffer.length < 12 || ascii(0, 4) !== 'RIFF' || ascii(8, 12) !== 'WEBP') {
    return 'it has no RIFF WEBP header';
  }
  const end = buffer.readUInt32LE(4) + 8;
  if (end > buffer.length) return 'its RIFF size runs past the end of the file';
  const chunks = readChunks(buffer.subarray(0, end), 12);
  if (typeof chunks === 'string') return chunks;
  const [first, ...rest] = chunks;
  if (!first) return 'it has no image chunk';
  if (first.type === 'VP8X') return extendedProblem(first.data, rest);
  if (IMAGE.has(first.type)) return problemOf(imageSize(first));
  return `its first chunk is "${first.type}", not VP8, VP8L or VP8X`;
}

/** The chunks from `offset` to the end of `data` (in `within`), or what is wrong with them. */
function readChunks(data: Buffer, offset: number, within = 'the file'): Chunk[] | string {
  const chunks: Chunk[] = [];
  let i = offset;
  // A last chunk may lack its padding byte; fewer than 8 bytes left cannot be a chunk.
  while (i + 8 <= data.length) {
    const type = data.toString('latin1', i, i + 4).replace(/[^\x20-\x7e]/g, '?');
    const size = data.readUInt32LE(i + 4);
    if (i + 8 + size > data.length)
      return `its ${shown(type)} chunk runs past the end of ${within}`;
    chunks.push({ type, data: data.subarray(i + 8, i + 8 + size) });
    i += 8 + size + (size & 1);
  }
  return chunks;
}

/** A VP8X file: a canvas, then one still image of its size or animation frames inside it. */
function extendedProblem(header: Buffer, chunks: Chunk[]): string | undefined {
  if (header.length < 10) return 'its VP8X chunk is too short';
  const canvas = { width: header.readUIntLE(4, 3) + 1, height: header.readUIntLE(7, 3) + 1 };
  if (canvas.width * canvas.height > MAX_CANVAS) return 'its canvas is larger than WebP allows';
  const animated = ((header[0] ?? 0) & 0x02) !== 0;
  if (!animated) {
    const image = chunks.find((chunk) => IMAGE.has(chunk.type));
    if (!image) return 'it has no image chunk';
    const size = imageSize(image);
    if (typeof size === 'string') return size;
    if (size.width !== canvas.width || size.height !== canvas.height) {
      return `its image is ${size.width} × ${size.height} but its canvas is ${canvas.width} × ${canvas.height}`;
    }
    return undefined;
  }
  const anim = chunks.findIndex((chunk) => chunk.type === 'ANIM');
  const frames = chunks.filter((chunk) => chunk.type === 'ANMF');
  if (frames.length === 0) return 'it is animated but has no frames';
  if (anim < 0 || anim > chunks.findIndex((chunk) => chunk.type === 'ANMF')) {
    return 'it is animated but has no ANIM chunk before its frames';
  }
  for (const [n, frame] of frames.entries()) {
    const problem = frameProblem(frame.data, canvas, n + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** An ANMF frame: its place and size inside the canvas, then its own image chunk. */
function frameProblem(data: Buffer, canvas: Size, n: number): string | undefined {
  if (data.length < 16) return `frame ${n}'s ANMF chunk is too short`;
  const x = data.readUIntLE(0, 3) * 2;
  const y = data.readUIntLE(3, 3) * 2;
  const width = data.readUIntLE(6, 3) + 1;
  const height = data.readUIntLE(9, 3) + 1;
  if (x + width > canvas.width || y + height > canvas.height) {
    return `frame ${n} lies outside the ${canvas.width} × ${canvas.height} canvas`;
  }
  const chunks = readChunks(data, 16, 'its frame');
  if (typeof chunks === 'string') return ofFrame(chunks, n);
  const image = chunks.find((chunk) => IMAGE.has(chunk.type));
  if (!image) return `frame ${n} has no image chunk`;
  const size = imageSize(image);
  return typeof size === 'string' ? ofFrame(size, n) : undefined;
}

/** "its VP8L chunk …" said of a frame's chunk: "frame 2's VP8L chunk …". */
function ofFrame(problem: string, n: number): string {
  return problem.replace(/^its /, `frame ${n}'s `);
}

/** The size a VP8 or VP8L chunk's header declares, or what is wrong with the header. */
function imageSize({ type, data }: Chunk): Size | string {
  if (type === 'VP8L') {
    if (data.length < 5) return 'its VP8L chunk is too short for its header';
    if (data[0] !== 0x2f) return 'its VP8L data lacks its signature';
    const bits = data.readUInt32LE(1);
    if (bits >>> 29 !== 0) return `its VP8L header has version ${bits >>> 29}, not 0`;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (data.length < 10) return 'its VP8 chunk is too short for its frame header';
  const tag = data.readUIntLE(0, 3);
  if ((tag & 1) !== 0) return 'its VP8 data does not start with a key frame';
  if (((tag >>> 1) & 7) > 3 || ((tag >>> 4) & 1) === 0) return 'its VP8 frame tag is invalid';
  if (tag >>> 5 >= data.length) return 'its VP8 first partition runs past the end of its chunk';
  if (data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) {
    return 'its VP8 frame lacks its start code';
  }
  const width = data.readUInt16LE(6) & 0x3fff;
  const height = data.readUInt16LE(8) & 0x3fff;
  return width === 0 || height === 0 ? 'its VP8 frame header gives no size' : { width, height };
}

function problemOf(size: Size | string): string | undefined {
  return typeof size === 'string' ? size : undefined;
}

/** A chunk type as the spec writes it: "VP8 " is shown as VP8. */
function shown(type: string): string {
  return type.trimEnd();
}
