import os from 'node:os';
import type { ProjectPaths } from '../project/paths.js';
import type { ComposeCommand } from './compose-command.js';
import { detectCompose } from './compose-command.js';
import type { Engine } from './engine.js';
import type { Interrupts } from './interrupts.js';
import { catchInterrupts, ignoreInterrupts } from './interrupts.js';
import { createEngine } from './engine.js';
import type { ProgressRenderer } from './progress-renderer.js';
import { createProgressRenderer } from './progress-renderer.js';
import type { StateStore } from './state-store.js';
import { openStateStore } from './state-store.js';

/** Everything the runtime commands share: the engine, compose, the state store and where to print. */
export interface RuntimeContext {
  readonly paths: ProjectPaths;
  readonly engine: Engine;
  /**
   * The compose program, found on first use (and once per process): most commands talk to the Engine
   * only, and finding compose costs seconds (Debian's docker-compose 1.29 is a Python program).
   */
  readonly compose: () => Promise<ComposeCommand>;
  readonly store: StateStore;
  /** Human output (progress, notes). */
  readonly say: (line: string) => void;
  readonly createProgress: () => ProgressRenderer;
  readonly user: string;
  readonly host: string;
  readonly pid: number;
  readonly now: () => Date;
  /** Ctrl-C and SIGTERM during a rollout (never aborted unless the command catches them). */
  readonly interrupts: Interrupts;
  close(): void;
}

export interface RuntimeContextOptions {
  readonly engine?: Engine;
  readonly say?: (line: string) => void;
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly tty?: boolean;
  /** Replaces the rollout's progress lines (JSON events, or nothing when quiet). */
  readonly createProgress?: () => ProgressRenderer;
  /**
   * Catch SIGINT/SIGTERM until close(): the first stops the rollout and puts the last healthy
   * revision back, a second exits at once. @default false
   */
  readonly interruptible?: boolean;
}

/** Connect to Docker (fails with an install hint when it is missing) and open the state store. */
export async function createRuntimeContext(paths: ProjectPaths, options: RuntimeContextOptions = {}): Promise<RuntimeContext> {
  const engine = options.engine ?? createEngine();
  await engine.info();
  const store = openStateStore(paths.stateDatabase);
  const stream = options.stream ?? process.stderr;
  const say = options.say ?? ((line: string) => stream.write(`${line}\n`));
  const interrupts = options.interruptible
    ? catchInterrupts({ say, firstNote: 'no further service starts, and the stack goes back to the last healthy revision' })
    : undefined;
  return {
    paths,
    engine,
    compose: detectCompose,
    store,
    say,
    createProgress: options.createProgress ?? (() => createProgressRenderer(stream, options.tty === undefined ? {} : { tty: options.tty })),
    user: safeUser(),
    host: os.hostname(),
    pid: process.pid,
    now: () => new Date(),
    interrupts: interrupts ?? ignoreInterrupts(),
    close: () => {
      interrupts?.dispose();
      store.close();
    },
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? String(process.getuid?.() ?? 'unknown');
  }
}
