/**
 * Ace by DAISY over several EPUBs in one process with one browser: what `ace` (the CLI) does
 * for one EPUB, through the same ace-core and the same puppeteer axe runner, for each file
 * given, one after the other. The CLI starts Node, loads Ace and launches Chromium for every
 * EPUB; those starts cost more than checking an edition. Used by test/helpers/validators.ts.
 *
 * node ace-batch.cjs <results.json> <tempdir> <epub>...  writes { [epub]: report | { error } }
 */
'use strict';

const { writeFileSync } = require('node:fs');
const path = require('node:path');
const ace = require('@daisy/ace-core');
const logger = require('@daisy/ace-logger');
const runner = require('@daisy/ace-axe-runner-puppeteer');

async function main() {
  const [results, tempdir, ...epubs] = process.argv.slice(2);
  logger.initLogger({ silent: true, fileName: 'ace-batch.log' });
  // ace-core launches and closes the runner's browser for each EPUB: keep the first one open.
  let launched;
  const shared = Object.create(runner);
  shared.launch = () => {
    launched ??= runner.launch();
    return launched;
  };
  shared.close = async () => {};
  const reports = {};
  // ace-core prints the report on stdout when it writes no report folder; it is kept below.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  try {
    for (const [index, epub] of epubs.entries()) {
      const options = {
        cwd: process.cwd(),
        tmpdir: path.join(tempdir, String(index)),
        silent: true,
        jobId: '',
      };
      try {
        reports[epub] = (await ace(epub, options, shared))[1];
      } catch (error) {
        reports[epub] = { error: String(error?.stack ?? error) };
      }
    }
  } finally {
    process.stdout.write = write;
    if (launched) await launched.then(() => runner.close());
  }
  writeFileSync(results, JSON.stringify(reports));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
