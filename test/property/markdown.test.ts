/**
 * Generated Markdown (deep nesting, unusual Unicode, very long lines, stray and hostile
 * HTML, hostile `{...}` attributes, link URLs, titles and footnote labels) through parsing,
 * every check and HTML rendering: nothing crashes or hangs, every finding points into the
 * file, no HTML outside the allowlist reaches the body, and the body is well-formed. The
 * body is not sanitised as a whole, so these are what keep every Markdown rule honest.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { expect, it } from 'vitest';
import { parseBody } from '../../src/article/edition-file.js';
import { InputError } from '../../src/article/input-error.js';
import type { Article, EditionSource } from '../../src/article/load.js';
import { checkArticle } from '../../src/check/index.js';
import type { ParsedDocument } from '../../src/markdown/parsed-document.js';
import { type BodyEnv, renderBody } from '../../src/markdown/render-body.js';
import { cpuClock } from '../helpers/cpu-time.js';

const IMAGE_URL = 'data:image/png;base64,iVBORw0KGgo=';
const env: BodyEnv = {
  resolveImage: () => ({ url: IMAGE_URL, width: 4, height: 3 }),
  labels: { footnotes: 'Notes', backToText: 'Back' },
};

/** The documented allowlist: raw phrasing elements plus what Markdown itself writes (div: callouts). */
const ALLOWED_TAGS = new Set(
  `a abbr bdi bdo br cite code del dfn em ins kbd mark q s samp small span strong sub sup time var wbr
   p h1 h2 h3 h4 h5 h6 blockquote ul ol li hr pre img figure figcaption table thead tbody tr th td section aside div`.split(
    /\s+/,
  ),
);
const ALLOWED_ATTRIBUTES = new Set(
  `id class lang dir title role aria-label aria-labelledby aria-describedby aria-hidden href hreflang
   rel src alt width height decoding start reversed type value style scope colspan rowspan datetime
   epub:type tabindex`.split(/\s+/),
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
/** Raw HTML that markdown-it splits into several tokens, across lines or blocks. */
const SPLIT_HTML = [
  '<span\nonclick="alert(1)">x</span>',
  '<a\nhref="javascript:alert(1)">x</a>',
  '<span title="a\nb" lang="fr">x</span>',
  `<span title='x"><script>alert(1)</script>'>x</span>`,
  '<span lang="fr">\n\nBonjour\n\n</span>',
  '<span>\n\n> quoted <em>x\n\n</span>',
  '</span> x <span> y',
  '</em></strong></a></sup>',
  '<em>*x</em>*',
  '*<em>x*</em>',
  '<strong>**x</strong> y**',
  '<a href="https://ok.example/">[x](https://ok.example/y)</a>',
  '<a href="https://ok.example/">x',
  '<sup>x\ny</sup> <sub>z\n\nw</sub>',
  '<span>x',
  '- <span>a\n- b</span>',
  '| <span>a | b</span> |\n| - | - |',
  '<script>\nalert(1)\n\n</script>',
  '<div>\n<span>\n</div>\n\n</span>',
];
const splitHtml = fc.constantFrom(...SPLIT_HTML);
/** `{...}` attributes for markdown-it-attrs: only id, class and lang may come through. */
const ATTR_BLOCKS = [
  '{onclick=alert(1)}',
  '{#x onclick="alert(1)"}',
  '{.a style="color:red"}',
  '{style=background:url(https://evil.example)}',
  '{href=javascript:alert(1)}',
  '{src=https://evil.example/x.png}',
  '{lang="fr" onmouseover=alert(1)}',
  '{lang="x\\" onclick=\\"alert(1)"}',
  `{title='t" onclick="x'}`,
  '{data-x=1 tabindex=1 role=button}',
  '{lang="a<b>c"}',
  '{.decorative}',
  '{#fn1}',
  '{lang=it}',
];
const attrBlock = fc.constantFrom(...ATTR_BLOCKS);
/** Link destinations: only http(s), mailto and relative URLs may become an href. */
const HREFS = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' JaVaScRiPt:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'jav&#x09;ascript:alert(1)',
  'java%0ascript:alert(1)',
  '<javascript:alert(1)>',
  '<java script:alert(1)>',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,AAAA',
  'file:///etc/passwd',
  '//evil.example/',
  '\\\\evil.example',
  'tel:1',
  '',
  'https://ok.example/"onclick="x',
  'https://ok.example/ "t\\" onclick=\\"x"',
  'mailto:a@example.org',
  '#fn1',
];
const href = fc.constantFrom(...HREFS);
/** Image and link titles, which end up in attribute values. */
const TITLES = [
  '"t\\" onerror=\\"alert(1)"',
  `'it\\'s'`,
  '"<script>alert(1)</script>"',
  '(x"><img src=x onerror=alert(1)>)',
  '"a &quot; b &amp; c"',
];
const title = fc.constantFrom(...TITLES);
/** Footnote labels with markup and quotes, defined and referenced. */
const FOOTNOTE_LABELS = ['<script>', 'a"b', '<b>x</b>', 'x onclick=y', '&quot;', '1'];
const footnoteLabel = fc.constantFrom(...FOOTNOTE_LABELS);
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
  fc.tuple(word, href).map(([text, url]) => `[${text}](${url}) <${url}>`),
  fc.tuple(word, title).map(([text, t]) => `![${text}](images/a.png ${t}) [${text}](x.html ${t})`),
  fc.tuple(word, attrBlock).map(([w, a]) => `*${w}*${a} [${w}](https://ok.example/)${a}`),
  fc.tuple(word, attrBlock).map(([w, a]) => `![${w}](images/a.png)${a} \`${w}\`${a}`),
  footnoteLabel.map((label) => `[^${label}]`),
  splitHtml,
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
  fc.tuple(footnoteLabel, inline).map(([label, t]) => `x[^${label}]\n\n[^${label}]: ${t}`),
  fc.tuple(word, href).map(([w, url]) => `[${w}][r] [r]\n\n[r]: ${url}`),
  fc.tuple(inline, attrBlock).map(([t, a]) => `${t} ${a}`),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), inline, attrBlock)
    .map(([n, t, a]) => `${'#'.repeat(n)} ${t} ${a}`),
  fc.tuple(inline, attrBlock).map(([t, a]) => `- ${t}\n${a}`),
  fc.tuple(inline, attrBlock).map(([t, a]) => `| ${t} |\n| - |\n| x |\n\n${a}`),
  fc.tuple(attrBlock, inline).map(([a, t]) => `\`\`\`js ${a}\n${t}\n\`\`\``),
  splitHtml,
  inline.map((t) => `\`\`\`\n${t}\n\`\`\``),
  fc.tuple(word, fc.integer({ min: 2_000, max: 30_000 })).map(([w, n]) => `${w} `.repeat(n / 4)),
  fc.constant(''),
);
const markdown = fc.array(block, { maxLength: 25 }).map((blocks) => blocks.join('\n'));

