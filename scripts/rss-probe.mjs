// Loaded with `node --import` by the benchmark: records the process's peak RSS at exit.
import { appendFileSync } from 'node:fs';

const file = process.env.BUILD_ARTICLE_RSS_FILE;
if (file) {
  process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
