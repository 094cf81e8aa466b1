import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadProject, resolveProjectText } from '../project/load.js';
import { resolveProjectPaths } from '../project/paths.js';
import { createEngine } from '../runtime/engine.js';
import { createDefaultPreflight } from '../runtime/default-preflight.js';
import { deployProject } from '../runtime/deploy-project.js';
import { ensureGpuHost } from '../runtime/ensure-gpu-host.js';
import { declaredServices } from '../runtime/open-project.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { deploySwarm } from '../runtime/swarm/deploy-swarm.js';
import { chooseStackName } from '../runtime/stack-owner.js';
import type { Stack } from '../stack/types.js';
import { isMissingFile } from '../util/is-missing-file.js';
import { initProject, renderInitText } from './init.js';
import { lockStackFor } from './locked.js';
import { pullDeclaredModels } from './pull-declared-models.js';
import { commandOutput, projectDirectory } from './output.js';
import { ensureImagesForDeploy, runtimeOutputOptions } from './runtime-output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

const STARTER = { preset: 'starter', domain: 'ai.localhost' } as const;

export function registerUpCommand(program: Command): void {
  const command = program
    .command('up')
    .description(
      'Create the starter stack if there is no aistack.yaml, check that every image is here (pulling what can be pulled), ' +
        'generate secrets and TLS, render, check, then start every service in dependency order',
    )
    .option('--force', 'record a new revision even when nothing changed')
    .option('--json', 'print one JSON object per line: notes, image pulls, service progress, then the result (event "up")');
  addRuntimeTargetOption(command).action(async (options: { force?: boolean; json?: boolean; target?: string }, command: Command) => {
    const output = commandOutput(command);
    const directory = projectDirectory(command);
    const paths = resolveProjectPaths(directory);
    // Docker first, then every image: on a host without them, say what is missing before
    // anything is written (no aistack.yaml, no .aistack/, not even the lock's state database).
    const engine = createEngine();
    const info = await engine.info();
    const hasManifest = await access(paths.manifest).then(
      () => true,
      (error: unknown) => !isMissingFile(error),
    );
    let starter: { readonly name: string; readonly note?: string | undefined } | undefined;
    let stack: Stack;
    if (hasManifest) {
      const project = await loadProject(directory);
      stack = project.stack;
      // A GPU this host cannot give containers stops here, at its key, before any image is pulled.
      if (chooseRuntimeTarget(options.target, project.manifest) === 'compose')
        await ensureGpuHost(project, { dockerRuntimes: info.runtimes });
    } else {
      starter = await chooseStackName(engine, paths, 'aistack');
      stack = resolveProjectText(paths, renderInitText(directory, { ...STARTER, name: starter.name })).stack;
    }
    await ensureImagesForDeploy(engine, stack, output);
    await lockStackFor(command);
    const context = await createRuntimeContext(paths, { ...runtimeOutputOptions(output), engine, interruptible: true });
    try {
      if (starter) {
        if (starter.note) output.note(`Note: ${starter.note}.`);
        await initProject(directory, { ...STARTER, name: starter.name });
        output.note(`No aistack.yaml in ${paths.directory}: created the starter stack (edit it and run \`aistack deploy\` to change it).`);
      }
      const project = await loadProject(directory);
      const outcome =
        chooseRuntimeTarget(options.target, project.manifest) === 'swarm'
          ? await deploySwarm(context, project, createDefaultPreflight(context.engine), { force: options.force ?? false })
          : await deployProject(context, project, createDefaultPreflight(context.engine), { force: options.force ?? false });
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
