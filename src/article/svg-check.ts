/**
 * An SVG image is parsed as XML (namespaces resolved, entities decoded) and held against
 * the allowlist in svg-allowlist.ts, so that a namespace prefix (<s:script>), an encoded
 * scheme (&#106;avascript:) or a DOCTYPE cannot slip past; and what it would cost to draw
 * is bounded, so that a few nested <use> elements cannot make Chromium draw a billion.
 */
import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from 'saxes';
import {
  INERT_NAMESPACES,
  SVG_ATTRIBUTES,
  SVG_ELEMENTS,
  SVG_NS,
  XLINK_NS,
} from './svg-allowlist.js';

export type SvgProblem =
  | { kind: 'unsafe'; detail: string }
  | { kind: 'malformed'; detail: string }
  | { kind: 'too-complex'; detail: string };

/** Elements written in the file, and drawn once every <use> is expanded. */
export const MAX_SVG_ELEMENTS = 50_000;
export const MAX_SVG_DRAWN = 200_000;
const MAX_SVG_DEPTH = 256;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XLINK_INERT = new Set(['title', 'type', 'show', 'actuate', 'role', 'arcrole']);
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,/i;

interface SvgNode {
  id: string | undefined;
  children: SvgNode[];
  /** The fragment a <use> draws ("a" for href="#a"). */
  uses: string | undefined;
}

class Stop extends Error {}

/** `rasters` receives the images the SVG embeds as data: URLs, to be checked like files. */
export function svgProblem(text: string, rasters: Uint8Array[] = []): SvgProblem | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let problem: SvgProblem | undefined;
  const stop = (kind: SvgProblem['kind'], detail: string): never => {
    problem = { kind, detail: `${detail} at line ${parser.line} of the SVG` };
    throw new Stop();
  };
  const unsafe = (detail: string) => stop('unsafe', detail);
  const root: SvgNode = { id: undefined, children: [], uses: undefined };
  const stack: { node: SvgNode; inert: boolean; style: boolean }[] = [];
  let count = 0;

  parser.on('doctype', () => unsafe('a DOCTYPE declaration'));
  parser.on('processinginstruction', (pi) => unsafe(`a processing instruction <?${pi.target}?>`));
  parser.on('text', (t) => {
    if (stack[stack.length - 1]?.style) checkCss(t, unsafe);
  });
  parser.on('cdata', (t) => {
    if (stack[stack.length - 1]?.style) checkCss(t, unsafe);
  });
  parser.on('opentag', (tag) => {
    count += 1;
    if (count > MAX_SVG_ELEMENTS) stop('too-complex', `more than ${MAX_SVG_ELEMENTS} elements`);
    const parent = stack[stack.length - 1];
    if (!parent && !(tag.uri === SVG_NS && tag.local === 'svg')) {
      stop('malformed', `its root element <${tag.name}> is not <svg xmlns="${SVG_NS}">`);
    }
    if (stack.length >= MAX_SVG_DEPTH) {
      stop('too-complex', `elements nested more than ${MAX_SVG_DEPTH} deep`);
    }
    const inert = (parent?.inert ?? false) || isInert(tag);
    if (!inert) checkElement(tag, unsafe);
    const node: SvgNode = { id: undefined, children: [], uses: undefined };
    for (const attr of Object.values(tag.attributes)) {
      if (!inert) checkAttribute(tag, attr, unsafe);
      if (attr.local === 'id' && attr.uri === '') node.id = attr.value;
      if (!inert && tag.local === 'use' && attr.local === 'href') node.uses = attr.value.slice(1);
      const href = attr.local === 'href' ? attr.value.trim() : '';
      if (!inert && tag.local === 'image' && RASTER_DATA_URL.test(href)) {
        rasters.push(Buffer.from(href.replace(RASTER_DATA_URL, ''), 'base64'));
      }
    }
    (parent?.node ?? root).children.push(node);
    stack.push({ node, inert, style: !inert && tag.local === 'style' });
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Stop) return problem;
    return { kind: 'malformed', detail: (error as Error).message };
  }
  const drawn = drawnCount(root);
  if (drawn === 'cycle') return { kind: 'too-complex', detail: 'a <use> that draws itself' };
  if (drawn > MAX_SVG_DRAWN) {
    return {
      kind: 'too-complex',
      detail: `<use> elements that draw more than ${MAX_SVG_DRAWN} elements`,
    };
  }
  return undefined;
}

