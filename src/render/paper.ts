/**
 * The PDF's page: its size (from --paper, else a template's `@page { size }`, else A4) and
 * the geometry that keeps a book's measure on it: the type size suits the page, the text
 * block is MEASURE_EM wide (60–75 characters of the shipped serif), the margins take the
 * rest. Pure.
 */

/** Width and height in millimetres. */
export type PageSize = { width: number; height: number };

export const PAPERS = {
  a4: { width: 210, height: 297 },
  a5: { width: 148, height: 210 },
  letter: { width: 215.9, height: 279.4 },
  '6x9in': { width: 152.4, height: 228.6 },
} as const satisfies Record<string, PageSize>;

export type Paper = keyof typeof PAPERS;
export const PAPER_NAMES = Object.keys(PAPERS) as Paper[];

/** CSS's named page sizes (CSS Paged Media 3), in millimetres. */
const CSS_SIZES: Record<string, PageSize> = {
  a3: { width: 297, height: 420 },
  a4: PAPERS.a4,
  a5: PAPERS.a5,
  b4: { width: 250, height: 353 },
  b5: { width: 176, height: 250 },
  'jis-b4': { width: 257, height: 364 },
  'jis-b5': { width: 182, height: 257 },
  letter: PAPERS.letter,
  legal: { width: 215.9, height: 355.6 },
  ledger: { width: 279.4, height: 431.8 },
};

const MM_PER: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 };
const MM_PER_PT = 25.4 / 72;

/** The text block's width in ems of the body type: about 66 characters of Source Serif. */
export const MEASURE_EM = 30;

export interface PageLayout {
  size: PageSize;
  /** Body type size, in points. */
  fontSize: number;
  /** Margins in millimetres. */
  top: number;
  bottom: number;
  side: number;
}

/** The size a stylesheet's `@page { size: … }` asks for, if it asks for one we can read. */
export function cssPageSize(css: string): PageSize | undefined {
  let found: PageSize | undefined;
  for (const rule of css.matchAll(/@page\b[^{]*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g)) {
    // Only the page's own declarations, not those of its margin boxes.
    const own = (rule[1] ?? '').replace(/@[\w-]+\s*\{[^{}]*\}/g, '');
    const value = /(?:^|[;\s{])size\s*:\s*([^;}]+)/.exec(own)?.[1];
    const size = value ? parseSize(value.replace(/!important/, '').trim()) : undefined;
    if (size) found = size;
  }
  return found;
}

function parseSize(value: string): PageSize | undefined {
  const words = value.toLowerCase().split(/\s+/);
  const landscape = words.includes('landscape');
  const rest = words.filter((w) => w !== 'landscape' && w !== 'portrait');
  let size: PageSize | undefined;
  if (rest.length === 1 && rest[0] && CSS_SIZES[rest[0]]) size = CSS_SIZES[rest[0]];
  else if (rest.length === 1 || rest.length === 2) {
    const lengths = rest.map((w) => {
      const m = /^(\d+(?:\.\d+)?)(mm|cm|in|pt|px)$/.exec(w);
      return m ? Number(m[1]) * (MM_PER[m[2] as string] as number) : Number.NaN;
    });
    const [w, h = w] = lengths;
    if (w !== undefined && h !== undefined && w > 0 && h > 0) size = { width: w, height: h };
  }
  if (!size) return undefined;
  return landscape && size.width < size.height ? { width: size.height, height: size.width } : size;
}

/**
 * Type size and margins for a page: 11.5 pt on a page as wide as A4 or Letter, 10 pt on a
 * book page (A5, 6×9 in), scaled down on anything narrower so that the margins never fall
 * under an eighth of the page; the text block is MEASURE_EM wide and centred.
 */
export function pageLayout(size: PageSize): PageLayout {
  const preferred = size.width >= 180 ? 11.5 : 10;
  const widest = (size.width * 0.75) / (MEASURE_EM * MM_PER_PT);
  const fontSize = Math.round(Math.min(preferred, widest) * 10) / 10;
  const block = fontSize * MEASURE_EM * MM_PER_PT;
  const round = (mm: number) => Math.round(mm * 10) / 10;
  return {
    size,
    fontSize,
    side: round((size.width - block) / 2),
    top: round(size.height * 0.085),
    bottom: round(size.height * 0.1),
  };
}
