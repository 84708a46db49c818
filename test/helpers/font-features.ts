/**
 * Which OpenType features an edition's stylesheets ask of which embedded face, and which of
 * them the face lacks (a browser then sets lining figures, or fakes small capitals by
 * shrinking capitals, without a word). The edition's text is styled by a small cascade:
 * author rules by specificity and order, the browser's italics and bold, inheritance,
 * `::first-line` and other pseudo-elements as a part of their element, `@page` margin boxes as
 * children of the root; `!important` and dynamic states (:hover) are not told apart.
 */
import { parseHTML } from 'linkedom';
import { type Declaration, parseCss } from '../../src/render/css-rules.js';
import { layoutFeatures } from './font-tables.js';

export interface EmbeddedFace {
  family: string;
  style: 'normal' | 'italic';
  weight: number;
  /** The GSUB and GPOS feature tags of the face's file. */
  features: Set<string>;
}

export interface Finding {
  /** Where: the element (tag and classes) or margin box whose text asks. */
  where: string;
  face: string;
  missing: string[];
}

/** The features each CSS keyword asks for (CSS Fonts 4, §6). */
const KEYWORD_FEATURES: Record<string, string[]> = {
  'oldstyle-nums': ['onum'],
  'lining-nums': ['lnum'],
  'proportional-nums': ['pnum'],
  'tabular-nums': ['tnum'],
  'diagonal-fractions': ['frac'],
  'stacked-fractions': ['afrc'],
  ordinal: ['ordn'],
  'slashed-zero': ['zero'],
  'small-caps': ['smcp'],
  'all-small-caps': ['smcp', 'c2sc'],
  'petite-caps': ['pcap'],
  'all-petite-caps': ['pcap', 'c2pc'],
  unicase: ['unic'],
  'titling-caps': ['titl'],
  super: ['sups'],
  sub: ['subs'],
  'discretionary-ligatures': ['dlig'],
  'historical-ligatures': ['hlig'],
};

