import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { createDefaultPreflight } from '../runtime/default-preflight.js';
import { deployProject } from '../runtime/deploy-project.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { takeStackLock } from './locked.js';
import { projectDirectory } from './output.js';

export function registerDeployCommand(program: Command): void {
  program
    .command('deploy')
    .description('Apply the current aistack.yaml as a new revision; roll back automatically if it does not end healthy')
    .option('--force', 'record a new revision even when nothing changed')
    .hook('preAction', takeStackLock)
    .action(async (options: { force?: boolean }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const context = await createRuntimeContext(project.paths, { interruptible: true });
      try {
        const outcome = await deployProject(context, project, createDefaultPreflight(), { force: options.force ?? false });
        process.stdout.write(
          outcome.status === 'unchanged'
            ? `No changes; revision ${outcome.revision.id} is running and healthy.\n`
            : `Revision ${outcome.revision.id} deployed and healthy.\n`,
        );
      } finally {
        context.close();
      }
    });
}
