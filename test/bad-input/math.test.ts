/** Bad TeX stops the build at its line, with temml's message and a hint; money is never TeX. */
import { describe, expect, it } from 'vitest';
import { build, failedBuild, front, makeArticle } from './helpers.js';

describe.concurrent('bad TeX', () => {
  it('each bad formula is an error at its file, line and column; nothing is written', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nFine $x^2$ and $5 for a ticket.\n`,
      // Lines 7 and 11 of the file (the front matter and a blank line are lines 1 to 6).
      'it.md': `${front('Tram')}\nMale $\\frac{a$ qui.\n\nBene $y$.\n\n$$\n\\begin{matrix} a \\end{pmatrix}\n$$\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/it\.md:7:6: .*the TeX "\\frac\{a" cannot be set: .*expected '\}'/,
    );
    expect(stderr).toMatch(
      /article\/it\.md:11:1: .*the TeX "\\begin\{matrix\} a \\end\{pmatrix\}"/,
    );
    expect(stderr).toMatch(/hint: correct the TeX between the dollar signs/);
    expect(stderr.match(/\[math-tex\]/g)).toHaveLength(2);
  });

  it('dollars as money never reach temml, so they cannot fail the build', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Trams')}\nA ticket is $2, a pass $45; US$3 or $4.50 \\$ $\n`,
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
  });
});
