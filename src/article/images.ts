/**
 * Images referenced by the Markdown: resolved inside the article folder (never outside,
 * never from the network), read once, and identified by their bytes, not their names.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { SourceLocation } from '../errors.js';
import { gifProblem } from './gif-verify.js';
import { isTruncated, sniffSupported, sniffUnsupported } from './image-format.js';
import { InputError, shorten } from './input-error.js';
import { jpegProblem } from './jpeg-verify.js';
import { pngProblem } from './png-verify.js';
import { leaves, megabytes, readInsideFolder } from './read-file.js';
import { svgProblem } from './svg-check.js';
import { webpProblem } from './webp-verify.js';

export interface Asset {
  /** The normalized path inside the article folder, e.g. "images/xiongan.svg". */
  rel: string;
  mediaType: string;
  extension: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  sha256: string;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const NETWORK = /^(?:https?|ftps?|sftp|wss?)$/i;

/** Where a reference points inside `dir`, or an InputError saying why it may not be used. */
export function resolveImagePath(dir: string, src: string, at: SourceLocation): string {
  const shown = shorten(src);
  const scheme = SCHEME.exec(src)?.[1];
  if (src.startsWith('//') || (scheme && NETWORK.test(scheme))) {
    throw new InputError('image-remote', `remote image "${shown}" is not allowed`, {
      location: at,
      hint: 'download the image into the article folder (for example images/) and refer to it by its relative path; build-article never fetches anything from the network',
    });
  }
  if (scheme) {
    throw new InputError('image-url', `image "${shown}" is a ${scheme}: URL, not a file`, {
      location: at,
      hint: 'save the image as a file in the article folder (for example images/) and refer to it by its relative path',
    });
  }
  if (src.trim() === '') {
    throw new InputError('image-missing', 'an image has no path', {
      location: at,
      hint: 'write the path of the image file between the parentheses: ![alt text](images/figure.png)',
    });
  }
  const decoded = safeDecode(src);
  if (path.isAbsolute(decoded) || decoded.startsWith('/') || decoded.startsWith('\\')) {
    throw new InputError('image-outside', `image path "${shown}" is absolute`, {
      location: at,
      hint: 'copy the image into the article folder and refer to it by a relative path, such as images/figure.png',
    });
  }
  const rel = path.relative(dir, path.resolve(dir, decoded));
  if (leaves(rel)) {
    throw new InputError('image-outside', `image path "${shown}" leaves the article folder`, {
      location: at,
      hint: 'copy the image into the article folder and refer to it from there',
    });
  }
  return rel.split(path.sep).join('/');
}

/**
 * `kept`: the images read before by the same process (the preview, after each save), by
 * path; an image whose bytes are the same is not checked again.
 */
export async function readAsset(
  dir: string,
  rel: string,
  at: SourceLocation,
  kept?: Map<string, Asset>,
): Promise<Asset> {
  const bytes = await readInside(dir, rel, at);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = kept?.get(rel);
  if (known?.sha256 === sha256) return known;
  const asset = await checkAsset(rel, bytes, sha256, at);
  kept?.set(rel, asset);
  return asset;
}

async function checkAsset(
  rel: string,
  bytes: Uint8Array,
  sha256: string,
  at: SourceLocation,
): Promise<Asset> {
  const kind = sniffSupported(bytes);
  if (!kind) {
    const other = sniffUnsupported(bytes);
    throw other
      ? new InputError('image-unsupported', `image "${rel}" is a ${other} file`, {
          location: at,
          hint: 'convert it to PNG or JPEG (photographs), or SVG (drawings); the editions can carry PNG, JPEG, WebP, GIF and SVG',
        })
      : new InputError('image-not-image', `"${rel}" is not an image`, {
          location: at,
          hint: 'refer to a PNG, JPEG, WebP, GIF or SVG file; the type is read from the content, not from the name',
        });
  }
  if (isTruncated(kind, bytes)) throw corrupt(rel, at);
  if (kind.extension === 'svg') await refuseBadSvg(bytes, rel, at);
  const { width, height } = measure(kind.extension, bytes, rel, at);
  if (kind.extension !== 'svg') await refuseBadRaster(bytes, `image "${rel}"`, at);
  return { rel, ...kind, bytes, width, height, sha256 };
}

/**
 * A cover picture is drawn into the EPUB's raster cover by resvg, which reads PNG and JPEG;
 * the other formats an article's figures may use are refused here, at the `cover` line.
 */
export function refuseCoverFormat(asset: Asset, at: SourceLocation): void {
  if (asset.extension === 'png' || asset.extension === 'jpg') return;
  throw new InputError(
    'image-unsupported',
    `cover image "${asset.rel}" is ${asset.extension.toUpperCase()}, not PNG or JPEG`,
    {
      location: at,
      hint: "export the cover picture as a JPEG (a photograph) or a PNG (a drawing); it is drawn into the EPUB's cover with the title",
    },
  );
}

/** Decoded, a bigger image costs a browser gigabytes (30000 × 30000 is 3.6 GB). */
export const MAX_PIXELS = 50_000_000;

/** An image file larger than this is refused before it is read. */
export const IMAGE_LIMIT = 50 * 1024 * 1024;

