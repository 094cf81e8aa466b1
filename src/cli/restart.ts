import type { Command } from 'commander';
import { openProject } from '../runtime/open-project.js';
import { restartServices } from '../runtime/restart-services.js';
import { takeStackLock } from './locked.js';
import { commandOutput, projectDirectory } from './output.js';

export function registerRestartCommand(program: Command): void {
  program
    .command('restart')
    .description('Restart services and wait until they are healthy again')
    .argument('<services...>', 'services to restart')
    .hook('preAction', takeStackLock)
    .action(async (services: string[], _options: unknown, command: Command) => {
      const opened = await openProject(projectDirectory(command));
      try {
        for (const result of await restartServices(opened.context, opened.stackName, opened.plan, services)) {
          commandOutput(command).info(`${result.service} restarted: ${result.state} after ${result.seconds.toFixed(1)}s`);
        }
      } finally {
        opened.context.close();
      }
    });
}
