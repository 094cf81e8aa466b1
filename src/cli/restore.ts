import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { createDockerResolver } from '../backup/docker-resolver.js';
import type { BackupResolver } from '../backup/resolver.js';
import { loadBackupKey, resolveKeyPath } from '../backup/key-file.js';
import { CONFIG_SELECTOR } from '../backup/plan.js';
import { runRestore } from '../backup/run-restore.js';
import { resolveBackupSettings } from '../backup/settings.js';
import { AistackError, BackupError } from '../errors.js';
import { loadProject } from '../project/load.js';
import type { Project } from '../project/load.js';
import { resolveProjectPaths } from '../project/paths.js';
import { createEngine } from '../runtime/engine.js';
import { runInterruptible } from '../runtime/interrupts.js';
import { claimProjectStack } from '../runtime/stack-owner.js';
import { pickArchive } from './backup.js';
import { takeStackLock } from './locked.js';
import { commandOutput, projectDirectory } from './output.js';

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('Restore an archive: every service, or the ones named (config: aistack.yaml, secrets and TLS). Asks before overwriting')
    .argument('<id>', 'archive id (see `aistack backup list`)')
    .argument('[services...]', 'services, databases or volumes to restore (default: all data; config only when named)')
    .option('-y, --yes', 'do not ask before overwriting')
    .hook('preAction', takeStackLock)
    .action(async (id: string, services: string[], options: { yes?: boolean }, command: Command) => {
      const directory = projectDirectory(command);
      const configOnly = services.length > 0 && services.every((name) => name === CONFIG_SELECTOR);
      let project: Project | undefined;
      try {
        project = await loadProject(directory);
      } catch (error: unknown) {
        // On a new machine the project files are what is being restored: no aistack.yaml yet.
        if (!(configOnly && error instanceof AistackError && error.code === 'AIS_MANIFEST_NOT_FOUND')) throw error;
      }
      const paths = project?.paths ?? resolveProjectPaths(directory);
      const backupsDirectory = project ? resolveBackupSettings(project.stack, paths).directory : paths.backups;
      const entry = await pickArchive(backupsDirectory, id);
      const key = await loadBackupKey(resolveKeyPath(paths));
      let resolver: BackupResolver | undefined;
      if (!configOnly && project) {
        const engine = createEngine();
        await engine.info();
        await claimProjectStack(engine, paths, project.stack.name);
        resolver = createDockerResolver({ stack: project.stack, paths, engine });
      }
      const say = (line: string): void => commandOutput(command).note(line);
      await runInterruptible(
        {
          say,
          firstNote: 'the part being restored finishes, nothing further is restored, and every service the restore stopped starts again',
          interruptedCode: 'AIS_BACKUP_INTERRUPTED',
        },
        async (interrupts) => {
          const result = await runRestore({
            entry,
            key,
            paths,
            selection: services,
            resolver,
            say,
            confirm: async (actions) => confirm(actions, options.yes === true),
            signal: interrupts.signal,
            onLeftBehind: (describe) => interrupts.setLeftBehind(describe),
          });
          process.stdout.write(result.restored ? `restored ${entry.id}\n` : 'nothing was changed\n');
        },
      );
    });
}

async function confirm(actions: readonly string[], yes: boolean): Promise<boolean> {
  const list = actions.map((action) => `  - ${action}`).join('\n');
  if (yes) {
    process.stderr.write(`restoring:\n${list}\n`);
    return true;
  }
  if (!process.stdin.isTTY) {
    throw new BackupError('AIS_BACKUP_CONFIRM_REQUIRED', {
      actions,
      hint: 'run it in a terminal to confirm, or pass --yes',
    });
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`This will:\n${list}\nContinue? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
