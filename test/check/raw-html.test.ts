/**
 * Untrusted raw HTML: what the sanitiser keeps and removes from an edition's body, and the
 * raw-html-removed warnings that say where the removed HTML was written.
 */
import { describe, expect, it } from 'vitest';
import { checkRawHtml } from '../../src/check/raw-html.js';
import { parseDocument } from '../../src/markdown/document.js';
import { type BodyEnv, renderBody } from '../../src/markdown/render-body.js';
import { edition, FRONT } from './helpers.js';

const env: BodyEnv = {
  resolveImage: () => ({ url: 'images/figure-1.png', width: 10, height: 10 }),
  labels: { footnotes: 'Notes', backToText: 'Back' },
};

const body = (markdown: string) => renderBody(parseDocument(markdown, 'en'), env);
const findings = (markdown: string) => checkRawHtml(edition('en', `${FRONT()}${markdown}\n`));

/** Attack strings that must never survive into an edition, in inline and block position. */
const ATTACKS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<span onmouseover="alert(1)">hover</span>',
  '<a href="javascript:alert(1)">link</a>',
  '<a href="  JaVaScRiPt:alert(1)">link</a>',
  '<a href="jav&#x09;ascript:alert(1)">link</a>',
  '<a href="vbscript:msgbox(1)">link</a>',
  '<a href="data:text/html,<script>alert(1)</script>">link</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<style>body{background:url(https://evil.example/)}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example/"><input name="q"></form>',
  '<video src="https://evil.example/v.mp4"></video>',
  '<img src="https://evil.example/pixel.png" alt="">',
  '<span style="background:url(https://evil.example/)">x</span>',
  '<!--><script>alert(1)</script>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

const DANGER =
  /<script|<iframe|<object|<embed|<style|<link|<meta|<base|<form|<video|<svg|<math|\son[a-z]+\s*=|javascript:|vbscript:|data:text|evil\.example/i;

describe('raw HTML never reaches an edition as it is', () => {
  it.each(ATTACKS)('inline: %s', (attack) => {
    expect(body(`Text ${attack} more text.`)).not.toMatch(DANGER);
  });

  it.each(ATTACKS)('block: %s', (attack) => {
    expect(body(`Text.\n\n${attack}\n\nMore text.`)).not.toMatch(DANGER);
  });

  it('keeps the allowed phrasing elements with their allowed attributes', () => {
    const html = body(
      'The <abbr title="Internet of Things">IoT</abbr>, H<sub>2</sub>O, <kbd>Ctrl</kbd>, ' +
        '<span lang="zh">智慧城市</span>, <time datetime="2021-02-19">today</time>, ' +
        '<a href="https://example.org/" hreflang="en">a link</a>, <q>quoted</q>.',
    );
    expect(html).toContain('<abbr title="Internet of Things">IoT</abbr>');
    expect(html).toContain('H<sub>2</sub>O');
    expect(html).toContain('<kbd>Ctrl</kbd>');
    expect(html).toContain('<span lang="zh">智慧城市</span>');
    expect(html).toContain('<time datetime="2021-02-19">today</time>');
    expect(html).toContain('<a href="https://example.org/" hreflang="en">a link</a>');
    expect(html).toContain('<q>quoted</q>');
  });

  it('keeps the text of a removed element and drops the content of scripts and styles', () => {
    expect(body('<div class="note">\nA note\n</div>')).toContain('A note');
    expect(body('<script>\nsecret()\n</script>')).not.toContain('secret');
  });

  it('removes raw <img> and raw headings, which would bypass the checks', () => {
    const html = body('<img src="images/a.png">\n\n<h2>Not a heading</h2>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<h2');
  });

  it('Markdown links, like raw ones, keep only http(s), mailto and relative URLs', () => {
    expect(body('[a](tel:1) [b](//evil.example/) [c](data:image/png;base64,AAAA)')).toBe(
      '<p><a>a</a> <a>b</a> <a>c</a></p>\n',
    );
    expect(body('[a](https://example.org/) [b](mailto:a@example.org) [c](#fn1) [d](x.html)')).toBe(
      '<p><a href="https://example.org/">a</a> <a href="mailto:a@example.org">b</a> ' +
        '<a href="#fn1">c</a> <a href="x.html">d</a></p>\n',
    );
  });

  it("a heading's text, for the table of contents and PDF outline, holds no tags", () => {
    const doc = parseDocument(
      '## The <abbr title="x">IoT</abbr> <script>evil()</script>today',
      'en',
    );
    expect(doc.headings[0]?.text).toBe('The IoT today');
  });

  it('Markdown links and images with script URLs are not links', () => {
    expect(body('[x](javascript:alert(1)) <javascript:alert(1)>')).not.toContain('href');
  });
});

describe('raw-html-removed', () => {
  it('warns at the line and column of an element removed from a paragraph', () => {
    expect(findings('Some text\nand <script>alert(1)</script> here.')).toEqual([
      {
        severity: 'warning',
        rule: 'raw-html-removed',
        file: 'en.md',
        line: 7,
        column: 5,
        message: 'raw HTML <script> was removed',
        hint: 'scripts never reach an edition: the editions are static documents',
      },
    ]);
  });

  it('names the attribute removed from a kept element', () => {
    const [f] = findings('Say <span lang="fr" onclick="steal()">bonjour</span>.');
    expect(f).toMatchObject({
      line: 6,
      column: 5,
      message: 'attribute onclick="steal()" of raw HTML <span> was removed',
    });
    expect(f?.hint).toContain('event handlers');
  });

  it('locates each element inside an HTML block', () => {
    const found = findings(
      '<div>\n<iframe src="https://x.example/"></iframe>\n  <a href="javascript:go()">x</a>\n</div>',
    );
    expect(found.map((f) => [f.line, f.column, f.message])).toEqual([
      [6, 1, 'raw HTML <div> was removed'],
      [7, 1, 'raw HTML <iframe> was removed'],
      [8, 3, 'attribute href="javascript:go()" of raw HTML <a> was removed'],
    ]);
    expect(found[1]?.hint).toContain('link to it instead');
  });

  it('says how to write an image instead of raw <img>', () => {
    const [f] = findings('<img src="images/a.png" alt="A tram">');
    expect(f?.message).toBe('raw HTML <img> was removed');
    expect(f?.hint).toContain('![alt text](images/x.png)');
  });

  it('reports markup in alt text, which is plain text', () => {
    const [f] = findings('![A <b>tram</b>](images/a.png)');
    expect(f).toMatchObject({
      line: 6,
      column: 1,
      message: 'HTML <b> in alt text was removed: alt text is plain text',
    });
  });

  it('is silent about allowed raw HTML and comments', () => {
    expect(findings('<abbr title="x">X</abbr> <!-- a note to self --> <br> <em>e</em>')).toEqual(
      [],
    );
  });
});
