/**
 * A stylesheet's style rules (one per selector, with its specificity), @page margin boxes and
 * @font-face rules: enough CSS syntax for the stylesheets build-article's templates write, and
 * those of a template of one's own (what it cannot read, face-usage.ts takes for the worst).
 */

export type Declaration = [property: string, value: string];
export interface Rule {
  selector: string;
  pseudo: boolean;
  /** Inside @media or @supports: its `display: none` may not hold where the text is read. */
  conditional: boolean;
  specificity: number;
  order: number;
  declarations: Declaration[];
}

/** The style rules, margin boxes and @font-face rules of a stylesheet. */
export function parseCss(css: string): {
  rules: Rule[];
  boxes: Map<string, Declaration[]>;
  fontFaces: Map<string, string>[];
} {
  const rules: Rule[] = [];
  const boxes = new Map<string, Declaration[]>();
  const fontFaces: Map<string, string>[] = [];
  const visit = (text: string, inPage: boolean, conditional: boolean): void => {
    for (const item of items(text)) {
      if (typeof item === 'string') continue;
      const [prelude, body] = item;
      if (/^@(media|supports)\b/.test(prelude)) visit(body, inPage, true);
      else if (prelude.startsWith('@layer')) visit(body, inPage, conditional);
      else if (prelude.startsWith('@page')) visit(body, true, conditional);
      else if (prelude === '@font-face') fontFaces.push(new Map(declarations(body)));
      else if (inPage && prelude.startsWith('@')) {
        boxes.set(prelude, [...(boxes.get(prelude) ?? []), ...declarations(body)]);
      } else if (!prelude.startsWith('@')) {
        for (const selector of splitTop(prelude, ',')) {
          const pseudo = /::?(before|after|first-line|first-letter|marker)\b/.test(selector);
          rules.push({
            selector:
              selector
                .replace(
                  /::?(before|after|first-line|first-letter|marker)\b|:(hover|focus|focus-visible|focus-within|active|visited|link|any-link|target)\b/g,
                  '',
                )
                .trim() || '*',
            pseudo,
            conditional,
            specificity: specificity(selector),
            order: rules.length,
            declarations: declarations(body),
          });
        }
      }
    }
  };
  visit(css.replace(/\/\*[\s\S]*?\*\//g, ''), false, false);
  return { rules, boxes, fontFaces };
}

/** The top-level statements of a block: declarations as text, blocks as [prelude, body]. */
function items(text: string): (string | [string, string])[] {
  const out: (string | [string, string])[] = [];
  let start = 0;
  let depth = 0;
  let open = 0;
  let parens = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (c === '{' && depth++ === 0) open = i;
    else if (c === '}' && --depth === 0) {
      out.push([text.slice(start, open).trim(), text.slice(open + 1, i)]);
      start = i + 1;
    } else if (c === ';' && depth === 0 && parens === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.slice(start).trim()) out.push(text.slice(start).trim());
  return out;
}

function declarations(body: string): Declaration[] {
  return items(body)
    .filter((item): item is string => typeof item === 'string' && item.includes(':'))
    .map((d) => {
      const at = d.indexOf(':');
      const value = d
        .slice(at + 1)
        .replace(/!important/, '')
        .trim();
      return [
        d.slice(0, at).trim().toLowerCase(),
        /url\(/.test(value) ? value : value.toLowerCase(),
      ];
    });
}

function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [...parts, text.slice(start).trim()];
}

function specificity(selector: string): number {
  const ids = selector.match(/#[\w-]+/g)?.length ?? 0;
  const classes = selector.match(/\.[\w-]+|\[[^\]]*\]|(?<!:):[\w-]+/g)?.length ?? 0;
  const types =
    selector.replace(/\[[^\]]*\]|\([^)]*\)/g, '').match(/(^|[\s>+~])[a-z][\w-]*/gi)?.length ?? 0;
  return ids * 10_000 + classes * 100 + types;
}
