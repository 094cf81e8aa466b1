import type { Command } from 'commander';
import { openProject } from '../runtime/open-project.js';
import { restartServices } from '../runtime/restart-services.js';
import { restartSwarmServices } from '../runtime/swarm/restart-swarm.js';
import { createSwarmEngine } from '../runtime/swarm/swarm-engine.js';
import { takeStackLock } from './locked.js';
import { commandOutput, projectDirectory } from './output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

export function registerRestartCommand(program: Command): void {
  const restart = program
    .command('restart')
    .description('Restart services and wait until they are healthy again (on Swarm: a forced update, by its update order)')
    .argument('<services...>', 'services to restart');
  addRuntimeTargetOption(restart)
    .hook('preAction', takeStackLock)
    .action(async (services: string[], options: { target?: string }, command: Command) => {
      const opened = await openProject(projectDirectory(command));
      try {
        const swarm = chooseRuntimeTarget(options.target, opened.project?.manifest) === 'swarm';
        const restarted = swarm
          ? await restartSwarmServices(
              opened.context,
              createSwarmEngine(opened.context.engine.docker),
              opened.stackName,
              opened.plan,
              services,
            )
          : await restartServices(opened.context, opened.stackName, opened.plan, services);
        for (const result of restarted) {
          commandOutput(command).info(`${result.service} restarted: ${result.state} after ${result.seconds.toFixed(1)}s`);
        }
      } finally {
        opened.context.close();
      }
    });
}
