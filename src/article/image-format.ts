/**
 * What an image file is, read from its bytes rather than its name: a type the editions
 * can use, a known type they cannot, or not an image at all; and whether it was cut short.
 */

export interface ImageKind {
  mediaType: string;
  extension: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The types every edition (HTML, PDF and EPUB 3 core media types) can carry. */
export function sniffSupported(bytes: Uint8Array): ImageKind | undefined {
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { mediaType: 'image/png', extension: 'png' };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return { mediaType: 'image/jpeg', extension: 'jpg' };
  }
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') {
    return { mediaType: 'image/webp', extension: 'webp' };
  }
  if (head.toString('latin1', 0, 4) === 'GIF8') return { mediaType: 'image/gif', extension: 'gif' };
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  if (
    /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(
      text,
    )
  ) {
    return { mediaType: 'image/svg+xml', extension: 'svg' };
  }
  return undefined;
}

/** The name of a well-known image (or image-like) type the editions cannot use. */
export function sniffUnsupported(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 16));
  const ascii = (from: number, to: number) => head.toString('latin1', from, to);
  if (ascii(0, 2) === 'BM') return 'BMP';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'TIFF';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'AVIF';
    if (['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(brand)) return 'HEIC';
  }
  if (ascii(0, 4) === '\0\0\x01\0') return 'ICO';
  if (ascii(0, 4) === '8BPS') return 'Photoshop (PSD)';
  if (ascii(0, 5) === '%PDF-') return 'PDF';
  if ((head[0] === 0xff && head[1] === 0x0a) || ascii(4, 8) === 'JXL ') return 'JPEG XL';
  return undefined;
}

/**
 * Whether a file of a supported type was cut short: each of these formats ends with a
 * marker (PNG's IEND chunk, JPEG's EOI, GIF's trailer) or states its length (WebP).
 */
export function isTruncated(kind: ImageKind, bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  switch (kind.extension) {
    case 'png':
      return !buffer.subarray(Math.max(0, buffer.length - 64)).includes('IEND', 0, 'latin1');
    case 'jpg':
      // Cameras sometimes append a few bytes after the end-of-image marker.
      return !buffer
        .subarray(Math.max(0, buffer.length - 1024))
        .includes(Buffer.from([0xff, 0xd9]));
    case 'gif':
      return buffer.length < 14 || !buffer.subarray(Math.max(0, buffer.length - 16)).includes(0x3b);
    case 'webp':
      return buffer.length < 12 || buffer.readUInt32LE(4) + 8 > buffer.length;
    case 'svg':
      // An empty root may close itself (<svg … />); the XML parse (svg-check.ts) finds
      // a file cut after a self-closed child.
      return !/(?:<\/svg\s*>|\/>)\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(buffer.toString('utf8'));
    default:
      return false;
  }
}
