import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DockerError } from '../errors.js';
import { resolveProjectPaths } from '../project/paths.js';
import type { UndeployedEdits } from '../runtime/rollback.js';
import { rollbackTo } from '../runtime/rollback.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { createSwarmEngine } from '../runtime/swarm/swarm-engine.js';
import { rollbackSwarm } from '../runtime/swarm/swarm-operations.js';
import { loadProject } from '../project/load.js';
import { takeStackLock } from './locked.js';
import { commandOutput, projectDirectory } from './output.js';
import { runtimeOutputOptions } from './runtime-output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

export function registerRollbackCommand(program: Command): void {
  const command = program
    .command('rollback')
    .description('Go back to a revision (default: the healthy one before the current); its files, images and aistack.yaml come back')
    .argument('[revision]', 'revision number from `aistack history`')
    .option('-y, --yes', 'when aistack.yaml has changes that were never deployed, keep it as aistack.yaml.<time>.bak without asking');
  addRuntimeTargetOption(command)
    .hook('preAction', takeStackLock)
    .action(async (revision: string | undefined, options: { yes?: boolean; target?: string }, command: Command) => {
      const target = revision === undefined ? undefined : Number.parseInt(revision, 10);
      if (target !== undefined && (!Number.isInteger(target) || target < 1)) {
        throw new DockerError('AIS_RUNTIME_NO_REVISION', {
          argument: revision ?? '',
          hint: 'run `aistack history` to see the revisions',
        });
      }
      const output = commandOutput(command);
      const context = await createRuntimeContext(resolveProjectPaths(projectDirectory(command)), {
        ...runtimeOutputOptions(output),
        interruptible: true,
      });
      try {
        const manifest = await loadProject(projectDirectory(command)).then(
          (project) => project.manifest,
          () => undefined,
        );
        if (chooseRuntimeTarget(options.target, manifest) === 'swarm') {
          const back = await rollbackSwarm(context, createSwarmEngine(context.engine.docker), target);
          output.info(`Rolled back on the swarm: revision ${back.revision.id} (= revision ${back.revision.sourceRevision}) is healthy.`);
          return;
        }
        const outcome = await rollbackTo(context, target, {
          ...(options.yes ? { confirmOverwrite: async () => true } : process.stdin.isTTY ? { confirmOverwrite: askToKeep } : {}),
        });
        output.info(`Rolled back: revision ${outcome.revision.id} (= revision ${outcome.revision.sourceRevision}) is healthy.`);
      } finally {
        context.close();
      }
    });
}

async function askToKeep(edits: UndeployedEdits): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `aistack.yaml has changes that were never deployed (${edits.settings.join(', ') || 'formatting'}).\n` +
        `Keep it as ${path.basename(edits.keptAs)} and roll back? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
