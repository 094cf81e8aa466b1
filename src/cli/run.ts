import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { AistackError } from '../errors.js';
import { releaseStackLocks } from '../runtime/held-locks.js';

/** Parse and run; print errors for people (message + hint), stack traces only with --debug. */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  program.exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error: unknown) {
    process.exitCode = reportError(error, argv.includes('--debug'));
  } finally {
    releaseStackLocks();
  }
}

export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (help, version, unknown option).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof AistackError) {
    process.stderr.write(`error: ${error.format()}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return typeof (error as { exitCode?: unknown }).exitCode === 'number' ? (error as unknown as { exitCode: number }).exitCode : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('hint: run again with --debug for details\n');
  return 1;
}
