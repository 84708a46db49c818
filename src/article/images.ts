/**
 * Images referenced by the Markdown: resolved inside the article folder (never outside,
 * never from the network), read once, and identified by their bytes, not their names.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { imageSize } from 'image-size';
import { type SourceLocation, UserError } from '../errors.js';

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

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Where a reference points inside `dir`, or a UserError saying why it may not be used. */
export function resolveImagePath(dir: string, src: string, at: SourceLocation): string {
  if (REMOTE.test(src)) {
    throw new UserError(`remote or non-file image "${src}" is not allowed`, {
      location: at,
      hint: 'download the image into the article folder (for example images/) and refer to it by its relative path; build-article never fetches from the network',
    });
  }
  const decoded = safeDecode(src);
  if (path.isAbsolute(decoded) || decoded.startsWith('/')) {
    throw new UserError(`image path "${src}" is absolute`, {
      location: at,
      hint: 'refer to images by a path relative to the article folder, such as images/figure.png',
    });
  }
  const full = path.resolve(dir, decoded);
  const rel = path.relative(dir, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UserError(`image path "${src}" leaves the article folder`, {
      location: at,
      hint: 'copy the image into the article folder and refer to it from there',
    });
  }
  return rel.split(path.sep).join('/');
}

export async function readAsset(dir: string, rel: string, at: SourceLocation): Promise<Asset> {
  const full = path.join(dir, rel);
  let bytes: Uint8Array;
  try {
    const [realDir, realFile] = await Promise.all([realpath(dir), realpath(full)]);
    if (path.relative(realDir, realFile).startsWith('..')) {
      throw new UserError(`image "${rel}" is a link to a file outside the article folder`, {
        location: at,
        hint: 'replace the symbolic link with a copy of the image',
      });
    }
    if (!(await stat(realFile)).isFile()) throw Object.assign(new Error(), { code: 'EISDIR' });
    bytes = await readFile(realFile);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`image "${rel}" was not found`, {
      location: at,
      hint: `put the image at ${path.join(dir, rel)} or correct the path in the Markdown`,
      cause: error,
    });
  }
  const kind = sniff(bytes);
  if (!kind) {
    throw new UserError(`"${rel}" is not a PNG, JPEG, WebP, GIF or SVG image`, {
      location: at,
      hint: 'export the image in one of these formats; the type is read from the file content, not its name',
    });
  }
  if (kind.extension === 'svg') checkSvg(bytes, rel, at);
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch (error) {
    size = {};
    if (kind.extension !== 'svg') throw corrupt(rel, at, error);
  }
  const { width, height } = size;
  if (!width || !height) {
    if (kind.extension !== 'svg') throw corrupt(rel, at);
    throw new UserError(`SVG image "${rel}" has no size`, {
      location: at,
      hint: 'give the <svg> element width and height attributes or a viewBox',
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { rel, ...kind, bytes, width, height, sha256 };
}

function corrupt(rel: string, at: SourceLocation, cause?: unknown): UserError {
  return new UserError(`image "${rel}" is corrupt or truncated`, {
    location: at,
    hint: 'open the image in an editor and export it again',
    cause,
  });
}

function sniff(bytes: Uint8Array): { mediaType: string; extension: string } | undefined {
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
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

/** SVG files are documents: refuse the parts that could run code or reach the network. */
function checkSvg(bytes: Uint8Array, rel: string, at: SourceLocation): void {
  const text = Buffer.from(bytes).toString('utf8');
  const problem = /<script[\s>]/i.test(text)
    ? 'a <script> element'
    : /<foreignObject[\s>]/i.test(text)
      ? 'a <foreignObject> element'
      : /\son[a-z]+\s*=/i.test(text)
        ? 'an event-handler attribute'
        : /(?:href|src)\s*=\s*["']\s*(?:[a-z][a-z0-9+.-]*:|\/\/)(?!#)/i.test(text) ||
            /url\(\s*["']?\s*(?:https?:|\/\/)/i.test(text)
          ? 'a reference to an external resource'
          : undefined;
  if (problem) {
    throw new UserError(`SVG image "${rel}" contains ${problem}`, {
      location: at,
      hint: 'remove scripts, event handlers, <foreignObject> and external references from the SVG (export it as "plain SVG")',
    });
  }
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
