import { Command } from 'commander';
import { COMMANDS } from './commands.js';

/** Global options that take a value, so the command name can be found after them. */
const VALUE_OPTIONS = new Set(['-C', '--directory']);

/** The first argument that is not a global option: the command the user asked for, if any. */
export function findCommandName(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (VALUE_OPTIONS.has(arg)) {
      index += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

/**
 * The `aistack` program. With `args`, only the requested command's module is loaded; without
 * one (help, a typo) every command is, so help lists them all and commander can suggest one.
 */
export async function createProgram(args?: readonly string[]): Promise<Command> {
  const program = new Command('aistack')
    .description('Generate, check, run, watch and back up a self-hosted AI stack from one manifest (aistack.yaml).')
    .option('-C, --directory <dir>', 'project directory', '.')
    .option('--debug', 'show stack traces on errors')
    .option('--no-wait', 'when another aistack command is changing the stack, exit at once instead of waiting for it')
    .showHelpAfterError('(run with --help for usage)');
  const name = args ? findCommandName(args) : undefined;
  const requested = name === undefined ? undefined : COMMANDS.find((command) => command.names.includes(name));
  for (const command of requested ? [requested] : COMMANDS) (await command.load())(program);
  return program;
}
