/**
 * Images and fonts inlined in the HTML edition, as `data:` URLs. Binary files are base64; an
 * SVG is text, written as it is with only what a URL may not hold percent-encoded: gzip, which
 * every server and browser speaks, packs it to about a quarter, where base64 would have made it
 * a third larger and hidden its repetitions. Colons are encoded too: the browser that prints
 * the PDF blocks every URL in which `http://` appears (browser/session.ts), and an SVG's
 * namespace is one.
 */

export function dataUrl(mediaType: string, bytes: Uint8Array): string {
  return `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** Each image's URL, made once: every HTML and PDF page of every language shows the same bytes. */
const urls = new WeakMap<Uint8Array, string>();

export function imageUrl(mediaType: string, bytes: Uint8Array): string {
  let url = urls.get(bytes);
  if (url === undefined) {
    url = encodedImage(mediaType, bytes);
    urls.set(bytes, url);
  }
  return url;
}

function encodedImage(mediaType: string, bytes: Uint8Array): string {
  if (mediaType !== 'image/svg+xml') return dataUrl(mediaType, bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return dataUrl(mediaType, bytes);
  }
  return `data:${mediaType},${text.replace(/[^A-Za-z0-9\-._~!$'()*+,;=@/?]+/g, encodeURIComponent)}`;
}
