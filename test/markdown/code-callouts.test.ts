/**
 * Code blocks and callouts in the Markdown (src/markdown/code.ts, highlight.ts, callouts.ts):
 * what is highlighted and how, what becomes a callout, where each is, and that neither lets
 * markup through.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { highlightFences } from '../../src/markdown/code.js';
import { parseDocument } from '../../src/markdown/document.js';
import { closeLanguages, getHighlighter, THEMES } from '../../src/markdown/highlight.js';
import { type BodyEnv, renderBody } from '../../src/markdown/render-body.js';

const env: BodyEnv = {
  labels: {
    footnotes: 'Footnotes',
    backToText: 'Back to the text',
    callouts: { note: 'Nota', warning: 'Attenzione <b>' },
  },
  resolveImage: (src: string) => ({ url: src, width: 1, height: 1 }),
};

async function body(markdown: string, format: BodyEnv['format'] = 'html') {
  const doc = parseDocument(markdown, 'en');
  await highlightFences(doc);
  const { document } = parseHTML(
    `<!doctype html><html><body>${renderBody(doc, { ...env, format })}</body></html>`,
  );
  return { doc, document };
}

describe('code blocks', () => {
  it('a named language is highlighted: dual themes for HTML, light colours only for the PDF and EPUB', async () => {
    const md = '```py\nprint("hi")  # greet\n```\n';
    const html = await body(md, 'html');
    const pre = html.document.querySelector('pre');
    expect(pre?.classList.contains('shiki-themes')).toBe(true);
    expect(pre?.textContent).toBe('print("hi")  # greet');
    expect(pre?.querySelector('span[style*="--shiki-dark"]')).not.toBeNull();
    for (const format of ['pdf', 'epub'] as const) {
      const { document } = await body(md, format);
      expect(document.querySelector('pre')?.classList.contains('shiki')).toBe(true);
      expect(document.querySelector('pre')?.outerHTML).not.toContain('--shiki-dark');
      expect(document.querySelectorAll('pre span[style]').length).toBeGreaterThan(2);
    }
  });

  it('records each block with its language and line; plain and indented blocks too', async () => {
    const { doc, document } = await body(
      'Text.\n\n```\nplain\n```\n\n```TEXT\nalso plain\n```\n\n    indented\n\n```ts {.x}\nlet a = 1;\n```\n',
    );
    expect(doc.code).toEqual([
      { lang: '', line: 3 },
      { lang: 'text', line: 7 },
      { lang: '', line: 11 },
      { lang: 'ts', line: 13 },
    ]);
    const blocks = [...document.querySelectorAll('pre')];
    expect(blocks.map((b) => b.classList.contains('shiki'))).toEqual([false, false, false, true]);
  });

  it('the {#id .class} written after a fence stays on the highlighted block ({.numberLines})', async () => {
    const { document } = await body('```ts {.numberLines #fares}\nlet a = 1;\nlet b = 2;\n```\n');
    const pre = document.querySelector('pre');
    expect(pre?.classList.contains('shiki')).toBe(true);
    expect(pre?.classList.contains('numberLines')).toBe(true);
    expect(pre?.id).toBe('fares');
    expect(pre?.querySelectorAll('.line')).toHaveLength(2);
  });

  it("escapes the code's text, highlighted or not: no markup gets through", async () => {
    const attack = '</code></pre><script>alert(1)</script><img src=x onerror=alert(2)>';
    for (const lang of ['html', 'ts', '', 'nosuchlang']) {
      const { document } = await body(`\`\`\`${lang}\n${attack}\n\`\`\`\n`);
      expect(document.querySelector('script')).toBeNull();
      expect(document.querySelector('img')).toBeNull();
      expect(document.querySelector('pre')?.textContent?.trim()).toBe(attack);
    }
  });

  it('an unknown language is recorded, with the names it may have meant, and left plain', async () => {
    const { doc, document } = await body('```pyhton\nx = 1\n```\n\n```zzzzzz\ny\n```\n');
    expect(doc.codeProblems).toEqual([
      { lang: 'pyhton', line: 1, suggestions: ['python'] },
      { lang: 'zzzzzz', line: 5, suggestions: [] },
    ]);
    expect(document.querySelector('pre')?.classList.contains('shiki')).toBe(false);
    expect(closeLanguages('javscript')).toContain('javascript');
  });

  it('every token colour is at least 4.5:1 against the code background, in both themes', async () => {
    const samples: Record<string, string> = {
      ts: 'interface A { b: string } // c\nconst x = /a+/g; export function f(s: string): number { return `n=` + s.length }',
      python:
        'def f(x):\n    """doc"""\n    return [d for d in x if d["a"] >= 1]  # c\n@dec\nclass C: pass',
      bash: 'for f in *.md; do echo "$f" | grep -v x > /dev/null; done # c',
      json: '{"a": [1, true, null], "b": "c"}',
      css: 'a:hover { color: #fff !important; } /* c */ @media print { p { margin: 0 } }',
      html: '<!-- c --><a href="x" class=y>t &amp;</a>',
      rust: 'fn main() { let x: Vec<u8> = vec![1]; println!("{}", x[0]); } // c',
      sql: "SELECT a, COUNT(*) FROM t WHERE b = 'x' -- c",
      yaml: 'a: [1, "b"] # c\nc: true',
      diff: '--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y',
    };
    const shiki = await getHighlighter();
    let checked = 0;
    for (const [lang, code] of Object.entries(samples)) {
      await body(`\`\`\`${lang}\n${code}\n\`\`\`\n`);
      for (const theme of [THEMES.light, THEMES.dark]) {
        const { fg, bg } = shiki.getTheme(theme);
        for (const line of shiki.codeToTokensBase(code, { lang, theme })) {
          for (const token of line) {
            const ratio = contrast(token.color ?? fg, bg);
            expect(
              ratio,
              `${lang} ${theme} ${JSON.stringify(token.content)}`,
            ).toBeGreaterThanOrEqual(4.5);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('callouts', () => {
  it('each kind becomes a titled note; the marker is gone; lines are recorded', async () => {
    const kinds = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'];
    const md = kinds.map((k) => `> [!${k}]\n> Some ${k.toLowerCase()}.\n`).join('\n');
    const { doc, document } = await body(md);
    const notes = [...document.querySelectorAll('div.callout')];
    expect(notes.map((n) => n.getAttribute('role'))).toEqual(Array(5).fill('note'));
    expect(notes.map((n) => n.className)).toEqual(
      kinds.map((k) => `callout callout-${k.toLowerCase()}`),
    );
    // Localized where the labels have a title (escaped), else the kind.
    expect(notes.map((n) => n.querySelector('.callout-title')?.textContent)).toEqual([
      'Nota',
      'TIP',
      'IMPORTANT',
      'Attenzione <b>',
      'CAUTION',
    ]);
    expect(document.querySelector('.callout b')).toBeNull();
    expect(notes[0]?.querySelectorAll('p')[1]?.textContent).toBe('Some note.');
    expect(document.body.textContent).not.toContain('[!');
    expect(doc.callouts.map((c) => [c.kind, c.line])).toEqual([
      ['note', 1],
      ['tip', 4],
      ['important', 7],
      ['warning', 10],
      ['caution', 13],
    ]);
  });

  it('a quote inside a callout stays a quote, and the HTML is well nested', async () => {
    const { document } = await body('> [!note]\n> Before.\n> > Quoted.\n>\n> After.\n\nOutside.\n');
    const note = document.querySelector('div.callout');
    expect(note?.querySelector('blockquote')?.textContent?.trim()).toBe('Quoted.');
    expect(note?.lastElementChild?.textContent).toBe('After.');
    expect(document.querySelector('body > p')?.textContent).toBe('Outside.');
  });

  it('a marker followed by a blank line leaves no empty paragraph', async () => {
    const { document } = await body('> [!TIP]\n>\n> Text.\n');
    const paragraphs = [...(document.querySelector('.callout')?.querySelectorAll('p') ?? [])];
    expect(paragraphs.map((p) => p.textContent)).toEqual(['TIP', 'Text.']);
  });

  it('the PDF leaves out the role (Chromium would tag it as an untyped element)', async () => {
    const { document } = await body('> [!NOTE]\n> Text.\n', 'pdf');
    expect(document.querySelector('.callout')?.getAttribute('role')).toBeNull();
  });

  it('text after the marker, or a marker later in the quote, is a plain quote; an unknown kind is recorded', async () => {
    const { doc, document } = await body(
      '> [!NOTE] with words\n\n> Text.\n> [!NOTE]\n\n> [!FOO]\n> Bar.\n',
    );
    expect(document.querySelector('.callout')).toBeNull();
    expect(document.querySelectorAll('blockquote')).toHaveLength(3);
    expect(doc.callouts).toEqual([]);
    expect(doc.calloutProblems).toEqual([{ kind: 'FOO', line: 6 }]);
  });
});

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
