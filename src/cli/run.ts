import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { AistackError, ProjectError } from '../errors.js';
import { releaseStackLocks } from '../runtime/held-locks.js';
import { printAistackError } from './print-error.js';

/** Parse and run; print errors for people (message + hint), stack traces only with --debug. */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  program.exitOverride();
  try {
    await program.parseAsync([...argv]);
  } catch (error: unknown) {
    process.exitCode = reportError(error, argv.includes('--debug'), argv.includes('--json'));
  } finally {
    releaseStackLocks();
  }
}

/** File-system errors no command turned into its own: coded, with the path and what to do. */
const ACCESS_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

export function toAistackError(error: unknown): unknown {
  if (error instanceof AistackError) return error;
  const errno = error as NodeJS.ErrnoException;
  const reason = typeof errno?.code === 'string' ? ACCESS_CODES[errno.code] : undefined;
  if (reason && typeof errno.path === 'string') {
    return new ProjectError('AIS_PROJECT_ACCESS_DENIED', {
      syscall: errno.syscall,
      path: errno.path,
      reason,
      hint: `run as the owner of ${errno.path}, or give this user access (\`ls -ld ${errno.path}\` shows the owner)`,
      cause: error,
    });
  }
  return error;
}

export function reportError(error: unknown, debug: boolean, json = false): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (help, version, unknown option).
    return error.exitCode === 0 ? 0 : 2;
  }
  const translated = toAistackError(error);
  if (translated instanceof AistackError) {
    for (const problem of [translated, ...translated.related]) printAistackError(problem);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({
          event: 'error',
          errors: [translated, ...translated.related].map((problem) => ({
            code: problem.code,
            message: problem.message,
            ...(problem.location ? { location: problem.location } : {}),
            ...(problem.hint ? { hint: problem.hint } : {}),
          })),
        })}\n`,
      );
    }
    if (debug && translated.stack) process.stderr.write(`${translated.stack}\n`);
    return typeof (translated as { exitCode?: unknown }).exitCode === 'number'
      ? (translated as unknown as { exitCode: number }).exitCode
      : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ event: 'error', errors: [{ message }] })}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('hint: run again with --debug for details\n');
  return 1;
}
