#!/usr/bin/env node
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { checkNodeVersion } from './node-version.js';
import { createProgram } from './program.js';
import { runCli } from './run.js';

checkNodeVersion(process.versions.node);
endQuietlyOnClosedPipe();

// Commands are listed in ./commands.ts, one module each.
await runCli(await createProgram(process.argv.slice(2)), process.argv);
