#!/usr/bin/env node
import { Command } from 'commander';
import { checkNodeVersion } from './node-version.js';
import { runCli } from './run.js';
// Each command lives in its own file and exports `register<Name>Command(program)`.
// Add one import and one call below for a new command.
import { registerAddCommand } from './add.js';
import { registerInitCommand } from './init.js';
import { registerRenderCommand } from './render.js';
import { registerServicesCommand } from './services.js';

checkNodeVersion(process.versions.node);

const program = new Command('aistack')
  .description('Generate, check, run, watch and back up a self-hosted AI stack from one manifest (aistack.yaml).')
  .option('-C, --directory <dir>', 'project directory', '.')
  .option('--debug', 'show stack traces on errors')
  .showHelpAfterError('(run with --help for usage)');

registerInitCommand(program);
registerServicesCommand(program);
registerAddCommand(program);
registerRenderCommand(program);

await runCli(program, process.argv);
