import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { BackupError } from '../errors.js';

/**
 * Where a backup tool runs: on this host (tests, or a host-installed PostgreSQL) or inside the
 * stack's container (`docker exec -i`). Strategies only ever talk to this interface, so the same
 * code backs up a loopback PostgreSQL in tests and the stack's container in production.
 */
export interface Executor {
  /** For messages: `host` or `container aistack-postgres-1`. */
  readonly description: string;
  spawn(argv: readonly string[], options?: SpawnOptions): ExecProcess;
}

export interface SpawnOptions {
  /** Extra environment (passed by name to docker exec, so values stay off the command line). */
  readonly environment?: Readonly<Record<string, string>>;
  readonly user?: string;
  readonly stdin?: boolean;
}

export interface ExecProcess {
  readonly stdin: Writable | null;
  readonly stdout: Readable;
  /** Resolves with the exit code and the last 8 KB of stderr. */
  readonly done: Promise<{ readonly code: number; readonly stderr: string }>;
  kill(): void;
}

export function createHostExecutor(): Executor {
  return {
    description: 'host',
    spawn: (argv, options = {}) =>
      startProcess(argv[0] ?? 'true', argv.slice(1), { ...process.env, ...options.environment }, options.stdin ?? false),
  };
}

/** Run inside a container with the docker CLI (`docker exec -i`), which streams both ways. */
export function createContainerExecutor(container: { readonly id: string; readonly name: string }, dockerProgram = 'docker'): Executor {
  return {
    description: `container ${container.name}`,
    spawn: (argv, options = {}) => {
      const environment = options.environment ?? {};
      const args = [
        'exec',
        ...(options.stdin ? ['-i'] : []),
        ...(options.user ? ['--user', options.user] : []),
        ...Object.keys(environment).flatMap((name) => ['--env', name]),
        container.id,
        ...argv,
      ];
      return startProcess(dockerProgram, args, { ...process.env, ...environment }, options.stdin ?? false);
    },
  };
}

function startProcess(program: string, args: readonly string[], environment: NodeJS.ProcessEnv, stdin: boolean): ExecProcess {
  const child = spawn(program, args, { env: environment, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8192);
  });
  const done = new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BackupError('AIS_BACKUP_TOOL_MISSING', {
          program,
          // Without a reason the template says the program is not installed.
          ...(error.code === 'ENOENT' ? {} : { reason: error.message }),
          hint:
            program === 'docker'
              ? 'install Docker (`apt-get install docker.io`)'
              : `install ${program} (PostgreSQL client tools: postgresql-client; Redis: redis-tools)`,
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
  });
  // A consumer that stops reading early must not leave an unhandled EPIPE behind.
  child.stdin?.on('error', () => undefined);
  return { stdin: child.stdin, stdout: child.stdout!, done, kill: () => child.kill('SIGTERM') };
}

/** Run to completion and return stdout as text; throws with the tool's stderr when it fails. */
export async function runToText(
  executor: Executor,
  argv: readonly string[],
  options: SpawnOptions & { readonly input?: string } = {},
): Promise<string> {
  const child = executor.spawn(argv, { ...options, stdin: options.input !== undefined });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  if (options.input !== undefined) child.stdin?.end(options.input);
  const result = await child.done;
  if (result.code !== 0) throw toolFailed(executor, argv, result);
  return Buffer.concat(chunks).toString('utf8');
}

export function toolFailed(executor: Executor, argv: readonly string[], result: { code: number; stderr: string }): BackupError {
  const detail = result.stderr.trim().split('\n').slice(-6).join('\n');
  return new BackupError('AIS_BACKUP_TOOL_FAILED', {
    tool: argv[0] ?? '',
    executor: executor.description,
    exitCode: result.code,
    output: detail,
    hint: 'read the tool output above; `aistack status` shows whether the service is running',
  });
}