/** Editors' private elements, and whatever <metadata> holds, are never drawn. */
function isInert(tag: SaxesTagNS): boolean {
  return INERT_NAMESPACES.has(tag.uri) || (tag.uri === SVG_NS && tag.local === 'metadata');
}

function checkElement(tag: SaxesTagNS, unsafe: (detail: string) => never): void {
  if (tag.uri !== SVG_NS) unsafe(`an element <${tag.name}> outside the SVG namespace`);
  if (!SVG_ELEMENTS.has(tag.local)) unsafe(`a <${tag.name}> element`);
}

function checkAttribute(
  tag: SaxesTagNS,
  attr: SaxesAttributeNS,
  unsafe: (detail: string) => never,
): void {
  const { uri, local, name, value } = attr;
  if (uri === '' && /^on/i.test(local)) unsafe(`an event-handler attribute ${name}`);
  const allowed =
    (uri === '' && SVG_ATTRIBUTES.has(local)) ||
    (uri === XLINK_NS && (local === 'href' || XLINK_INERT.has(local))) ||
    uri === XML_NS ||
    uri === XMLNS_NS ||
    (uri === '' && (name === 'xmlns' || name.startsWith('xmlns:'))) ||
    INERT_NAMESPACES.has(uri);
  if (!allowed) unsafe(`an attribute ${name} on <${tag.name}>`);
  if (local === 'href' && (uri === '' || uri === XLINK_NS)) checkHref(tag, value, unsafe);
  else checkCss(value, unsafe);
}

function checkHref(tag: SaxesTagNS, value: string, unsafe: (detail: string) => never): void {
  const href = value.trim();
  if (href.startsWith('#')) return;
  if (tag.local === 'image' && RASTER_DATA_URL.test(href)) return;
  unsafe(`a reference to an external resource ("${href.slice(0, 60)}")`);
}

/** A stylesheet or an attribute value: url() only to "#…", no @import, no escapes. */
function checkCss(css: string, unsafe: (detail: string) => never): void {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  if (/@import/i.test(text)) unsafe('an @import');
  if (text.includes('\\')) unsafe('an escaped character in a style');
  if (/(?:image-set|image|src|cross-fade|element)\s*\(/i.test(text.replace(/url\s*\(/gi, ''))) {
    unsafe('an image function in a style');
  }
  for (const match of text.matchAll(/url\s*\(\s*(['"]?)\s*([^)'"]*)/gi)) {
    if (!(match[2] ?? '').startsWith('#'))
      unsafe(`a reference to an external resource (url(${match[2]}))`);
  }
  if (/javascript\s*:/i.test(text)) unsafe('a javascript: URL');
}

/** How many elements are drawn once every <use> is replaced by what it refers to. */
function drawnCount(root: SvgNode): number | 'cycle' {
  const byId = new Map<string, SvgNode>();
  const index = (node: SvgNode) => {
    if (node.id !== undefined && !byId.has(node.id)) byId.set(node.id, node);
    for (const child of node.children) index(child);
  };
  index(root);
  const memo = new Map<SvgNode, number>();
  const visiting = new Set<SvgNode>();
  const cost = (node: SvgNode): number => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) throw new Stop('cycle');
    visiting.add(node);
    let total = 1;
    for (const child of node.children) total += cost(child);
    const target = node.uses === undefined ? undefined : byId.get(node.uses);
    if (target) total += cost(target);
    visiting.delete(node);
    // Past the bound the exact figure does not matter; capping keeps the sums finite.
    const capped = Math.min(total, MAX_SVG_DRAWN + 1);
    memo.set(node, capped);
    return capped;
  };
  try {
    return cost(root);
  } catch (error) {
    if (error instanceof Stop) return 'cycle';
    throw error;
  }
}
