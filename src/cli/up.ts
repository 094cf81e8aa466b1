import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { resolveProjectPaths } from '../project/paths.js';
import { createDefaultPreflight } from '../runtime/default-preflight.js';
import { deployProject } from '../runtime/deploy-project.js';
import { declaredServices } from '../runtime/open-project.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { deploySwarm } from '../runtime/swarm/deploy-swarm.js';
import { chooseStackName } from '../runtime/stack-owner.js';
import { initProject } from './init.js';
import { takeStackLock } from './locked.js';
import { pullDeclaredModels } from './pull-declared-models.js';
import { commandOutput, projectDirectory } from './output.js';
import { ensureImagesForDeploy, runtimeOutputOptions } from './runtime-output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

export function registerUpCommand(program: Command): void {
  const command = program
    .command('up')
    .description(
      'Create the starter stack if there is no aistack.yaml, check that every image is here (pulling what can be pulled), generate secrets and TLS, render, check, then start every service in dependency order',
    )
    .option('--force', 'record a new revision even when nothing changed')
    .option('--json', 'print one JSON object per line: notes, image pulls, service progress, then the result (event "up")');
  addRuntimeTargetOption(command)
    .hook('preAction', takeStackLock)
    .action(async (options: { force?: boolean; json?: boolean; target?: string }, command: Command) => {
      const output = commandOutput(command);
      const directory = projectDirectory(command);
      const paths = resolveProjectPaths(directory);
      // Docker first: on a host without it, say what is missing before writing anything.
      const context = await createRuntimeContext(paths, { ...runtimeOutputOptions(output), interruptible: true });
      try {
        if (
          !(await access(paths.manifest).then(
            () => true,
            () => false,
          ))
        ) {
          const chosen = await chooseStackName(context.engine, paths, 'aistack');
          if (chosen.note) output.note(`Note: ${chosen.note}.`);
          await initProject(directory, { preset: 'starter', name: chosen.name, domain: 'ai.localhost' });
          output.note(
            `No aistack.yaml in ${paths.directory}: created the starter stack (edit it and run \`aistack deploy\` to change it).`,
          );
        }
        const project = await loadProject(directory);
        await ensureImagesForDeploy(context, project.stack, output);
        const outcome =
          chooseRuntimeTarget(options.target, project.manifest) === 'swarm'
            ? await deploySwarm(context, project, createDefaultPreflight(), { force: options.force ?? false })
            : await deployProject(context, project, createDefaultPreflight(), { force: options.force ?? false });
        // After a healthy rollout (Ollama is healthy): the declared models that are missing. A failed pull is a warning, never a failed rollout.
        if (project.stack.models?.pullOnDeploy !== false) await pullDeclaredModels(project, context.engine, output);
        const urls = declaredServices(project.stack).filter((service) => service.url !== '');
        output.event('up', {
          stack: project.stack.name,
          revision: outcome.revision.id,
          status: outcome.status,
          urls: Object.fromEntries(urls.map((service) => [service.id, service.url])),
        });
        output.info(
          [
            `Stack ${project.stack.name} is up (revision ${outcome.revision.id}).`,
            ...urls.map((service) => `  ${service.id.padEnd(16)} ${service.url}`),
            'Next: `aistack status`, `aistack logs -f`.',
          ].join('\n'),
        );
      } finally {
        context.close();
      }
    });
}
