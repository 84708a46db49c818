/**
 * The front matter's `cover`: a picture of the article's own for the EPUB's cover, written
 *
 *   cover: { image: images/cover.jpg, alt: "A tram crossing the bridge at dusk" }
 *
 * (or as a block, `image:` and `alt:` indented under `cover:`).
 * The picture is drawn into the cover above the title and the authors (render/cover.ts); its
 * alt text is checked like every image's (check/alt-text.ts), at the line of `cover`.
 */
import * as z from 'zod/mini';

const path = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must name the picture, such as images/cover.jpg'),
    z.maxLength(1_000, 'must be at most 1000 characters'),
  );

export const coverSchema = z.union([
  path,
  z.strictObject({
    image: path,
    alt: z.optional(
      z.string().check(z.trim(), z.maxLength(2_000, 'must be at most 2000 characters')),
    ),
  }),
]);

export type CoverInput = z.infer<typeof coverSchema>;

export interface CoverRef {
  /** The picture's path as written, resolved inside the article folder like any image. */
  src: string;
  /** Its alt text; empty when none is given (a finding: a cover picture is never decorative). */
  alt: string;
  /** Where `cover` is written in the file. */
  line: number;
  column: number;
}

export function coverRef(
  input: CoverInput | undefined,
  at: { line: number; column: number } | undefined,
): CoverRef | undefined {
  if (input === undefined) return undefined;
  const where = { line: at?.line ?? 1, column: at?.column ?? 1 };
  return typeof input === 'string'
    ? { src: input, alt: '', ...where }
    : { src: input.image, alt: input.alt ?? '', ...where };
}

export const COVER_EXPECTED = 'a picture and its alt text: "image: images/cover.jpg" and "alt: …"';
export const COVER_HINT =
  'write the cover as cover: { image: images/cover.jpg, alt: "what the picture shows" }';
