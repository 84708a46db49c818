#!/usr/bin/env node
import { run } from '../lib/cli.bundle.js';

process.exitCode = await run(process.argv);
// The command is over. A library may still hold a timer it started (puppeteer waits 30 s
// for a tab that a Chromium which hung never attaches, after build-article has given up at
// --timeout and killed it): the process ends a second after its work, whatever is left.
setTimeout(() => process.exit(), 1000).unref();
