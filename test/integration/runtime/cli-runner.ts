import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
/** The built CLI (`npm run build`): what a user runs. */
export const cli = path.join(root, 'dist/cli/main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built CLI in `directory` to its end (killed after `timeoutMs`). */
export function runAistack(
  directory: string,
  args: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number } = {},
): Promise<CliResult> {
  return finished(startAistack(directory, args, options), options.timeoutMs ?? 240_000);
}

/** A running CLI: its process (in its own process group, as a terminal's foreground job) and what it printed so far. */
export interface RunningCli {
  readonly child: ChildProcess;
  output(): { readonly stdout: string; readonly stderr: string };
  /** Resolves once stderr matches `pattern` (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Send a signal to the whole process group, as Ctrl-C in a terminal does. */
  signalGroup(signal: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

export function startAistack(directory: string, args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv } = {}): RunningCli {
  const child = spawn(process.execPath, [cli, '-C', directory, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...(options.env ?? process.env), NO_COLOR: '1' },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 128), stdout, stderr }));
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(stderr)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`stderr never matched ${pattern}:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        void done.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            if (pattern.test(stderr)) resolve();
            else reject(new Error(`the CLI ended before stderr matched ${pattern}:\n${stderr}`));
          }
        });
        check();
      }),
    signalGroup: (signal) => {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
    done,
  };
}

async function finished(running: RunningCli, timeoutMs: number): Promise<CliResult> {
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  try {
    return await running.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Container id, state and health of every container of a compose project, by service. */
export async function projectContainers(
  project: string,
): Promise<Record<string, { id: string; state: string; health: string; startedAt: string }>> {
  const ids = (await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).stdout
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return {};
  const { stdout } = await run('docker', [
    'inspect',
    '--format',
    '{{index .Config.Labels "com.docker.compose.service"}} {{.Id}} {{.State.Status}} {{if ' +
      '.State.Health}}{{.State.Health.Status}}{{else}}-{{end}} {{.State.StartedAt}}',
    ...ids,
  ]);
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const [service, id, state, health, startedAt] = line.split(' ');
        return [service!, { id: id!, state: state!, health: health!, startedAt: startedAt! }];
      }),
  );
}
