import { AistackError } from '../errors.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { stopChildProcesses } from './compose-command.js';

/** How a long operation hears Ctrl-C (SIGINT) or SIGTERM. */
export interface Interrupts {
  /** Aborted at the first signal: start nothing new, finish or undo what is under way. */
  readonly signal: AbortSignal;
  /** The signal that came, once one did. */
  received(): NodeJS.Signals | undefined;
  /** What exiting at once (a second signal) leaves behind, said before the process exits; undefined: nothing. */
  setLeftBehind(describe: (() => string) | undefined): void;
}

export interface InterruptHandle extends Interrupts {
  /** Stop catching signals (the default handling comes back). */
  dispose(): void;
}

/** For callers that are never interrupted (tests, commands that do not catch signals). */
export function ignoreInterrupts(): Interrupts {
  return { signal: new AbortController().signal, received: () => undefined, setLeftBehind: () => undefined };
}

/**
 * Catch SIGINT and SIGTERM for as long as an operation runs. The first one aborts `signal` and
 * says `firstNote` (what happens now); a second one says what is left behind, stops the compose
 * processes aistack started (they run in their own process group, so a terminal's Ctrl-C does not
 * reach them half-way through creating containers) and exits at once with 130 (SIGINT) or 143.
 */
export function catchInterrupts(options: { readonly say: (line: string) => void; readonly firstNote: string }): InterruptHandle {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let leftBehind: (() => string) | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received === undefined) {
      received = signal;
      options.say(`\nInterrupted (${signal}): ${options.firstNote}. Press Ctrl-C again to exit at once.`);
      controller.abort(new Error(`interrupted by ${signal}`));
      return;
    }
    const left = leftBehind?.();
    options.say(`\nExiting at once (${signal} again).${left ? ` ${left}` : ''}`);
    stopChildProcesses();
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    setLeftBehind: (describe) => {
      leftBehind = describe;
    },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The exit code of a command that stopped because of a signal. */
export function interruptExitCode(signal: NodeJS.Signals | undefined): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/**
 * Run `work` catching SIGINT and SIGTERM (catchInterrupts) and let them go again when it ends.
 * The error `work` throws for a stop it obeyed (`interruptedCode`) leaves the process with the
 * signal's exit code, 130 or 143.
 */
export async function runInterruptible<T>(
  options: { readonly say: (line: string) => void; readonly firstNote: string; readonly interruptedCode: ErrorCode },
  work: (interrupts: Interrupts) => Promise<T>,
): Promise<T> {
  const interrupts = catchInterrupts(options);
  try {
    return await work(interrupts);
  } catch (error: unknown) {
    if (error instanceof AistackError && error.code === options.interruptedCode)
      throw Object.assign(error, { exitCode: interruptExitCode(interrupts.received()) });
    throw error;
  } finally {
    interrupts.dispose();
  }
}
