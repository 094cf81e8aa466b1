import { Command, Help } from 'commander';
import { assertDirectory, assertWritableProject, findProjectDirectory } from '../project/find-project.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { COMMANDS } from './commands.js';
import { readAistackVersion } from '../util/aistack-version.js';

/** Global options that take a value, so the command name can be found after them. */
const VALUE_OPTIONS = new Set(['-C', '--directory']);

/** Commands that create a project where they are run, instead of looking for one in the parents. */
const CREATES_HERE = new Set(['init', 'completion']);

/** Commands (and subcommands) that write into the project: refused up front when they cannot. */
const WRITES = new Set([
  'init',
  'add',
  'remove',
  'render',
  'up',
  'deploy',
  'rollback',
  'secrets',
  'secrets rotate',
  'tls renew',
  'backup',
  'restore',
  'models pull',
]);

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

/** `secrets rotate` for the rotate subcommand of secrets. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

/**
 * The `aistack` program. With `args`, only the requested command's module is loaded; without
 * one (help, a typo) every command is, so help lists them all and commander can suggest one.
 */
export async function createProgram(args?: readonly string[]): Promise<Command> {
  const program = new Command('aistack')
    .description('Generate, check, run, watch and back up a self-hosted AI stack from one manifest (aistack.yaml).')
    .version(readAistackVersion(), '-V, --version', 'print the version')
    .option('-C, --directory <dir>', 'project directory; aistack uses it, or the nearest parent that holds an aistack.yaml', '.')
    .option('-q, --quiet', 'print only errors, warnings and the data asked for: no progress, notes or confirmations')
    .option('--debug', 'show stack traces on errors')
    .option('--no-wait', 'when another aistack command is changing the stack, exit at once instead of waiting for it')
    .showHelpAfterError('(run with --help for usage)');
  // Before any command runs: -C exists, the project is found (walking up like git), and a command
  // that writes the project can.
  program.hook('preAction', async (_program, action) => {
    const name = commandPath(action);
    const start = program.getOptionValue('directory') as string;
    const directory = CREATES_HERE.has(name.split(' ')[0] ?? '') ? await assertDirectory(start) : await findProjectDirectory(start);
    program.setOptionValue('directory', directory);
    if (WRITES.has(name)) await assertWritableProject(directory);
  });
  const name = args ? findCommandName(args) : undefined;
  // `help check` is the help of check: only check is loaded.
  const target = name === 'help' && args ? findCommandName(args.slice(args.indexOf('help') + 1)) : name;
  const requested = target === undefined ? undefined : COMMANDS.find((command) => command.names.includes(target));
  // `aistack --version` needs no command at all.
  if (name === undefined && args?.some((arg) => arg === '-V' || arg === '--version')) return program;
  if (args && !requested) {
    // Help, no command, or a typo: the list of commands is all that is shown, so it comes from
    // their summaries instead of loading every command module (Docker, fastify, SQLite …).
    addCommandSummaries(program);
    return program;
  }
  for (const command of requested ? [requested] : COMMANDS) (await command.load())(program);
  return program;
}

/** Commands by name and description only: enough for `aistack --help` and "did you mean …?". */
function addCommandSummaries(program: Command): void {
  const terms = new Map(COMMAND_SUMMARIES.map((summary) => [summary.name, summary.term]));
  const help = new Help();
  program.configureHelp({ subcommandTerm: (command) => terms.get(command.name()) ?? help.subcommandTerm(command) });
  for (const summary of COMMAND_SUMMARIES) program.command(summary.name).description(summary.description);
}
