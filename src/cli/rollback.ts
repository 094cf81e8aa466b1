import type { Command } from 'commander';
import { DockerError } from '../errors.js';
import { resolveProjectPaths } from '../project/paths.js';
import { rollbackTo } from '../runtime/deploy.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { commandOutput, projectDirectory } from './output.js';
import { runtimeOutputOptions } from './runtime-output.js';

export function registerRollbackCommand(program: Command): void {
  program
    .command('rollback')
    .description('Go back to a revision (default: the healthy one before the current); its files, images and aistack.yaml come back')
    .argument('[revision]', 'revision number from `aistack history`')
    .action(async (revision: string | undefined, _options: unknown, command: Command) => {
      const target = revision === undefined ? undefined : Number.parseInt(revision, 10);
      if (target !== undefined && (!Number.isInteger(target) || target < 1)) {
        throw new DockerError('AIS_RUNTIME_NO_REVISION', `"${revision}" is not a revision number`, {
          hint: 'run `aistack history` to see the revisions',
        });
      }
      const output = commandOutput(command);
      const context = await createRuntimeContext(resolveProjectPaths(projectDirectory(command)), runtimeOutputOptions(output));
      try {
        const outcome = await rollbackTo(context, target);
        output.info(`Rolled back: revision ${outcome.revision.id} (= revision ${outcome.revision.sourceRevision}) is healthy.`);
      } finally {
        context.close();
      }
    });
}
