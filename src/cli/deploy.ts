import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { createDefaultPreflight } from '../runtime/default-preflight.js';
import { deployProject } from '../runtime/deploy-project.js';
import { ensureGpuHost } from '../runtime/ensure-gpu-host.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { deploySwarm } from '../runtime/swarm/deploy-swarm.js';
import { takeStackLock } from './locked.js';
import { pullDeclaredModels } from './pull-declared-models.js';
import { commandOutput, projectDirectory } from './output.js';
import { ensureImagesForDeploy, runtimeOutputOptions } from './runtime-output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

export function registerDeployCommand(program: Command): void {
  const command = program
    .command('deploy')
    .description('Apply the current aistack.yaml as a new revision; roll back automatically if it does not end healthy')
    .option('--force', 'record a new revision even when nothing changed')
    .option('--json', 'print one JSON object per line: notes, image pulls, service progress, then the result (event "deploy")');
  addRuntimeTargetOption(command)
    .hook('preAction', takeStackLock)
    .action(async (options: { force?: boolean; json?: boolean; target?: string }, command: Command) => {
      const output = commandOutput(command);
      const project = await loadProject(projectDirectory(command));
      const context = await createRuntimeContext(project.paths, { ...runtimeOutputOptions(output), interruptible: true });
      try {
        const target = chooseRuntimeTarget(options.target, project.manifest);
        // A GPU this host cannot give containers stops here, at its key, before any image is pulled.
        if (target === 'compose') await ensureGpuHost(project, { dockerRuntimes: (await context.engine.info()).runtimes });
        await ensureImagesForDeploy(context.engine, project.stack, output);
        const outcome =
          target === 'swarm'
            ? await deploySwarm(context, project, createDefaultPreflight(context.engine), { force: options.force ?? false })
            : await deployProject(context, project, createDefaultPreflight(context.engine), { force: options.force ?? false });
        // After a healthy rollout (Ollama is healthy): the declared models that are missing. A failed pull is a warning, never a failed rollout.
        if (project.stack.models?.pullOnDeploy !== false) await pullDeclaredModels(project, context.engine, output);
        output.event('deploy', { stack: project.stack.name, revision: outcome.revision.id, status: outcome.status });
        output.info(
          outcome.status === 'unchanged'
            ? `No changes; revision ${outcome.revision.id} is running and healthy.`
            : `Revision ${outcome.revision.id} deployed and healthy.`,
        );
      } finally {
        context.close();
      }
    });
}
