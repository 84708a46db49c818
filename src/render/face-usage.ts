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

  const marked = (selectors: string[]): Set<AnyNode> => {
    const found = new Set<AnyNode>();
    for (const selector of selectors) {
      let test: (element: Element) => boolean;
      try {
        test = compile<AnyNode, Element>(selector);
      } catch {
        return new Set([document]);
      }
      visitElements(document.children, (element) => {
        if (test(element)) found.add(element);
      });
    }
    return found;
  };
  const italicRoots = marked(italic);
  const boldRoots = marked(bold);

  const text: Record<FaceStyle, Set<string>> = {
    normal: new Set(),
    italic: new Set(),
    bold: new Set(),
    'bold-italic': new Set(),
  };
  const walk = (nodes: AnyNode[], inItalic: boolean, inBold: boolean): void => {
    for (const node of nodes) {
      const isItalicHere = inItalic || italicRoots.has(node);
      const isBoldHere = inBold || boldRoots.has(node);
      if (node.type === 'text') {
        for (const c of node.data) {
          if (/\s/.test(c) && c !== '\u00a0') continue;
          text.normal.add(c);
          if (isItalicHere) text.italic.add(c);
          if (isBoldHere) text.bold.add(c);
          if (isItalicHere && isBoldHere) text['bold-italic'].add(c);
        }
      } else if ('children' in node && !(node.type === 'tag' && UNDRAWN.has(node.name))) {
        walk(node.children, isItalicHere, isBoldHere);
      }
    }
  };
  walk([document], false, false);

  // The PDF's margin boxes (running heads) too: their title may hold letters the text has not.
  const extra =
    ALWAYS + generatedText([...rules.map((rule) => rule.declarations), ...boxes.values()]);
  const transforms = /text-transform\s*:\s*(?:uppercase|lowercase|capitalize)/i.test(css);
  const usage: FaceUsage = new Map();
  for (const style of ['normal', 'italic', 'bold', 'bold-italic'] as const) {
    if (style !== 'normal' && text[style].size === 0) continue;
    let characters = [...text[style]].join('') + extra;
    if (transforms) characters += characters.toUpperCase() + characters.toLowerCase();
    usage.set(style, [...new Set(characters)].sort().join(''));
  }
  return usage;
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
function generatedText(blocks: Declaration[][]): string {
  const values = blocks.flatMap((declarations) =>
    declarations.flatMap(([property, value]) =>
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
