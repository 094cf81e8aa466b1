import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { DockerError } from '../errors.js';
import { downStack } from '../runtime/down-stack.js';
import { openProject } from '../runtime/open-project.js';
import { createSwarmEngine } from '../runtime/swarm/swarm-engine.js';
import { downSwarm } from '../runtime/swarm/swarm-operations.js';
import { takeStackLock } from './locked.js';
import { commandOutput, projectDirectory } from './output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

export function registerDownCommand(program: Command): void {
  const command = program
    .command('down')
    .description("Stop and remove the stack's containers and networks; data volumes stay unless --volumes")
    .option('--volumes', 'also delete the data volumes (asks first; names what will be lost)')
    .option('-y, --yes', 'do not ask (needed with --volumes when there is no terminal)');
  addRuntimeTargetOption(command)
    .hook('preAction', takeStackLock)
    .action(async (options: { volumes?: boolean; yes?: boolean; target?: string }, command: Command) => {
      const opened = await openProject(projectDirectory(command));
      try {
        if (chooseRuntimeTarget(options.target, opened.project?.manifest) === 'swarm') {
          if (options.volumes) {
            throw new DockerError('AIS_SWARM_VOLUMES_KEPT', {
              hint: 'run `aistack down --target swarm`, then `docker volume rm` on the data node',
            });
          }
          await downSwarm(opened.context, createSwarmEngine(opened.context.engine.docker), opened.stackName);
          return;
        }
        if (options.volumes) {
          const volumes = await opened.context.engine.listVolumes(opened.stackName);
          if (volumes.length > 0 && !options.yes) {
            const list = volumes.map((volume) => `  ${volume}`).join('\n');
            if (!process.stdin.isTTY) {
              throw new DockerError('AIS_RUNTIME_CONFIRM_REQUIRED', {
                volumes,
                hint: 'run `aistack backup` first if you need the data, then repeat with --yes',
              });
            }
            process.stdout.write(`These volumes and all data in them will be deleted:\n${list}\n`);
            const readline = createInterface({ input: process.stdin, output: process.stdout });
            const answer = await readline.question(`Type the stack name (${opened.stackName}) to confirm: `);
            readline.close();
            if (answer.trim() !== opened.stackName) {
              process.stdout.write('Nothing was deleted.\n');
              return;
            }
          }
        }
        await downStack(opened.context, opened.stackName, { volumes: options.volumes ?? false });
        commandOutput(command).info(
          options.volumes
            ? `Stack ${opened.stackName} removed with its volumes.`
            : `Stack ${opened.stackName} stopped; volumes kept (\`aistack up\` brings it back with its data).`,
        );
      } finally {
        opened.context.close();
      }
    });
}
