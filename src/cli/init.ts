/** `build-article init`: start an article, then say what was written and what to run next. */
import path from 'node:path';
import { EXIT } from '../errors.js';
import { initArticle } from '../init/init.js';
import { fail } from './commands.js';
import { createReporter } from './reporter.js';

export async function initCommand(
  dir: string | undefined,
  raw: { lang?: string; ci?: boolean },
): Promise<number> {
  const reporter = createReporter();
  const folder = dir ?? 'article';
  try {
    const langs = (raw.lang ?? 'en')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    const result = await initArticle({ dir: folder, langs, ci: raw.ci === true });
    const say = (text: string) => process.stderr.write(`${text}\n`);
    for (const file of result.written) say(`created ${file}`);
    if (result.gitignore === 'appended') say('added /dist/ to .gitignore');
    for (const lang of result.untranslated) {
      say(
        `note: ${path.join(folder, `${lang}.md`)} holds the English starter text (none is shipped for ${lang}): translate it; until then "check" warns that its title and alt text are untranslated`,
      );
    }
    const named = path.resolve(folder) === path.resolve('article') ? '' : ` ${folder}`;
    const first = result.written.find((f) => f.endsWith('.md')) ?? folder;
    say(
      `\nnext: write your text in ${first}, then run\n  build-article check${named}\n  build-article${named}`,
    );
    return EXIT.ok;
  } catch (error) {
    return fail(error, reporter, 'text');
  }
}