/** The features a font-variant(-*) value or a font-feature-settings value turns on. */
export function featuresOf(property: string, value: string): string[] {
  if (property === 'font-feature-settings') {
    return value === 'normal'
      ? []
      : value
          .split(',')
          .map((setting) => /^\s*["']([\x20-\x7e]{4})["']\s*(\S*)\s*$/.exec(setting))
          .filter((m) => m && m[2] !== '0' && m[2] !== 'off')
          .map((m) => m?.[1] ?? '');
  }
  return value.split(/\s+/).flatMap((word) => KEYWORD_FEATURES[word] ?? []);
}

interface Style {
  families: string[];
  style: 'normal' | 'italic';
  weight: number;
  /** What each variant property (and font-feature-settings) asks for now. */
  asks: Record<string, string[]>;
}

const VARIANTS = ['numeric', 'caps', 'position', 'ligatures'].map((p) => `font-variant-${p}`);

function apply(style: Style, [property, value]: Declaration, parent: Style): void {
  if (value === 'inherit') return;
  if (property === 'font-family') style.families = families(value);
  else if (property === 'font-style')
    style.style = /italic|oblique/.test(value) ? 'italic' : 'normal';
  else if (property === 'font-weight') style.weight = weightOf(value, parent.weight);
  else if (VARIANTS.includes(property) || property === 'font-feature-settings') {
    style.asks[property] = featuresOf(property, value);
  } else if (property === 'font-variant') {
    for (const p of VARIANTS) style.asks[p] = [];
    style.asks['font-variant-caps'] = featuresOf('font-variant', value);
  } else if (property === 'font') {
    // The shorthand resets the style, weight and variants, then sets what it names.
    const words = value.match(/"[^"]*"|'[^']*'|[^\s,]+,?|,/g) ?? [];
    const size = words.findIndex((w) =>
      /^[\d.]+(px|pt|pc|r?em|ex|ch|%|mm|cm|in|q|vw|vh|lh)(\/.*)?$|^(x*-?small|medium|x*-?large|smaller|larger)$/.test(
        w,
      ),
    );
    if (size < 0) return; // a system font keyword
    const before = words.slice(0, size);
    style.style = before.some((w) => /italic|oblique/.test(w)) ? 'italic' : 'normal';
    const weight = before.find((w) => /^(bold|bolder|lighter|\d{3})$/.test(w));
    style.weight = weight ? weightOf(weight, parent.weight) : 400;
    for (const p of VARIANTS) style.asks[p] = [];
    style.asks['font-variant-caps'] = before.includes('small-caps') ? ['smcp'] : [];
    const rest = words.slice(size + 1);
    if (rest[0] === '/') rest.splice(0, 2);
    else if (rest[0]?.startsWith('/')) rest.shift();
    style.families = families(rest.join(' '));
  }
}

function families(value: string): string[] {
  return value.split(',').map((f) =>
    f
      .trim()
      .replace(/^["']|["']$/g, '')
      .toLowerCase(),
  );
}

function weightOf(value: string, inherited: number): number {
  if (value === 'bold') return 700;
  if (value === 'normal') return 400;
  if (value === 'bolder') return inherited < 600 ? 700 : 900;
  if (value === 'lighter') return inherited > 500 ? 400 : 100;
  return Number(value) || inherited;
}

/** The browser's own sheet, as far as fonts go. */
function userAgent(tag: string, style: Style, parent: Style): void {
  if (/^(em|i|cite|var|dfn|address)$/.test(tag)) style.style = 'italic';
  if (/^(strong|b)$/.test(tag)) style.weight = weightOf('bolder', parent.weight);
  if (/^(h[1-6]|th)$/.test(tag)) style.weight = 700;
  if (/^(code|kbd|samp|pre|tt)$/.test(tag)) style.families = ['monospace'];
}

/** Every place where text of the document is set, with the features it asks of which face. */
export function checkFeatures(markup: string, css: string, faces: EmbeddedFace[]): Finding[] {
  const { document } = parseHTML(markup);
  const { rules, boxes } = parseCss(css);
  const findings = new Map<string, Finding>();
  const check = (where: string, style: Style): void => {
    const asked = [...new Set(Object.values(style.asks).flat())];
    const face = faceFor(faces, style);
    if (!face || asked.length === 0) return;
    const missing = asked.filter((tag) => !face.features.has(tag)).sort();
    const name = `${face.family} ${face.style} ${face.weight}`;
    if (missing.length > 0) findings.set(`${where}|${name}`, { where, face: name, missing });
  };
  const matching = (element: Element, pseudo: boolean) =>
    rules
      .filter((r) => r.pseudo === pseudo && matches(element, r.selector))
      .sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  const walk = (element: Element, parent: Style): void => {
    const tag = element.tagName.toLowerCase();
    if (/^(head|script|style|template)$/.test(tag) || element.hasAttribute('hidden')) return;
    const style: Style = { ...parent, asks: { ...parent.asks } };
    userAgent(tag, style, parent);
    const rules = matching(element, false);
    const own = rules.flatMap((r) => r.declarations);
    const display = rules
      .filter((r) => !r.conditional)
      .flatMap((r) => r.declarations)
      .findLast(([p]) => p === 'display');
    if (display?.[1] === 'none') return;
    for (const declaration of own) apply(style, declaration, parent);
    const where = `${tag}${[...element.classList].map((c) => `.${c}`).join('')}`;
    const hasText = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
    if (hasText) check(where, style);
    const pseudo = matching(element, true).flatMap((r) => r.declarations);
    if (pseudo.length > 0) {
      const part: Style = { ...style, asks: { ...style.asks } };
      for (const declaration of pseudo) apply(part, declaration, style);
      check(`${where} (pseudo-element)`, part);
    }
    for (const child of element.children) walk(child, style);
  };
  const initial: Style = { families: ['serif'], style: 'normal', weight: 400, asks: {} };
  const root = document.documentElement;
  walk(root, initial);
  const rootStyle: Style = { ...initial, asks: {} };
  for (const declaration of matching(root, false).flatMap((r) => r.declarations)) {
    apply(rootStyle, declaration, initial);
  }
  for (const [box, declarations] of boxes) {
    const style: Style = { ...rootStyle, asks: { ...rootStyle.asks } };
    for (const declaration of declarations) apply(style, declaration, rootStyle);
    check(box, style);
  }
  return [...findings.values()];
}

function matches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/** The face a browser picks for a style: the first family embedded, then style, then weight. */
function faceFor(faces: EmbeddedFace[], style: Style): EmbeddedFace | undefined {
  const family = style.families.find((f) => faces.some((face) => face.family === f));
  const ofFamily = faces.filter((face) => face.family === family);
  const ofStyle = ofFamily.filter((face) => face.style === style.style);
  const candidates = ofStyle.length > 0 ? ofStyle : ofFamily;
  return candidates.sort(
    (a, b) => Math.abs(a.weight - style.weight) - Math.abs(b.weight - style.weight),
  )[0];
}

/** The faces an edition's @font-face rules embed, each file read through `fileOf(url)`. */
export function embeddedFaces(css: string, fileOf: (url: string) => Uint8Array): EmbeddedFace[] {
  return parseCss(css).fontFaces.flatMap((rule) => {
    const url = /url\(\s*["']?([^"')]+)/.exec(rule.get('src') ?? '')?.[1];
    if (!url) return [];
    return [
      {
        family: families(rule.get('font-family') ?? '')[0] ?? '',
        style: /italic|oblique/.test(rule.get('font-style') ?? '') ? 'italic' : 'normal',
        weight: weightOf(rule.get('font-weight') ?? 'normal', 400),
        features: layoutFeatures(fileOf(url)),
      },
    ];
  });
}
