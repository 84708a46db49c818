/** The SVG allowlist and cost bounds, on the parsed XML (src/article/svg-check.ts). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SVG_DRAWN, svgProblem } from '../../src/article/svg-check.js';
import { ROOT } from '../helpers/editions.js';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const wrap = (inner: string, attrs = '') =>
  `<svg ${NS} width="10" height="10"${attrs}>${inner}</svg>`;

describe('svgProblem refuses', () => {
  it.each([
    ['<script>alert(1)</script>', 'unsafe', 'a <script> element'],
    [
      '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>',
      'unsafe',
      'a <s:script> element',
    ],
    [
      '<s:foreignObject xmlns:s="http://www.w3.org/2000/svg"><p>x</p></s:foreignObject>',
      'unsafe',
      'a <s:foreignObject> element',
    ],
    ['<foreignObject><p>x</p></foreignObject>', 'unsafe', 'a <foreignObject> element'],
    [
      '<html:script xmlns:html="http://www.w3.org/1999/xhtml">x</html:script>',
      'unsafe',
      'outside the SVG namespace',
    ],
    ['<rect onclick="x()"/>', 'unsafe', 'an event-handler attribute onclick'],
    ['<a href="&#106;avascript:alert(1)"><rect/></a>', 'unsafe', 'a <a> element'],
    [
      '<use href="&#106;avascript:alert(1)"/>',
      'unsafe',
      'external resource ("javascript:alert(1)")',
    ],
    [
      '<use xlink:href="&#106;avascript:x" xmlns:xlink="http://www.w3.org/1999/xlink"/>',
      'unsafe',
      '("javascript:x")',
    ],
    ['<image href="/etc/passwd"/>', 'unsafe', 'external resource ("/etc/passwd")'],
    ['<image href="file:///etc/passwd"/>', 'unsafe', 'external resource ("file:///etc/passwd")'],
    ['<image href="https://evil.example/x.png"/>', 'unsafe', 'external resource'],
    ['<image href="data:image/svg+xml;base64,PHN2Zz4="/>', 'unsafe', 'external resource'],
    ['<rect style="fill:url(https://evil.example/#g)"/>', 'unsafe', 'external resource (url(https'],
    ['<rect fill="url(/etc/passwd)"/>', 'unsafe', 'external resource (url(/etc/passwd'],
    ['<style>@import "https://evil.example/a.css";</style>', 'unsafe', 'an @import'],
    ['<style>rect { fill: \\75rl(x) }</style>', 'unsafe', 'an escaped character'],
    [
      '<style><![CDATA[rect { background: image-set("x.png" 1x) }]]></style>',
      'unsafe',
      'image function',
    ],
    ['<animate attributeName="href" to="javascript:x"/>', 'unsafe', 'a <animate> element'],
    ['<set attributeName="href" to="javascript:x"/>', 'unsafe', 'a <set> element'],
    ['<rect formaction="x"/>', 'unsafe', 'an attribute formaction on <rect>'],
    ['<rect/><x', 'malformed', ''],
    ['&xxe;', 'malformed', ''],
  ])('%s', (inner, kind, detail) => {
    const problem = svgProblem(wrap(inner));
    expect(problem?.kind).toBe(kind);
    expect(problem?.detail).toContain(detail);
  });

  it('an external DTD, and a DOCTYPE with entities (billion laughs)', () => {
    const dtd = `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://evil.example/svg11.dtd">${wrap('')}`;
    expect(svgProblem(dtd)?.detail).toContain('a DOCTYPE declaration');
    const lol = `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${wrap('<text>&b;</text>')}`;
    expect(svgProblem(lol)?.kind).toBe('unsafe');
  });

  it('a stylesheet processing instruction', () => {
    const pi = `<?xml-stylesheet href="https://evil.example/a.css"?>${wrap('')}`;
    expect(svgProblem(pi)?.detail).toContain('a processing instruction <?xml-stylesheet?>');
  });

  it('a <use> bomb: 9 levels of 10 <use> each, in under 2 KB', () => {
    let defs = '<g id="l0"><rect width="1" height="1"/></g>';
    for (let level = 1; level <= 9; level += 1) {
      const uses = Array.from({ length: 10 }, () => `<use href="#l${level - 1}"/>`).join('');
      defs += `<g id="l${level}">${uses}</g>`;
    }
    const bomb = wrap(`<defs>${defs}</defs><use href="#l9"/>`);
    expect(bomb.length).toBeLessThan(2000);
    expect(svgProblem(bomb)).toEqual({
      kind: 'too-complex',
      detail: `<use> elements that draw more than ${MAX_SVG_DRAWN} elements`,
    });
  });

  it('a <use> that draws itself', () => {
    expect(svgProblem(wrap('<g id="a"><use href="#a"/></g>'))?.detail).toBe(
      'a <use> that draws itself',
    );
  });

  it('too many elements, and elements nested too deep', () => {
    expect(svgProblem(wrap('<rect/>'.repeat(50_001)))?.detail).toContain(
      'more than 50000 elements',
    );
    expect(svgProblem(wrap(`${'<g>'.repeat(300)}${'</g>'.repeat(300)}`))?.detail).toContain(
      'nested more than 256 deep',
    );
  });

  it('a root that is not SVG', () => {
    expect(svgProblem('<svg width="1" height="1"/>')?.kind).toBe('malformed');
    expect(svgProblem('<html/>')?.kind).toBe('malformed');
  });
});

describe('svgProblem accepts', () => {
  it('the drawings of the shipped and test articles', async () => {
    for (const file of [
      'article/images/smart-city.svg',
      'article/images/wuhan-robot-city.svg',
      'article/images/xiongan.svg',
      'test/fixtures/second-article/images/map.svg',
    ]) {
      expect(svgProblem(await readFile(path.join(ROOT, file), 'utf8')), file).toBeUndefined();
    }
  });

  it('internal references, an embedded PNG, editor metadata and xml: attributes', () => {
    const svg = wrap(
      [
        '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>',
        '<g id="a"><rect width="1" height="1"/></g></defs>',
        '<rect fill="url(#g)" style="fill: url(&quot;#g&quot;)"/><use href="#a"/>',
        '<use xlink:href="#a"/>',
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>',
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>',
        '<text xml:space="preserve">javascript: is only text here</text>',
      ].join(''),
      ' xmlns:xlink="http://www.w3.org/1999/xlink"',
    );
    expect(svgProblem(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`)).toBeUndefined();
  });
});
