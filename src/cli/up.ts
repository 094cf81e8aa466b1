import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { resolveProjectPaths } from '../project/paths.js';
import { createDefaultPreflight } from '../runtime/default-preflight.js';
import { deployProject } from '../runtime/deploy-project.js';
import { declaredServices } from '../runtime/open-project.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { chooseStackName } from '../runtime/stack-owner.js';
import { initProject } from './init.js';
import { takeStackLock } from './locked.js';
import { projectDirectory } from './output.js';

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description(
      'Create the starter stack if there is no aistack.yaml, generate secrets and TLS, render, check, then start every service in dependency order',
    )
    .option('--force', 'record a new revision even when nothing changed')
    .hook('preAction', takeStackLock)
    .action(async (options: { force?: boolean }, command: Command) => {
      const directory = projectDirectory(command);
      const paths = resolveProjectPaths(directory);
      // Docker first: on a host without it, say what is missing before writing aistack.yaml.
      const context = await createRuntimeContext(paths, { interruptible: true });
      try {
        if (
          !(await access(paths.manifest).then(
            () => true,
            () => false,
          ))
        ) {
          const chosen = await chooseStackName(context.engine, paths, 'aistack');
          if (chosen.note) context.say(`Note: ${chosen.note}.`);
          await initProject(directory, { preset: 'starter', name: chosen.name, domain: 'ai.localhost' });
          context.say(
            `No aistack.yaml in ${paths.directory}: created the starter stack (edit it and run \`aistack deploy\` to change it).`,
          );
        }
        const project = await loadProject(directory);
        const outcome = await deployProject(context, project, createDefaultPreflight(), { force: options.force ?? false });
        const urls = declaredServices(project.stack).filter((service) => service.url !== '');
        process.stdout.write(`Stack ${project.stack.name} is up (revision ${outcome.revision.id}).\n`);
        for (const service of urls) process.stdout.write(`  ${service.id.padEnd(16)} ${service.url}\n`);
        process.stdout.write('Next: `aistack status`, `aistack logs -f`.\n');
      } finally {
        context.close();
      }
    });
}
