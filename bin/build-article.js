#!/usr/bin/env node
import { run } from '../lib/cli.bundle.js';

process.exitCode = await run(process.argv);
