/**
 * The article folder's name is the fallback for the editions' file names (when a title has
 * no Latin letters). As a file name and in the links between editions it must be safe: no
 * "#", "?", "%", spaces or other characters that break a URL or a shell, not hidden, and
 * short enough for the file system once the temporary suffix is added.
 */

/** Bytes; most file systems allow 255, and a temporary file adds about 25. */
const MAX_BYTES = 80;

export function fileNameFrom(folder: string): string {
  const cleaned = folder
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let out = '';
  for (const char of cleaned) {
    if (Buffer.byteLength(out + char) > MAX_BYTES) break;
    out += char;
  }
  return out.replace(/-+$/, '') || 'article';
}