/** The file's bytes, refusing a symbolic link (of the file or a folder) that leads outside. */
async function readInside(dir: string, rel: string, at: SourceLocation): Promise<Uint8Array> {
  const full = path.join(dir, rel);
  const read = await readInsideFolder(dir, full, IMAGE_LIMIT).catch(
    (cause: unknown) => ({ ok: false, reason: 'missing', cause }) as const,
  );
  if (read.ok) return read.bytes;
  switch (read.reason) {
    case 'outside':
      throw new InputError(
        'image-outside',
        `image "${rel}" is a link to a file outside the article folder`,
        { location: at, hint: 'replace the symbolic link with a copy of the image' },
      );
    case 'not-file':
      throw new InputError('image-missing', `image "${rel}" is ${read.kind}, not a file`, {
        location: at,
        hint:
          read.kind === 'a folder'
            ? 'refer to the image file inside it, such as images/figure.png'
            : 'refer to a regular image file, such as images/figure.png',
      });
    case 'too-large':
      throw new InputError(
        'image-too-large',
        `image "${rel}" is larger than ${megabytes(read.limit)} (${megabytes(read.bytes)})`,
        {
          location: at,
          hint: 'make the image smaller: resize it or export it with more compression',
        },
      );
    case 'missing':
      throw new InputError('image-missing', `image "${rel}" was not found`, {
        location: at,
        hint: `put the image at ${path.relative(process.cwd(), full) || full} or correct the path in the Markdown (names are case-sensitive)`,
        cause: read.cause,
      });
  }
}

/** A raster image (a file, or one an SVG embeds) must be of bounded size and decode whole. */
async function refuseBadRaster(bytes: Uint8Array, what: string, at: SourceLocation): Promise<void> {
  const kind = sniffSupported(bytes);
  let size: { width?: number; height?: number } = {};
  try {
    size = imageSize(bytes);
  } catch {
    // unreadable: reported below
  }
  const { width = 0, height = 0 } = size;
  if (!kind || kind.extension === 'svg' || width === 0 || height === 0) {
    throw new InputError(
      'image-corrupt',
      `${what} is not a readable PNG, JPEG, GIF or WebP image`,
      {
        location: at,
        hint: 'open the image in an editor and export it again',
      },
    );
  }
  if (width * height > MAX_PIXELS) {
    throw new InputError(
      'image-too-large',
      `${what} is ${width} × ${height} pixels (more than ${MAX_PIXELS / 1e6} megapixels)`,
      {
        location: at,
        hint: 'scale the image down: 3000 pixels on the long side is plenty for print',
      },
    );
  }
  const problem = await rasterProblem(kind.extension, bytes);
  if (problem) {
    throw new InputError('image-corrupt', `${what} is corrupt or truncated: ${problem}`, {
      location: at,
      hint: 'open the image in an editor and export it again',
    });
  }
}

/** What a structural check (or, for PNG, a full decode) finds wrong with the image. */
async function rasterProblem(extension: string, bytes: Uint8Array): Promise<string | undefined> {
  switch (extension) {
    case 'png':
      return pngProblem(bytes);
    case 'jpg':
      return jpegProblem(bytes);
    case 'gif':
      return gifProblem(bytes);
    case 'webp':
      return webpProblem(bytes);
    default:
      return undefined;
  }
}

async function refuseBadSvg(bytes: Uint8Array, rel: string, at: SourceLocation): Promise<void> {
  const rasters: Uint8Array[] = [];
  const problem = svgProblem(Buffer.from(bytes).toString('utf8'), rasters);
  if (!problem) {
    for (const raster of rasters) {
      await refuseBadRaster(raster, `SVG image "${rel}" embeds an image that`, at);
    }
    return;
  }
  switch (problem.kind) {
    case 'unsafe':
      throw new InputError('image-unsafe-svg', `SVG image "${rel}" contains ${problem.detail}`, {
        location: at,
        hint: 'remove scripts, event handlers, <foreignObject>, DOCTYPEs and external references from the SVG (export it as "plain SVG"); only drawing elements are published',
      });
    case 'too-complex':
      throw new InputError(
        'image-too-complex',
        `SVG image "${rel}" is too costly to draw: ${problem.detail}`,
        {
          location: at,
          hint: 'simplify the drawing, or export it as a PNG',
        },
      );
    case 'malformed':
      throw new InputError(
        'image-corrupt',
        `SVG image "${rel}" is not well-formed XML: ${problem.detail}`,
        {
          location: at,
          hint: 'open the image in an editor and export it again as plain SVG',
        },
      );
  }
}

function measure(extension: string, bytes: Uint8Array, rel: string, at: SourceLocation) {
  let size: { width?: number; height?: number } = {};
  try {
    size = imageSize(bytes);
  } catch (error) {
    if (extension !== 'svg') throw corrupt(rel, at, error);
  }
  const { width, height } = size;
  if (width && height) return { width, height };
  if (extension !== 'svg') throw corrupt(rel, at);
  throw new InputError('image-corrupt', `SVG image "${rel}" has no size`, {
    location: at,
    hint: 'give the <svg> element width and height attributes or a viewBox',
  });
}

function corrupt(rel: string, at: SourceLocation, cause?: unknown): InputError {
  return new InputError('image-corrupt', `image "${rel}" is corrupt or truncated`, {
    location: at,
    hint: 'open the image in an editor and export it again',
    cause,
  });
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
