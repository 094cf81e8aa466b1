import type { Command } from 'commander';
import { createDockerResolver } from '../backup/docker-resolver.js';
import { ensureBackupKey, resolveKeyPath } from '../backup/key-file.js';
import { loadProject } from '../project/load.js';
import { applyUpgrade } from '../runtime/apply-upgrade.js';
import { createDefaultPreflight } from '../runtime/default-preflight.js';
import { createEngine } from '../runtime/engine.js';
import { planProjectUpgrade } from '../runtime/plan-project-upgrade.js';
import { createRuntimeContext } from '../runtime/runtime-context.js';
import { renderUpgradePlan } from '../upgrade/render-plan.js';
import { takeStackLock } from './locked.js';
import { commandOutput, printJson, projectDirectory } from './output.js';
import { ensureImagesForDeploy, runtimeOutputOptions } from './runtime-output.js';
import { readAistackVersion } from '../util/aistack-version.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerUpgradeCommand(program: Command): void {
  const upgrade = program
    .command('upgrade')
    .description('Plan and apply image upgrades: breaking-change rules, a verified backup first, a rollback that restores the data');
  upgrade
    .command('plan')
    .description(
      "Per service: the version it runs, the catalog's pin and newer tags (registry or this host), each step safe, needs-migration or blocked, with the reason",
    )
    .option('--json', 'print the plan as JSON (for CI)')
    .option('--registry <host>', 'also look for newer tags in this registry (Registry HTTP API V2; repeatable)', collect, [])
    .action(async (options: { json?: boolean; registry: string[] }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const engine = createEngine();
      await engine.info();
      const plan = await planProjectUpgrade(engine, project, { registries: options.registry, now: new Date() });
      if (options.json) printJson(plan);
      else process.stdout.write(renderUpgradePlan(plan));
    });
  upgrade
    .command('apply')
    .description(
      'Upgrade services (default: every one with a step, to the catalog pin): verified backup, migration steps, ' +
        'health-gated rollout; on failure the images roll back and the data is restored',
    )
    .argument('[services...]', 'services to upgrade')
    .option('--to <version>', 'the tag to go to (one service)')
    .option('--accept <rule-id>', 'go ahead although this rule blocks the step (after doing its migration; repeatable)', collect, [])
    .option('--registry <host>', 'also look for newer tags in this registry (repeatable)', collect, [])
    .hook('preAction', takeStackLock)
    .action(async (services: string[], options: { to?: string; accept: string[]; registry: string[] }, command: Command) => {
      const output = commandOutput(command);
      const project = await loadProject(projectDirectory(command));
      const context = await createRuntimeContext(project.paths, { ...runtimeOutputOptions(output), interruptible: true });
      try {
        await context.engine.info();
        const plan = await planProjectUpgrade(context.engine, project, { registries: options.registry, now: context.now() });
        const { key, created } = await ensureBackupKey(resolveKeyPath(project.paths));
        if (created) output.note(`created the backup key ${resolveKeyPath(project.paths)}: keep a copy somewhere else`);
        const outcome = await applyUpgrade({
          context,
          project,
          plan,
          services,
          ...(options.to === undefined ? {} : { to: options.to }),
          accept: options.accept,
          preflight: createDefaultPreflight(context.engine),
          prepareImages: (upgraded) => ensureImagesForDeploy(context.engine, upgraded.stack, output),
          backup: {
            key,
            resolver: (current) => createDockerResolver({ stack: current.stack, paths: current.paths, engine: context.engine }),
            aistackVersion: readAistackVersion(),
          },
        });
        output.event('upgrade', {
          revision: outcome.revision,
          backup: outcome.backupId ?? null,
          steps: outcome.steps.map((chosen) => ({ service: chosen.service, from: chosen.from, to: chosen.step.to })),
        });
        output.info(
          `Upgraded ${outcome.steps.map((chosen) => `${chosen.service} to ${chosen.step.toTag}`).join(', ')}: revision ` +
            `${outcome.revision} is healthy` +
            `${outcome.backupId ? `; the pre-upgrade backup is ${outcome.backupId} (verified)` : ''}.`,
        );
      } finally {
        context.close();
      }
    });
}
