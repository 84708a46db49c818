/**
 * A JPEG's structure, walked marker by marker before it is published: a frame header with
 * a size, at least one scan, every segment inside the file, and the end marker. Damage to
 * the compressed data itself cannot be seen without decoding, but a cut, a spliced or an
 * overwritten file can.
 */

/** What is wrong with the JPEG's structure, or undefined. */
export function jpegProblem(bytes: Uint8Array): string | undefined {
  const at = (i: number) => bytes[i] ?? -1;
  const length = (i: number) => (at(i) << 8) | at(i + 1);
  let i = 2;
  let frame = false;
  let scans = 0;
  while (i < bytes.length) {
    if (at(i) !== 0xff) return `a marker is missing at byte ${i}`;
    while (at(i) === 0xff) i += 1;
    const marker = at(i);
    i += 1;
    if (marker === 0xd9) {
      if (!frame) return 'it has no frame header';
      return scans === 0 ? 'it has no image data' : undefined;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    const size = length(i);
    if (size < 2 || i + size > bytes.length) return 'a segment runs past the end of the file';
    if (isFrame(marker)) {
      if (length(i + 3) === 0 || length(i + 5) === 0) return 'its frame header gives no size';
      frame = true;
    }
    i += size;
    if (marker === 0xda) {
      scans += 1;
      i = afterScan(bytes, i);
    }
  }
  return 'it ends without its end marker';
}

/** SOF0–SOF15, but not DHT (C4), JPG (C8) or DAC (CC). */
function isFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
}

/** The index of the next marker after entropy-coded data (FF00 and restarts are data). */
function afterScan(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1] ?? 0;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  return bytes.length;
}
