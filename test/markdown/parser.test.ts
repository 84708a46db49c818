import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/markdown/document.js';
import { slugify } from '../../src/markdown/parser.js';
import { renderBody } from '../../src/markdown/render-body.js';
import { CLI, ROOT } from '../helpers/editions.js';

const env = {
  labels: { footnotes: 'Footnotes', backToText: 'Back to the text' },
  resolveImage: (src: string) => ({ url: `resolved/${src}`, width: 40, height: 30 }),
};
const html = (md: string, lang = 'en') => renderBody(parseDocument(md, lang), env);

describe('typography per language', () => {
  it('English gets curly double quotes and apostrophes, and a dash that never starts a line', () => {
    expect(html('He said "smart" -- it\'s More\'s city')).toContain(
      'He said “smart”\u00a0– it’s More’s city',
    );
  });
  it('Italian gets guillemets with “ ” inside, and a curly apostrophe', () => {
    expect(html('L\'espressione "smart city"', 'it')).toContain('L’espressione «smart city»');
    expect(html(`"Disse 'ciao' a *tutti*" nel 2011-2014`, 'it')).toContain(
      '«Disse “ciao” a <em>tutti</em>» nel 2011–2014',
    );
  });
  it('elisions take an apostrophe, never an opening quote', () => {
    expect(html("the '90s, rock 'n' roll and 'em")).toContain('the ’90s, rock ’n’ roll and ’em');
    expect(html("negli anni '30", 'it')).toContain('negli anni ’30');
  });
  it('quotes pair across emphasis, links and footnote references', () => {
    expect(html('"*smart*" and "[a city](https://example.org/)"[^1]\n\n[^1]: Note.')).toContain(
      '“<em>smart</em>” and “<a href="https://example.org/">a city</a>”<sup',
    );
  });
  it('code, URLs, raw HTML tags and escaped quotes stay as written', () => {
    const out = html(
      'Run `echo "it\'s" -- 1-2...` or <kbd>"x" -- y</kbd>, see <https://example.org/a--b\'s> ' +
        'and [it\'s](https://example.org/"q"--1) <abbr title="a \'b\' -- c">"ab"</abbr> \\"straight\\"',
    );
    expect(out).toContain("<code>echo &quot;it's&quot; -- 1-2...</code>");
    expect(out).toContain('<kbd>&quot;x&quot; -- y</kbd>');
    expect(out).toContain(">https://example.org/a--b's</a>");
    expect(out).toContain('<a href="https://example.org/%22q%22--1">it’s</a>');
    expect(out).toContain('<abbr title="a \'b\' -- c">“ab”</abbr>');
    expect(out).toContain('&quot;straight&quot;');
  });
  it('alt text, captions and headings are typeset too; a heading keeps its anchor', () => {
    expect(html('![The "smart" city\'s grid](a.png "Xi\'s \'plan\'")')).toContain(
      'alt="The “smart” city’s grid" width="40" height="30" /><figcaption>Xi’s ‘plan’</figcaption>',
    );
    const heading = html("## Perché l'IoT -- e la CCTV?", 'it');
    expect(heading).toBe('<h2 id="perche-l-iot-e-la-cctv">Perché l’IoT\u00a0– e la CCTV?</h2>\n');
  });
});

describe('acronyms in small caps', () => {
  const caps = (word: string) => `<span class="caps">${word}</span>`;
  it('in running text, notes, captions and link text', () => {
    const out = html(
      'The CCTV of the CEOs, [the AI](https://example.org/) in World War II and the IoT.[^1]\n\n' +
        '![A camera](a.png "A CCTV pole")\n\n[^1]: The USA.',
    );
    expect(out).toContain(
      `The ${caps('CCTV')} of the ${caps('CEO')}s, <a href="https://example.org/">the ${caps('AI')}</a> in World War II and the IoT.`,
    );
    expect(out).toContain(`<figcaption>A ${caps('CCTV')} pole</figcaption>`);
    expect(out).toContain(`The ${caps('USA')}.`);
  });
  it('not in headings, code, raw code elements or alt text', () => {
    const out = html('## The CCTV state\n\n`CCTV` <kbd>CTRL</kbd> ![A CCTV pole](a.png) CCTV');
    expect(out).toContain('<h2 id="the-cctv-state">The CCTV state</h2>');
    expect(out).toContain(
      `<p><code>CCTV</code> <kbd>CTRL</kbd> <img src="resolved/a.png" alt="A CCTV pole" width="40" height="30" /> ${caps('CCTV')}</p>`,
    );
  });
  it('still reads as the word: the heading text and alt text are plain', () => {
    const doc = parseDocument('## The CEO\'s "plan"\n\nThe CEO.', 'en');
    expect(doc.headings[0]?.text).toBe('The CEO’s “plan”');
  });
});

describe('figures and inline images', () => {
  it('an image alone in a paragraph becomes a figure with alt text and a distinct caption', () => {
    const out = html('![A tram on a bridge](images/t.png "Line 4 at dawn")');
    expect(out).toMatch(
      /^<figure><img src="resolved\/images\/t.png" alt="A tram on a bridge" width="40" height="30" \/><figcaption>Line 4 at dawn<\/figcaption><\/figure>/,
    );
  });
  it('an image inside a sentence stays inline', () => {
    const out = html('A sign ![arrow](images/a.svg) here.');
    expect(out).toContain('<p>A sign <img src="resolved/images/a.svg" alt="arrow"');
    expect(out).not.toContain('<figure>');
  });
  it('a decorative image is rendered with an empty alt', () => {
    expect(html('![](images/rule.svg){.decorative}')).toContain('alt=""');
  });
});

