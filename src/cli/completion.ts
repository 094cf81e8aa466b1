import type { Command } from 'commander';
import { ManifestError } from '../errors.js';
import { createProgram } from './program.js';
import { COMPLETION_SHELLS, renderCompletion } from './render-completion.js';
import type { CompletionShell } from './render-completion.js';

export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('Print the shell completion script for bash, zsh or fish (e.g. `source <(aistack completion bash)` in ~/.bashrc)')
    .argument('<shell>', COMPLETION_SHELLS.join(', '))
    .action(async (shell: string) => {
      if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
        throw new ManifestError('AIS_CLI_UNKNOWN_SHELL', {
          shell,
          hint: `use one of: ${COMPLETION_SHELLS.map((name) => `aistack completion ${name}`).join(', ')}`,
        });
      }
      // Every command, not only this one (see createProgram).
      process.stdout.write(renderCompletion(await createProgram(), shell as CompletionShell));
    });
}
