import type { Command } from 'commander';
import { resolveProjectPaths } from '../project/paths.js';
import { acquireStackLock } from '../runtime/stack-lock.js';
import { projectDirectory } from './output.js';

/**
 * A `preAction` hook for every command that changes the running stack: the command runs holding
 * the project's lock (src/runtime/stack-lock.ts), so a second such command waits for it, saying
 * for what, or with the global `--no-wait` fails at once (AIS_RUNTIME_LOCKED). The lock is
 * released when the command ends (runCli), or at the latest when the process exits. One line per
 * command, before its action: `.hook('preAction', takeStackLock)`.
 */
export async function takeStackLock(hooked: Command, command: Command): Promise<void> {
  // commander also runs a command's hooks for its subcommands (`backup list` under `backup`).
  if (hooked !== command) return;
  await lockStackFor(command);
}

/** The same from inside an action, for a command that must look before it writes anything (`up`: images first). */
export async function lockStackFor(command: Command): Promise<void> {
  const options = command.optsWithGlobals();
  await acquireStackLock(resolveProjectPaths(projectDirectory(command)), {
    command: commandPath(command),
    wait: options.wait !== false,
    say: (line) => process.stderr.write(`${line}\n`),
  });
}

/** `secrets rotate`: the command's name under the program's. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}
