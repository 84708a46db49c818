/**
 * What an open reading view needs to show a save: not the whole new page (1.4 MB for a
 * 100-page article, which the browser would parse and compare node by node) but the few
 * nodes that changed. The old and the new page are compared as text; the deepest element
 * inside <body> that holds every difference is found by reading the new page's tags, and
 * its children that differ are sent, with where they go. The page script checks that the
 * element it finds has the children this expects before it swaps them, and otherwise
 * fetches the whole page, as it did before (live-reload.ts).
 *
 * The pages are build-article's own HTML: every element closed, attribute values quoted
 * and escaped. Anything this reading cannot follow (an unclosed element, a change in the
 * <head>, such as the fonts cut to new characters) gives no patch.
 */

export interface Patch {
  /** Element-child indices from <body> down to the element whose children change. */
  path: number[];
  /** That element's tag name, lowercase. */
  tag: string;
  /** How many of its child nodes stay before and after the ones replaced. */
  before: number;
  after: number;
  /** How many child nodes are replaced: the element has before + removed + after now. */
  removed: number;
  /** How many child nodes `html` makes. */
  added: number;
  /** The new child nodes, as HTML in that element's context. */
  html: string;
}

interface Node {
  start: number;
  end: number;
  /** Elements only; text and comments have none. */
  tag?: string;
  /** Where the start tag ends and the end tag starts. */
  inner?: [number, number];
  children?: Node[];
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed']);
const FOREIGN = new Set(['svg', 'math']);
/** A start tag, its attribute values quoted or not, and whether it ends with "/>". */
const START_TAG =
  /<([a-zA-Z][^\s/>]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*(\/?)>/y;
const END_TAG = /<\/([a-zA-Z][^\s/>]*)\s*>/y;

/**
 * The nodes of `html` from `from` to `to`, as children of one element, or undefined when
 * its tags are not all closed there (or an end tag closes what it did not open).
 */
function readNodes(html: string, from: number, to: number, foreign = false): Node[] | undefined {
  const root: Node = { start: from, end: to, tag: '#root', children: [] };
  const stack: { node: Node; foreign: boolean }[] = [{ node: root, foreign }];
  let at = from;
  const top = () => stack[stack.length - 1] as { node: Node; foreign: boolean };
  const add = (node: Node) => top().node.children?.push(node);
  while (at < to) {
    const lt = html.indexOf('<', at);
    const textEnd = lt < 0 || lt > to ? to : lt;
    if (textEnd > at) {
      add({ start: at, end: textEnd });
      at = textEnd;
      continue;
    }
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      if (close < 0 || close + 3 > to) return undefined;
      add({ start: at, end: close + 3 });
      at = close + 3;
      continue;
    }
    if (html.startsWith('<!', at) || html.startsWith('<?', at)) {
      const close = html.indexOf('>', at);
      if (close < 0 || close + 1 > to) return undefined;
      add({ start: at, end: close + 1 });
      at = close + 1;
      continue;
    }
    END_TAG.lastIndex = at;
    const end = END_TAG.exec(html);
    if (end) {
      const { node } = top();
      if (stack.length === 1 || node.tag !== end[1]?.toLowerCase()) return undefined;
      node.inner = [node.inner?.[0] ?? at, at];
      node.end = at + end[0].length;
      stack.pop();
      at = node.end;
      continue;
    }
    START_TAG.lastIndex = at;
    const start = START_TAG.exec(html);
    if (!start || start.index + start[0].length > to) return undefined;
    const tag = (start[1] ?? '').toLowerCase();
    const afterTag = at + start[0].length;
    const node: Node = { start: at, end: afterTag, tag, inner: [afterTag, afterTag], children: [] };
    add(node);
    at = afterTag;
    const inForeign = top().foreign || FOREIGN.has(tag);
    if (VOID.has(tag) || (top().foreign && start[2] === '/')) continue;
    if (RAW_TEXT.has(tag) && !top().foreign) {
      const closing = new RegExp(`</${tag}`, 'gi');
      closing.lastIndex = at;
      const close = closing.exec(html)?.index ?? -1;
      if (close < 0 || close > to) return undefined;
      if (close > at) node.children?.push({ start: at, end: close });
      at = close;
    }
    stack.push({ node, foreign: inForeign });
  }
  return stack.length === 1 ? root.children : undefined;
}

/** The patch that turns `old` into `next`, or undefined: then send the whole page. */
export function patchFor(old: string, next: string): Patch | undefined {
  if (old === next) return undefined;
  const shorter = Math.min(old.length, next.length);
  let p = 0;
  while (p < shorter && old.charCodeAt(p) === next.charCodeAt(p)) p++;
  let s = 0;
  while (
    s < shorter - p &&
    old.charCodeAt(old.length - 1 - s) === next.charCodeAt(next.length - 1 - s)
  ) {
    s++;
  }
  const nodes = readNodes(next, 0, next.length);
  if (!nodes) return undefined;
  // The change lies between p and next.length - s of the new page.
  const tail = next.length - s;
  const encloses = (n: Node) => n.inner !== undefined && n.inner[0] <= p && n.inner[1] >= tail;
  const html = nodes.find((n) => n.tag === 'html' && encloses(n));
  const body = html?.children?.find((n) => n.tag === 'body' && encloses(n));
  if (!body) return undefined;
  // The elements holding the change, outermost first. The deepest may not be the one the
  // old page had there (a paragraph deleted before one that starts alike): a try whose old
  // stretch does not read as whole nodes tries the element around it.
  const chain: { element: Node; path: number[] }[] = [];
  let element = body;
  let path: number[] = [];
  for (;;) {
    const elements = (element.children ?? []).filter((n) => n.tag !== undefined);
    const inner = elements.findIndex(encloses);
    const child = elements[inner];
    if (!child || child.tag === undefined || RAW_TEXT.has(child.tag)) break;
    path = [...path, inner];
    element = child;
    chain.push({ element, path });
  }
  // <body> itself also holds the page script, which the page removes: it is never patched.
  for (const at of chain.reverse()) {
    const patch = patchIn(at.element, at.path, old, next, p, tail);
    if (patch) return patch;
  }
  return undefined;
}

function patchIn(
  element: Node,
  path: number[],
  old: string,
  next: string,
  p: number,
  tail: number,
): Patch | undefined {
  const children = element.children ?? [];
  const kept = (n: Node, side: 'before' | 'after') =>
    side === 'before'
      ? n.tag === undefined
        ? n.end < p
        : n.end <= p
      : n.tag === undefined
        ? n.start > tail
        : n.start >= tail;
  let before = 0;
  while (before < children.length && kept(children[before] as Node, 'before')) before++;
  let after = 0;
  while (
    after < children.length - before &&
    kept(children[children.length - 1 - after] as Node, 'after')
  ) {
    after++;
  }
  const from = children[before - 1]?.end ?? element.inner?.[0] ?? 0;
  const to = children[children.length - after]?.start ?? element.inner?.[1] ?? 0;
  // The same stretch of the old page: what precedes it is the same, what follows too.
  const oldTo = old.length - (next.length - to);
  const foreign = element.tag !== undefined && FOREIGN.has(element.tag);
  const removed = readNodes(old, from, oldTo, foreign);
  if (!removed || oldTo < from) return undefined;
  return {
    path,
    tag: element.tag ?? '',
    before,
    after,
    removed: removed.length,
    added: children.length - before - after,
    html: next.slice(from, to),
  };
}
