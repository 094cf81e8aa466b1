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
import { registerUpCommand } from './up.js';
import { registerStatusCommand } from './status.js';
import { registerLogsCommand } from './logs.js';
import { registerRestartCommand } from './restart.js';
import { registerDeployCommand } from './deploy.js';
import { registerHistoryCommand } from './history.js';
import { registerRollbackCommand } from './rollback.js';
import { registerDownCommand } from './down.js';
import { registerDoctorCommand } from './doctor.js';
import { registerImagesCommand } from './images.js';
import { registerBackupCommand } from './backup.js';
import { registerRestoreCommand } from './restore.js';
import { registerSecretsCommand } from './secrets.js';
import { registerTlsCommand } from './tls.js';
import { registerHardenCommand } from './harden.js';
import { registerServeCommand } from './serve.js';
import { registerCheckCommand } from './check.js';

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
registerUpCommand(program);
registerStatusCommand(program);
registerLogsCommand(program);
registerRestartCommand(program);
registerDeployCommand(program);
registerHistoryCommand(program);
registerRollbackCommand(program);
registerDownCommand(program);
registerDoctorCommand(program);
registerImagesCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);
registerSecretsCommand(program);
registerTlsCommand(program);
registerHardenCommand(program);
registerServeCommand(program);
registerCheckCommand(program);

await runCli(program, process.argv);
