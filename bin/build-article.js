#!/usr/bin/env node
import { run } from '../lib/cli/index.js';

process.exitCode = await run(process.argv);
