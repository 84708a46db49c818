/**
 * Generated Markdown (deep nesting, unusual Unicode, very long lines, stray and hostile
 * HTML) through parsing, every check and HTML rendering: nothing crashes or hangs, every
 * finding points into the file, and no HTML outside the allowlist reaches the body.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { expect, it } from 'vitest';
import type { Article, EditionSource } from '../../src/article/load.js';
import { checkArticle } from '../../src/check/index.js';
import { parseDocument } from '../../src/markdown/document.js';
import { type BodyEnv, renderBody } from '../../src/markdown/render-body.js';

const IMAGE_URL = 'data:image/png;base64,iVBORw0KGgo=';
const env: BodyEnv = {
  resolveImage: () => ({ url: IMAGE_URL, width: 4, height: 3 }),
  labels: { footnotes: 'Notes', backToText: 'Back' },
};

/** The documented allowlist: raw phrasing elements plus what Markdown itself writes. */
const ALLOWED_TAGS = new Set(
  `a abbr bdi bdo br cite code del dfn em ins kbd mark q s samp small span strong sub sup time var wbr
   p h1 h2 h3 h4 h5 h6 blockquote ul ol li hr pre img figure figcaption table thead tbody tr th td section`.split(
    /\s+/,
  ),
);
const ALLOWED_ATTRIBUTES = new Set(
  `id class lang dir title role aria-label aria-labelledby aria-describedby aria-hidden href hreflang
   rel src alt width height decoding start reversed type value style scope colspan rowspan datetime`.split(
    /\s+/,
  ),
);

const word = fc.constantFrom('tram', 'città', 'Straße', 'line', '12', 'a', 'x_y', 'IMG_2041.jpg');
const oddText = fc.constantFrom(
  'e\u0301',
  '\u202eevil',
  '\u200f',
  'عربى',
  '漢字',
  '👩🏽‍🚀',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\ud800',
  '\t',
  '\\',
  '`',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&',
  '&amp;',
  '&#x3c;script',
  '"',
  "'",
  '|',
  '#',
  '!',
  '^',
  '~',
  '{',
  '}',
  ':',
  '{.decorative}',
  '[^1]',
  '[^n]',
);
const tagName = fc.constantFrom(
  'script',
  'SCRIPT',
  'iframe',
  'span',
  'Span',
  'div',
  'img',
  'a',
  'svg',
  'style',
  'object',
  'embed',
  'abbr',
  'math',
  'textarea',
  'noscript',
  'template',
  'p',
  'h2',
  'table',
  'td',
  'base',
  'link',
  'meta',
  'form',
  'input',
  'video',
  'xmp',
  'title',
  'sup',
  'time',
);
const attribute = fc.constantFrom(
  'onclick="alert(1)"',
  'href="javascript:alert(1)"',
  "href='  JaVa\tScript:x'",
  'src="https://evil.example/x"',
  'style="background:url(https://evil.example)"',
  'lang="fr"',
  'title="t>"',
  'class=x',
  'onerror=alert(1)',
  'srcdoc="<script>x</script>"',
  'data-x="1"',
  'href="https://ok.example/"',
  'href="#fn1"',
  'datetime="2021"',
  'xlink:href="javascript:x"',
  'formaction="javascript:x"',
  'id="fnref1"',
);
const strayHtml = fc.oneof(
  fc
    .tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.boolean(), word)
    .map(([t, as, close, text]) => `<${t} ${as.join(' ')}>${text}${close ? `</${t}>` : ''}`),
  fc.constantFrom(
    '<!-- x',
    '-->',
    '<![CDATA[<script>x</script>]]>',
    '<?php x ?>',
    '</div>',
    '<',
    '<a',
    '<img src=x onerror=alert(1)//',
    '<scr<script>ipt>alert(1)</script>',
    '<svg><script>x</script>',
    '<!--><img src=x onerror=alert(1)>-->',
    '<math><mi xlink:href="javascript:x">x</mi></math>',
  ),
);
const source = fc.constantFrom(
  'images/a.png',
  'b.svg',
  '../up.png',
  '/abs.png',
  'https://evil.example/x.png',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  '',
  'images/a%20b.png',
  '<images/a.png>',
  'images/a.png "A title"',
);
const inlinePiece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: oddText },
  { weight: 2, arbitrary: strayHtml },
  fc
    .tuple(fc.array(fc.oneof(word, oddText, strayHtml), { maxLength: 3 }), source)
    .map(([alt, src]) => `![${alt.join(' ')}](${src})`),
  fc.tuple(word, source).map(([text, href]) => `[${text}](${href})`),
  word.map((w) => `**${w}** _${w}_ \`${w}\``),
);
const inline = fc.array(inlinePiece, { minLength: 1, maxLength: 10 }).map((p) => p.join(' '));
const depth = fc.integer({ min: 1, max: 80 });
const block = fc.oneof(
  { weight: 4, arbitrary: inline },
  fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc.tuple(depth, inline).map(([d, t]) => `${'> '.repeat(d)}${t}`),
  fc.tuple(depth, inline).map(([d, t]) => `${'  '.repeat(d)}- ${t}`),
  fc.tuple(depth, inline).map(([d, t]) => `${'['.repeat(d)}${t}${']'.repeat(d)}`),
  fc.tuple(depth, inline).map(([d, t]) => `${'*'.repeat(d)}${t}${'_'.repeat(d)}`),
  fc.tuple(inline, inline).map(([a, b]) => `| ${a} | ${b} |\n| --- | :-: |\n| ${b} | ${a} |`),
  inline.map((t) => `[^1]: ${t}`),
  inline.map((t) => `\`\`\`\n${t}\n\`\`\``),
  fc.tuple(word, fc.integer({ min: 2_000, max: 30_000 })).map(([w, n]) => `${w} `.repeat(n / 4)),
  fc.constant(''),
);
const markdown = fc.array(block, { maxLength: 25 }).map((blocks) => blocks.join('\n'));

