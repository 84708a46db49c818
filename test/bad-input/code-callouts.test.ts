/**
 * Code blocks and callouts that cannot be what they say: an unknown fence language and an
 * unknown `[!WORD]` are warnings at their line, with what they may have meant (the edition is
 * built, the block plain, the quote a quote; --strict stops it); editions whose code blocks or
 * callouts differ are errors at the first difference, and nothing is written.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../helpers/parse.js';
import { build, editions, failedBuild, front, makeArticle } from './helpers.js';

const fence = (lang: string) => `\`\`\`${lang}\nconst x = 1;\n\`\`\`\n`;

describe.concurrent('code blocks and callouts', () => {
  it('an unknown language is a warning at its fence, with did-you-mean; the block is plain', async () => {
    const cwd = await makeArticle({
      // The fence is on line 9 of the file (the front matter is lines 1 to 5).
      'en.md': `${front('Trams')}\nText.\n\n${fence('typscript')}\n> [!NOTE]\n> A note.\n`,
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /article\/en\.md:9:1: warning the code block's language "typscript" is not one build-article can highlight: it is shown plain; did you mean "typescript"\? \[code-language\]/,
    );
    const [html] = await editions(path.join(cwd, 'out'));
    const doc = await htmlDocument(path.join(cwd, 'out', html ?? ''));
    expect(doc.querySelector('pre')?.classList.contains('shiki')).toBe(false);
    expect(doc.querySelector('pre code')?.textContent).toBe('const x = 1;\n');
    const strict = await build(cwd, '-f', 'html', '--strict', '-o', 'strict');
    expect(strict.code).toBe(1);
  });

  it('an unknown callout kind is a warning at its quote, with did-you-mean; the quote stays one', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nText.\n\n> [!WARNIGN]\n> Mind the gap.\n\n> [!FOO]\n> Bar.\n`,
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /article\/en\.md:9:1: warning "\[!WARNIGN\]" is not a kind of callout: .*did you mean "\[!WARNING\]"\? \[callout-kind\]/,
    );
    expect(run.stderr).toMatch(
      /article\/en\.md:12:1: warning "\[!FOO\]" is not a kind of callout: the quote is shown as a quote, marker and all \[callout-kind\]/,
    );
    expect(run.stderr).toMatch(/hint: a callout starts with one of \[!NOTE\], \[!TIP\]/);
    const [html] = await editions(path.join(cwd, 'out'));
    const doc = await htmlDocument(path.join(cwd, 'out', html ?? ''));
    expect(doc.querySelectorAll('main blockquote')).toHaveLength(2);
    expect(doc.querySelector('.callout')).toBeNull();
  });

  it('editions with other code blocks are an error at the first difference', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nText.\n\n${fence('ts')}\n${fence('python')}`,
      'it.md': `${front('Tram')}\nTesto.\n\n${fence('ts')}\n${fence('js')}`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/it\.md:13:1: error code block 2 is "```js" here but "```python" at .*en\.md:13 \[structure-code\]/,
    );
    expect(stderr).toMatch(/hint: every edition has the same code blocks in the same order/);
  });

  it('editions with other callouts are an error at the first difference', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nText.\n\n> [!NOTE]\n> One.\n\n> [!TIP]\n> Two.\n`,
      'it.md': `${front('Tram')}\nTesto.\n\n> [!NOTE]\n> Uno.\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/it\.md:9:1: error callout 2 of 2, "\[!TIP\]" at .*en\.md:12, is missing here \(.*it\.md has 1 callout\) \[structure-callouts\]/,
    );
  });
});
