/**
 * What is wrong with a citation, a bibliography, a style or a cross-reference stops the build
 * at its file and line, with a hint (and a "did you mean" where a near key or label exists);
 * nothing is written.
 */
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, failedBuild, front, makeArticle } from './helpers.js';

const BIB = `@book{lynch1960,
  author = {Lynch, Kevin},
  title = {The Image of the City},
  publisher = {MIT Press},
  year = {1960}
}
`;
const WITH_BIB = 'author: Jane Doe\ndate: 2024-05-10\nbibliography: refs.bib';

describe.concurrent('bad citations and cross-references', () => {
  it('an unknown key is an error at its line and column, with the nearest key', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', WITH_BIB)}\nAs shown [@lynch1690].\n`,
      'refs.bib': BIB,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/en\.md:8:10: .*"lynch1690" is not a key of the bibliography \(did you mean "lynch1960"\?\).*\[cite-unknown\]/,
    );
    expect(stderr).toMatch(/hint: cite a work by the key its entry has in refs\.bib/);
  });

  it('a citation in an edition without a bibliography is an error', async () => {
    const cwd = await makeArticle({ 'en.md': `${front('Maps')}\nAs shown [@lynch1960].\n` });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(/article\/en\.md:7:10: .*cites works but names no bibliography/);
    expect(stderr).toMatch(/\[cite-no-bibliography\]/);
  });

  it('"@name" in a sentence stays text in an article without a bibliography', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps')}\nWrite to @jane or jane@example.org.\n`,
    });
    const run = await build(cwd, '-f', 'html');
    expect(run.code, run.stderr).toBe(0);
  });

  it('malformed BibTeX is an error at its own file and line', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', WITH_BIB)}\nAs shown [@lynch1960].\n`,
      'refs.bib': `${BIB}\n@book{broken,\n  title = {Open\n  year = 1999\n}\n\n@book{next, title={x}}\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(/article\/refs\.bib:13:1: .*the BibTeX cannot be read/);
    expect(stderr).toMatch(/\[bibliography-syntax\]/);
  });

  it('CSL JSON that is not valid JSON is an error at its line', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', 'author: Jane Doe\nbibliography: refs.json')}\n[@a]\n`,
      'refs.json': '[\n  {"id": "a", "type": "book",}\n]\n',
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(/article\/refs\.json:2:\d+: .*the CSL JSON cannot be read/);
  });

  it('a bibliography outside the folder, missing, or of another kind is refused at its front matter line', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', 'author: Jane Doe\nbibliography: ../refs.bib')}\n[@a]\n`,
      'it.md': `${front('Mappe', 'author: Jane Doe\nbibliography: missing.bib')}\n[@a]\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/en\.md:4:1: .*"\.\.\/refs\.bib" is outside the article folder/,
    );
    expect(stderr).toMatch(/article\/it\.md:4:1: .*missing\.bib" does not exist/);
    const other = await makeArticle({
      'en.md': `${front('Maps', 'author: Jane Doe\nbibliography: refs.txt')}\n[@a]\n`,
      'refs.txt': 'a',
    });
    expect(await failedBuild(other)).toMatch(/refs\.txt" is neither BibTeX nor CSL JSON/);
  });

  it('a bibliography that is a link out of the folder is refused', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', WITH_BIB)}\n[@lynch1960]\n`,
    });
    await symlink('/etc/hostname', path.join(cwd, 'article/refs.bib'));
    expect(await failedBuild(cwd)).toMatch(
      /refs\.bib" is a link to a file outside the article folder/,
    );
  });

  it('a csl: file that is not a CSL style is an error', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', `${WITH_BIB}\ncsl: style.csl`)}\n[@lynch1960]\n`,
      'refs.bib': BIB,
      'style.csl': '<html>not a style</html>\n',
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(/style\.csl" is not a CSL style.*\[csl-style\]/);
  });

  it('a reference to a missing label is an error, with the nearest label', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps')}\n| a |\n|---|\n| 1 |\n\n{#tbl:data}\n\nSee @tbl:dat and [@fig:none].\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/en\.md:13:5: .*no figure, table or equation is labelled "tbl:dat" \(did you mean "tbl:data"\?\).*\[xref-missing\]/,
    );
    expect(stderr).toMatch(/article\/en\.md:13:\d+: .*labelled "fig:none"/);
  });

  it('a label set twice is an error at the second', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps')}\n$$\na\n$$ {#eq:one}\n\n$$\nb\n$$ {#eq:one}\n\nBy @eq:one.\n`,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/en\.md:11(?::1)?: .*the label "eq:one" is set twice \(also at line 7\).*\[xref-duplicate\]/,
    );
  });

  it('editions that cite other works, or label other items, than the first are errors', async () => {
    const cwd = await makeArticle({
      'en.md': `${front('Maps', WITH_BIB)}\n[@lynch1960] and @lynch1960.\n\n$$\na\n$$ {#eq:one}\n`,
      'it.md': `${front('Mappe', WITH_BIB)}\n[@lynch1960].\n\n$$\na\n$$ {#eq:uno}\n`,
      'refs.bib': BIB,
    });
    const stderr = await failedBuild(cwd);
    expect(stderr).toMatch(
      /article\/it\.md:8:1: .*citation 2 of 2, "@lynch1960" at article\/en\.md:8:\d+, is missing here.*\[structure-citations\]/,
    );
    expect(stderr).toMatch(
      /article\/it\.md:10(?::1)?: .*label 1 is "\{#eq:uno\}" here but "\{#eq:one\}" at article\/en\.md:10.*\[structure-labels\]/,
    );
  });
});
