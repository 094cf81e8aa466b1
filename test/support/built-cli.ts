import { spawn } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import path from 'node:path';

/** dist/cli/main.js: the CLI as a user runs it (`npm run build` first). */
export const BUILT_CLI = path.resolve(import.meta.dirname, '../../dist/cli/main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Run as the nobody user (when the tests run as root, to meet permissions as a user would). */
  readonly asNobody?: boolean;
  /** Close the reading end of stdout at once, as `| true` (or `| head -1`, once it has its line) does. */
  readonly closeStdout?: boolean;
}

/** Run the built CLI and collect its output; never rejects for a non-zero exit. */
export function runBuiltCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  const nobody = options.asNobody === true && process.getuid?.() === 0;
  const [program, argv] = nobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BUILT_CLI, ...args]]
    : [process.execPath, [BUILT_CLI, ...args]];
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = ['ignore', 'pipe', 'pipe'];
    const child = spawn(program, argv, { cwd: options.cwd, stdio, env: { ...(options.env ?? process.env), NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout!.destroy();
    else child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