describe('structure the templates rely on', () => {
  it('headings get readable ASCII anchors', () => {
    expect(html("## Perché l'IoT?", 'it')).toContain('<h2 id="perche-l-iot">');
    expect(slugify('Città ideale — 4.0')).toBe('citta-ideale-4-0');
  });
  it('footnotes get a section under a heading, unbracketed markers and back links', () => {
    const out = html('Text.[^1]\n\n[^1]: The note.');
    expect(out).toContain(
      'aria-labelledby="footnotes-title">\n<h2 id="footnotes-title">Footnotes</h2>',
    );
    expect(out).toMatch(/<sup class="footnote-ref"><a href="#fn1" id="fnref1">1<\/a><\/sup>/);
    expect(out).toContain('class="footnote-backref" role="doc-backlink">Back to the text</a>');
    expect(out).toContain('href="#fn1"');
  });
  it('tables keep their header row', () => {
    expect(html('| a | b |\n|---|--:|\n| 1 | 2 |')).toMatch(
      /<th>a<\/th>[\s\S]*<td style="text-align:right">2<\/td>/,
    );
  });
});

describe('what the parse collects', () => {
  it('reports images with their file line, figure-ness and caption', () => {
    const doc = parseDocument(
      'Intro.\n\n![Alt one](a.png "Cap")\n\nSee ![two](b.png).\n',
      'en',
      10,
    );
    expect(
      doc.images.map(({ src, alt, caption, line, figure }) => ({
        src,
        alt,
        caption,
        line,
        figure,
      })),
    ).toEqual([
      { src: 'a.png', alt: 'Alt one', caption: 'Cap', line: 13, figure: true },
      { src: 'b.png', alt: 'two', caption: undefined, line: 15, figure: false },
    ]);
  });
  it('counts headings, footnotes and tables', () => {
    const doc = parseDocument(
      '## A\n\n### B\n\nx[^1] y[^2]\n\n| a |\n|---|\n| 1 |\n\n[^1]: one\n[^2]: two\n',
      'en',
    );
    expect(doc.headings.map((h) => h.level)).toEqual([2, 3]);
    expect(doc.footnotes).toBe(2);
    expect(doc.tables).toBe(1);
  });
});

describe('raw HTML tags in separate tokens are paired, so the body is well-formed', () => {
  it('closes an element where its paragraph, emphasis or link ends', () => {
    expect(html('<span>x')).toBe('<p><span>x</span></p>\n');
    expect(html('<em>*x</em>*')).toBe('<p><em><em>x</em></em></p>\n');
    expect(html('<kbd>c\n\nd</kbd>')).toBe('<p><kbd>c</kbd></p>\n<p>d</p>\n');
    expect(html('x[^1]\n\n[^1]: a <sup>note')).toContain('a <sup>note</sup> <a href="#fnref1"');
  });
  it('drops an end tag that closes nothing', () => {
    expect(html('</span> x </em>')).toBe('<p> x </p>\n');
    expect(html('> <span>\n>\n> x\n\n</span>')).toBe(
      '<blockquote>\n<span>\n<p>x</p>\n</span>\n</blockquote>\n',
    );
  });
  it('writes void elements as XHTML for the EPUB and as HTML for the other editions', () => {
    const md = 'a<br>b<wbr>c  \nd ![i](i.png)\n\n---';
    expect(renderBody(parseDocument(md, 'en'), { ...env, format: 'epub' })).toBe(
      '<p>a<br />b<wbr />c<br />\nd <img src="resolved/i.png" alt="i" width="40" height="30" /></p>\n<hr />\n',
    );
    expect(renderBody(parseDocument(md, 'en'), { ...env, format: 'html' })).toBe(
      '<p>a<br>b<wbr>c<br>\nd <img src="resolved/i.png" alt="i" width="40" height="30"></p>\n<hr>\n',
    );
  });
});

describe('a removed <script> inside Markdown', () => {
  it('hides its text but still closes the link around it', () => {
    expect(html('[a <script>x](u) [b](v) c')).toBe('<p><a href="u">a </a><a href="v"></a></p>\n');
  });
});

describe('sanitize-html', () => {
  /** Runs `build-article check` on a one-file article in a fresh process: was it loaded? */
  const loads = (markdown: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'build-article-sanitize-'));
    writeFileSync(
      path.join(dir, 'en.md'),
      `---\ntitle: Trams\nauthor: A. Writer\ndate: 2021-02-19\n---\n\n${markdown}\n`,
    );
    const probe = `data:text/javascript,import { createRequire } from 'node:module';
      const cache = createRequire(process.cwd() + '/').cache;
      process.on('exit', () => process.stdout.write(String(
        Object.keys(cache).some((file) => file.includes('/sanitize-html/')))));`;
    try {
      const out = execFileSync(process.execPath, ['--import', probe, CLI, 'check', dir], {
        cwd: ROOT,
      });
      return out.toString().trim() === 'true';
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  it('is loaded only for an article with raw HTML', () => {
    expect(
      loads(
        '# Title {#t}\n\nText, *emphasis*, [a link](https://example.org/).[^1]\n\n[^1]: A note.',
      ),
    ).toBe(false);
    expect(loads('Text with <abbr title="x">raw HTML</abbr>.')).toBe(true);
  });
});