function editionOf(lang: string, text: string): EditionSource {
  const meta = { title: lang, authors: ['A'], keywords: [], translators: [], notes: [] };
  return { lang, file: `${lang}.md`, meta, doc: parseDocument(text, lang, 5), mtime: 0 };
}

function assertSafe(html: string): void {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS, el.outerHTML).toContain(el.tagName.toLowerCase());
    for (const { name, value } of Array.from(el.attributes)) {
      expect(ALLOWED_ATTRIBUTES, `${name} on ${el.tagName}`).toContain(name);
      if (name === 'href') expect(value).toMatch(/^(?:https?:|mailto:|#|[^:]*$)/i);
      if (name === 'src') expect(value).toBe(IMAGE_URL);
      if (name === 'style') expect(value).toMatch(/^text-align:(?:left|right|center);?$/);
    }
  }
}

it('parses, checks and renders generated Markdown safely', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(markdown, (text) => {
      const started = performance.now();
      const editions = [editionOf('en', text), editionOf('it', text)];
      const article: Article = {
        dir: '/article',
        name: 'article',
        editions,
        assets: new Map(),
        imagePaths: new Map(),
      };
      const findings = checkArticle(article);
      const bodies = editions.map((edition) => renderBody(edition.doc, env));
      expect(performance.now() - started).toBeLessThan(5_000);
      const lastLine = text.split('\n').length + 5;
      for (const f of findings) {
        expect(f.line ?? 0, f.message).toBeGreaterThanOrEqual(6);
        expect(f.line ?? 0, f.message).toBeLessThanOrEqual(lastLine);
        expect(f.column ?? 0).toBeGreaterThanOrEqual(1);
      }
      for (const body of bodies) assertSafe(body);
    }),
    { numRuns: 200 },
  );
});

it('keeps deep nesting and huge inputs in linear time', () => {
  const hostile = [
    '> '.repeat(5_000),
    '['.repeat(20_000),
    '<span>'.repeat(2_000),
    `${'*a '.repeat(10_000)}`,
    `${'![x'.repeat(5_000)}`,
    `${'<!--'.repeat(5_000)}`,
  ];
  for (const text of hostile) {
    const started = performance.now();
    const body = renderBody(editionOf('en', text).doc, env);
    expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(5_000);
    assertSafe(body);
  }
});