function editionOf(lang: string, text: string): EditionSource {
  const meta = { title: lang, authors: ['A'], keywords: [], translators: [], notes: [] };
  return { lang, file: `${lang}.md`, meta, doc: parseBody(text, lang, 5, `${lang}.md`), mtime: 0 };
}

const VOID = new Set(['br', 'hr', 'img', 'wbr']);

/** What a browser would run or load from an attribute value, as its URL parser reads it. */
function scheme(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: URL parsers skip these
  const url = value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
}

function assertSafe(html: string): void {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS, el.tagName).toContain(el.tagName.toLowerCase());
    for (const { name, value } of Array.from(el.attributes)) {
      expect(ALLOWED_ATTRIBUTES, `${name} on ${el.tagName}`).toContain(name);
      expect(name, `${name} on ${el.tagName}`).not.toMatch(/^on/i);
      expect(['javascript', 'vbscript', 'file'], `${name}="${value}"`).not.toContain(scheme(value));
      if (scheme(value) === 'data') expect(`${name}=${value}`).toBe(`src=${IMAGE_URL}`);
      if (name === 'href') expect([undefined, 'https', 'http', 'mailto']).toContain(scheme(value));
      if (name === 'href') expect(value).not.toMatch(/^[\s/\\]{2}|^$/);
      if (name === 'src') expect(value).toBe(IMAGE_URL);
      if (name === 'style') expect(value).toMatch(/^text-align:(?:left|right|center);?$/);
    }
  }
}

/**
 * What keeps a body from being well-formed, if anything. The EPUB body is XHTML: every
 * element closed, in order, void ones written `<x />`, no markup in text and no entity XML
 * does not define. The HTML body writes void elements `<x>`.
 */
