/**
 * HarfBuzz's subsetter (hb-subset), as harfbuzzjs builds it to WebAssembly: the few calls a
 * cut needs, as subset-font makes them, without its WOFF2 converters (two more modules of
 * WebAssembly, compiled as they load, which a build would never call).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

interface HarfBuzz {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
/**
 * Names kept besides hb-subset's own (0–6: copyright, family, style, full and PostScript names,
 * version): the trademark, and the licence and its URL, which the OFL asks every copy to carry.
 */
const NAME_IDS = [7, 13, 14];

let loading: Promise<HarfBuzz> | undefined;

/**
 * Compiled by Liftoff alone: V8 would otherwise compile its 700 KB a second time, optimised,
 * on background threads, some 0.6 s of CPU taken from Chromium while it prints (and the
 * process would wait for that before it exits); the baseline code cuts a face in a few tens of
 * milliseconds. The flag is put back once harfbuzz is compiled, so that it holds for nothing
 * else.
 */
export function harfbuzz(): Promise<HarfBuzz> {
  loading ??= (async () => {
    const file = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const bytes = await readFile(file);
    setFlagsFromString('--liftoff-only');
    try {
      const { instance } = await WebAssembly.instantiate(bytes);
      const hb = instance.exports as unknown as HarfBuzz;
      hb._initialize();
      return hb;
    } finally {
      setFlagsFromString('--no-liftoff-only');
    }
  })();
  return loading;
}

/** The face made from each source font, kept in harfbuzz's memory for the next cut. */
const faces = new Map<Uint8Array, number>();

function faceOf(hb: HarfBuzz, font: Uint8Array): number {
  let face = faces.get(font);
  if (face === undefined) {
    const data = hb.malloc(font.byteLength);
    new Uint8Array(hb.memory.buffer).set(font, data);
    const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    faces.set(font, face);
  }
  return face;
}

/** `font` (TrueType or OpenType) with only the glyphs of `codePoints` and `features`. */
export async function subsetSfnt(
  font: Uint8Array,
  codePoints: Iterable<number>,
  features: string[],
): Promise<Uint8Array> {
  const hb = await harfbuzz();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb-subset could not make its input');
  let subset = 0;
  try {
    const layout = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(layout);
    for (const tag of features) hb.hb_set_add(layout, tagNumber(tag));
    const names = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    for (const id of NAME_IDS) hb.hb_set_add(names, id);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const code of codePoints) hb.hb_set_add(unicodes, code);
    subset = hb.hb_subset_or_fail(faceOf(hb, font), input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (subset === 0) throw new Error('hb-subset could not cut the font');
  const blob = hb.hb_face_reference_blob(subset);
  const data = hb.hb_blob_get_data(blob, 0);
  // A copy: harfbuzz's memory is reused, and may grow (which detaches every view of it).
  const bytes = new Uint8Array(hb.memory.buffer).slice(data, data + hb.hb_blob_get_length(blob));
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(subset);
  return bytes;
}

function tagNumber(tag: string): number {
  return [...tag].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
}
