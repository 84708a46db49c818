/**
 * Which characters each face of the text family may draw in a page: the regular face every
 * character of its text, the italic, bold and bold italic faces those of the elements a rule
 * of its stylesheet (or the browser's own: `em`, `strong`, headings…) may set in that style.
 * fonts.ts cuts each face to its characters and leaves out a face nothing is set in, so that
 * an edition carries a few hundred bytes of bold italic, or none, rather than a whole face.
 *
 * Every doubt goes the safe way: a rule inside @media counts wherever it applies, a selector
 * that cannot be matched here (css-select does not know it) is taken to match everything,
 * and the text of generated content (`content: "…"`) goes to every face, cased both ways where a
 * rule transforms case. test/e2e/fonts.test.ts checks in Chromium that no character of an
 * edition falls back to a font it does not carry.
 */
import { compile } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { type Declaration, parseCss } from './css-rules.js';

export type FaceStyle = 'normal' | 'italic' | 'bold' | 'bold-italic';

/** The characters each face may draw; a style absent from the map has nothing set in it. */
export type FaceUsage = Map<FaceStyle, string>;

/** What the browser sets in italic or bold before any stylesheet. */
const BROWSER_ITALIC = 'em, i, cite, dfn, var, address';
const BROWSER_BOLD = 'strong, b, h1, h2, h3, h4, h5, h6, th';

/** Elements whose text is never drawn with the page's fonts. */
const UNDRAWN = new Set(['head', 'style', 'script', 'template', 'svg', 'math', 'title']);

/**
 * Drawn whatever the text: a browser's hyphen where it breaks a word, spaces, the quotation
 * marks of `q` and list and note numbers.
 */
const ALWAYS = ' \u00a0-\u2010.0123456789“”‘’«»';

/** `html`, a whole page or document, as `css` sets it. */
export function faceUsage(html: string, css: string): FaceUsage {
  const { rules, boxes } = parseCss(css);
  const italic = [BROWSER_ITALIC, ...selectorsSetting(rules, isItalic)];
  const bold = [BROWSER_BOLD, ...selectorsSetting(rules, isBold)];
  // Images' data URLs are most of a page's bytes and none of its text.
  const document = parseDocument(html.replace(/"data:[^"]*"/g, '""'), { decodeEntities: true });

  const italicRoots = new Set<AnyNode>();
  const boldRoots = new Set<AnyNode>();
  const isItalicRoot = matcher(italic);
  const isBoldRoot = matcher(bold);
  if (isItalicRoot === 'everything') italicRoots.add(document);
  if (isBoldRoot === 'everything') boldRoots.add(document);
  visitElements(document.children, (element) => {
    if (isItalicRoot !== 'everything' && isItalicRoot(element)) italicRoots.add(element);
    if (isBoldRoot !== 'everything' && isBoldRoot(element)) boldRoots.add(element);
  });

  // The text of each style, gathered as strings and cut into characters once at the end.
  const text: Record<FaceStyle, string[]> = { normal: [], italic: [], bold: [], 'bold-italic': [] };
  const walk = (nodes: AnyNode[], inItalic: boolean, inBold: boolean): void => {
    for (const node of nodes) {
      const isItalicHere = inItalic || italicRoots.has(node);
      const isBoldHere = inBold || boldRoots.has(node);
      if (node.type === 'text') {
        text.normal.push(node.data);
        if (isItalicHere) text.italic.push(node.data);
        if (isBoldHere) text.bold.push(node.data);
        if (isItalicHere && isBoldHere) text['bold-italic'].push(node.data);
      } else if ('children' in node && !(node.type === 'tag' && UNDRAWN.has(node.name))) {
        walk(node.children, isItalicHere, isBoldHere);
      }
    }
  };
  walk([document], false, false);

  // The running head and folio, margin boxes of the PDF's pages: their strings go to every
  // face, in both cases (the stylesheet is read lower-cased), and a box set in italic or bold
  // needs that face even where no text is.
  const margins = [...boxes.values()].map((declarations) => ({ declarations }));
  const boxText = generatedText(margins);
  const extra = ALWAYS + generatedText(rules) + boxText + boxText.toUpperCase();
  const inBoxes = (style: FaceStyle) =>
    margins.some(
      ({ declarations }) =>
        (style === 'italic' || style === 'bold-italic') === isItalic(declarations) &&
        (style === 'bold' || style === 'bold-italic') === isBold(declarations),
    );
  const transforms = /text-transform\s*:\s*(?:uppercase|lowercase|capitalize)/i.test(css);
  const usage: FaceUsage = new Map();
  for (const style of ['normal', 'italic', 'bold', 'bold-italic'] as const) {
    const drawn = distinctCharacters(text[style]);
    if (style !== 'normal' && drawn === '' && !inBoxes(style)) continue;
    let characters = drawn + extra;
    if (transforms) characters += characters.toUpperCase() + characters.toLowerCase();
    usage.set(style, [...new Set(characters)].sort().join(''));
  }
  return usage;
}

/** White space other than the no-break space: it needs no glyph. */
const BLANK = /[^\S\u00a0]+/g;

/** The distinct characters of some texts, white space aside. */
function distinctCharacters(texts: string[]): string {
  return [...new Set(texts.join('').replace(BLANK, ''))].join('');
}

/**
 * One test for a list of selectors, compiled together (one compiled function, one visit of
 * the page); 'everything' when one of them cannot be compiled here.
 */
function matcher(selectors: string[]): ((element: Element) => boolean) | 'everything' {
  try {
    return compile<AnyNode, Element>(selectors.join(', '));
  } catch {
    // The list as a whole failed: one of them is unknown to css-select, unless joining them
    // made the difference; each is tried alone, as it is written.
    const tests: ((element: Element) => boolean)[] = [];
    for (const selector of selectors) {
      try {
        tests.push(compile<AnyNode, Element>(selector));
      } catch {
        return 'everything';
      }
    }
    return (element) => tests.some((test) => test(element));
  }
}

function visitElements(nodes: AnyNode[], visit: (element: Element) => void): void {
  for (const node of nodes) {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      visit(node as Element);
    }
    if ('children' in node) visitElements(node.children, visit);
  }
}

function selectorsSetting(
  rules: ReturnType<typeof parseCss>['rules'],
  sets: (declarations: Declaration[]) => boolean,
): string[] {
  return rules.filter((rule) => sets(rule.declarations)).map((rule) => rule.selector);
}

function isItalic(declarations: Declaration[]): boolean {
  return declarations.some(
    ([property, value]) =>
      (property === 'font-style' || property === 'font') && /\b(italic|oblique)\b/.test(value),
  );
}

function isBold(declarations: Declaration[]): boolean {
  return declarations.some(
    ([property, value]) =>
      (property === 'font-weight' && /^(bold|bolder|[6-9]\d\d)$/.test(value)) ||
      (property === 'font' && /(^|\s)(bold|bolder|[6-9]00)\s/.test(value)),
  );
}

/** The characters of the strings that generated content (`content`, `quotes`) may show. */
function generatedText(rules: { declarations: Declaration[] }[]): string {
  const values = rules.flatMap((rule) =>
    rule.declarations.flatMap(([property, value]) =>
      property === 'content' || property === 'quotes' ? [value] : [],
    ),
  );
  return [...values.join(' ').matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)]
    .map(([, double, single]) =>
      (double ?? single ?? '').replace(
        /\\([0-9a-f]{1,6})\s?|\\(.)/gi,
        (_, hex: string | undefined, c: string | undefined) =>
          hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (c ?? ''),
      ),
    )
    .join('');
}