function malformed(html: string, xhtml: boolean): string | undefined {
  const open: string[] = [];
  const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z:-]+="[^"<>]*")*)\s*(\/?)>/g;
  for (const [written, end, name = '', , selfClosing] of html.matchAll(tag)) {
    if (VOID.has(name)) {
      if (end || (selfClosing === '/') !== xhtml)
        return `${written} in ${xhtml ? 'XHTML' : 'HTML'}`;
    } else if (end) {
      const top = open.pop();
      if (top !== name) return `${written} closes <${top}>`;
    } else if (selfClosing) {
      return written;
    } else {
      open.push(name);
    }
  }
  if (open.length > 0) return `<${open.join('><')}> left open`;
  const text = html.replace(tag, '');
  if (/[<>]/.test(text)) return 'markup outside a tag';
  if (text.replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, '').includes('&')) {
    return 'an entity XML does not define';
  }
  return undefined;
}

const FORMATS = ['html', 'epub'] as const;

/** The bodies of the HTML and EPUB editions. */
function bodiesOf(doc: ParsedDocument): string[] {
  return FORMATS.map((format) => renderBody(doc, { ...env, format }));
}

function assertBodies(bodies: string[]): void {
  bodies.forEach((body, i) => {
    assertSafe(body);
    expect(malformed(body, FORMATS[i] === 'epub'), body).toBeUndefined();
  });
}

// The 200 cases must take under a minute of CPU time; the wall clock, which a busy machine
// stretches several times over, only guards against a hang.
it('parses, checks and renders generated Markdown safely', { timeout: 300_000 }, () => {
  const total = cpuClock();
  fc.assert(
    fc.property(markdown, (text) => {
      const spent = cpuClock();
      const lastLine = text.split('\n').length + 5;
      let editions: EditionSource[];
      try {
        editions = [editionOf('en', text), editionOf('it', text)];
      } catch (error) {
        // The one Markdown the parser refuses (two headings with one {#id}) is reported
        // as the user's mistake, at a line of the file; anything else is a crash.
        expect(error).toBeInstanceOf(InputError);
        const { rule, location } = error as InputError;
        expect(rule).toBe('heading-id-duplicate');
        expect(location?.line ?? 0).toBeGreaterThanOrEqual(6);
        expect(location?.line ?? 0).toBeLessThanOrEqual(lastLine);
        return;
      }
      const article: Article = {
        dir: '/article',
        name: 'article',
        editions,
        assets: new Map(),
        imagePaths: new Map(),
      };
      const findings = checkArticle(article);
      const bodies = editions.map((edition) => bodiesOf(edition.doc));
      // CPU time: a busy machine stretches the wall clock, not the work.
      expect(spent()).toBeLessThan(5_000);
      for (const f of findings) {
        expect(f.line ?? 0, f.message).toBeGreaterThanOrEqual(6);
        expect(f.line ?? 0, f.message).toBeLessThanOrEqual(lastLine);
        expect(f.column ?? 0).toBeGreaterThanOrEqual(1);
      }
      for (const edition of bodies) assertBodies(edition);
    }),
    { numRuns: 200 },
  );
  expect(total()).toBeLessThan(60_000);
});

it('renders each hostile construct safely and well-formed', () => {
  const texts = [
    ...SPLIT_HTML,
    ...ATTR_BLOCKS.flatMap((a) => [
      `*x*${a} [x](https://ok.example/)${a} ![x](images/a.png)${a} \`x\`${a}`,
      `# Heading ${a}`,
      `Paragraph ${a}`,
      `- item\n${a}`,
      `| x |\n| - |\n| y |\n\n${a}`,
      `\`\`\`js ${a}\ncode\n\`\`\``,
    ]),
    ...HREFS.flatMap((url) => [`[x](${url}) <${url}>`, `[x][r]\n\n[r]: ${url}`]),
    ...TITLES.map((t) => `![x](images/a.png ${t}) [x](x.html ${t})\n\n![x](images/a.png ${t})`),
    ...FOOTNOTE_LABELS.map((label) => `x[^${label}]\n\n[^${label}]: the <sup>note`),
    // Callouts: raw HTML in them, one in another, one in a list, one cut short by a list.
    '> [!NOTE]\n> <script>x</script> *a <b>',
    '> [!TIP]\n> > [!WARNING]\n> > x\n>\n> y </div>',
    '- > [!CAUTION]\n  > z\n\n> [!important]\n- w',
  ];
  for (const text of texts) assertBodies(bodiesOf(editionOf('en', text).doc));
});
