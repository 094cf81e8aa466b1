import type { Engine } from './engine.js';
import { wrapDockerError } from './docker-error.js';
import { logLines } from './log-frames.js';

export interface ExecResult {
  /** undefined when it did not finish within the time given. */
  readonly exitCode: number | undefined;
  /** stdout and stderr lines, in order. */
  readonly lines: readonly string[];
}

/** Run a command in a running container as `user` and collect its output (Engine API exec, no TTY). */
export async function execInContainer(
  engine: Engine,
  id: string,
  options: { readonly user: string; readonly command: readonly string[]; readonly timeoutMs: number },
): Promise<ExecResult> {
  try {
    const exec = await engine.docker
      .getContainer(id)
      .exec({ Cmd: [...options.command], User: options.user, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    stream.destroy();
    const lines = logLines(Buffer.concat(chunks), false).flatMap((frame) => (frame.text === '' ? [] : [frame.text]));
    return { exitCode: finished ? ((await exec.inspect()).ExitCode ?? undefined) : undefined, lines };
  } catch (error: unknown) {
    throw wrapDockerError(error, `exec in container ${id.slice(0, 12)}`);
  }
}
