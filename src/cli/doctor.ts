import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { resolveProjectPaths } from '../project/paths.js';
import { runDoctor } from '../runtime/doctor.js';
import { createEngine } from '../runtime/engine.js';
import { createImageRegistry } from '../runtime/image-registry.js';
import { printJson, projectDirectory } from './output.js';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check that this host can run the stack: Docker, compose, ports, memory, disk, GPU, images (here, or can they be ' +
        'pulled?), certificates — with the fix for each problem',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const directory = projectDirectory(command);
      const paths = resolveProjectPaths(directory);
      const project = (await access(paths.manifest).then(
        () => true,
        () => false,
      ))
        ? await loadProject(directory)
        : undefined;
      const engine = createEngine();
      const checks = await runDoctor(engine, paths, project?.stack, new Date(), { registry: createImageRegistry(engine.docker) });
      const failed = checks.some((check) => check.status === 'fail');
      if (options.json) printJson({ ok: !failed, checks });
      else {
        const symbol = { ok: '✓', warn: '!', fail: '✗' } as const;
        for (const check of checks) {
          process.stdout.write(`${symbol[check.status]} ${check.name}: ${check.detail}\n`);
          if (check.fix && check.status !== 'ok') process.stdout.write(`    fix: ${check.fix.split('\n').join('\n         ')}\n`);
        }
        if (!project) process.stdout.write('(no aistack.yaml here: only the host was checked)\n');
      }
      if (failed) process.exitCode = 1;
    });
}
