// Loaded with `node --import` by the benchmark: records the process's peak RSS (KB) and its
// own CPU time (ms, user + system, every thread of this process, no child's) at exit.
import { appendFileSync } from 'node:fs';

const file = process.env.BUILD_ARTICLE_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    appendFileSync(file, `${maxRSS} ${(userCPUTime + systemCPUTime) / 1000}\n`);
  });
}
