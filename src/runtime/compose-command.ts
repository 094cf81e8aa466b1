import { spawn } from 'node:child_process';
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
    const child = spawn(program, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-64_000);
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
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
  if (v2 && v2.code === 0 && /^v?2\./.test(v2.stdout.trim())) {
    return { program: 'docker', prefix: ['compose'], version: v2.stdout.trim().replace(/^v/, ''), major: 2 };
  }
  const v1 = await runProcess('docker-compose', ['version', '--short'], { timeoutMs: 20_000 }).catch(() => undefined);
  if (v1 && v1.code === 0) {
    const version = v1.stdout.trim().replace(/^v/, '');
    return { program: 'docker-compose', prefix: [], version, major: version.startsWith('1.') ? 1 : 2 };
  }
  throw new DockerError('AIS_DOCKER_COMPOSE_MISSING', 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed', {
    hint: INSTALL_DOCKER_HINT,
  });
}
