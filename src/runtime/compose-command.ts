import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { DockerError } from '../errors.js';
import { INSTALL_DOCKER_HINT } from './docker-error.js';

/** The compose program found on this host: `docker compose` (v2) or `docker-compose` (v1). */
export interface ComposeCommand {
  readonly program: string;
  /** Arguments that come before compose's own (`['compose']` for v2). */
  readonly prefix: readonly string[];
  readonly version: string;
  readonly major: 1 | 2;
}

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a program without a shell; never throws for a non-zero exit (the caller decides). */
export function runProcess(
  program: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number; readonly input?: string } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    // Its own process group: a terminal's Ctrl-C reaches aistack alone, which then decides (let
    // compose finish creating containers and roll back); stopChildProcesses ends them on a forced exit.
    const child = spawn(program, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-64_000);
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stopGroup(child), options.timeoutMs);
    child.on('error', (error) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

const running = new Set<ChildProcess>();

/** Stop every program runProcess started that still runs (a forced exit must not leave compose working alone). */
export function stopChildProcesses(): void {
  for (const child of running) stopGroup(child);
}

/** SIGTERM to the child's whole process group (`docker compose` runs the plugin as a child of its own). */
function stopGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

let detected: Promise<ComposeCommand> | undefined;

/** Find compose once per process: v2 plugin first, then Debian's docker-compose v1. */
export function detectCompose(): Promise<ComposeCommand> {
  detected ??= findCompose().catch((error: unknown) => {
    detected = undefined;
    throw error;
  });
  return detected;
}

async function findCompose(): Promise<ComposeCommand> {
  const v2 = await runProcess('docker', ['compose', 'version', '--short'], { timeoutMs: 20_000 }).catch(() => undefined);
  if (v2?.code === 0 && /^v?2\./.test(v2.stdout.trim())) {
    return { program: 'docker', prefix: ['compose'], version: v2.stdout.trim().replace(/^v/, ''), major: 2 };
  }
  const v1 = await runProcess('docker-compose', ['version', '--short'], { timeoutMs: 20_000 }).catch(() => undefined);
  if (v1?.code === 0) {
    const version = v1.stdout.trim().replace(/^v/, '');
    return { program: 'docker-compose', prefix: [], version, major: version.startsWith('1.') ? 1 : 2 };
  }
  throw new DockerError('AIS_DOCKER_COMPOSE_MISSING', {
    hint: INSTALL_DOCKER_HINT,
  });
}
