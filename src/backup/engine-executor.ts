import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { wrapDockerError } from '../runtime/docker-error.js';
import type { ExecProcess, Executor } from './executor.js';

/**
 * `docker exec` through the Engine API (dockerode), streaming both ways with backpressure: no
 * docker CLI needed, so it also works from a container that reaches Docker through a socket
 * proxy (which must allow exec). Environment values go in the API request, never on a command line.
 */
export function createEngineExecutor(docker: Docker, container: { readonly id: string; readonly name: string }): Executor {
  return {
    description: `container ${container.name}`,
    spawn(argv, options = {}): ExecProcess {
      const stdout = new PassThrough();
      const stdin = options.stdin ? new PassThrough() : null;
      let stderr = '';
      let socket: Duplex | undefined;
      let killed = false;
      const done = (async () => {
        try {
          const exec = await docker.getContainer(container.id).exec({
            Cmd: [...argv],
            AttachStdout: true,
            AttachStderr: true,
            AttachStdin: stdin !== null,
            Tty: false,
            ...(options.user ? { User: options.user } : {}),
            ...(options.environment ? { Env: Object.entries(options.environment).map(([name, value]) => `${name}=${value}`) } : {}),
          });
          const stream = await exec.start({ hijack: true, stdin: stdin !== null });
          socket = stream;
          if (killed) stream.destroy();
          let rest: Buffer = Buffer.alloc(0);
          await new Promise<void>((resolve, reject) => {
            stream.on('data', (chunk: Buffer) => {
              const { frames, rest: remaining } = splitFramesRaw(Buffer.concat([rest, chunk]));
              rest = remaining;
              let backedUp = false;
              for (const frame of frames) {
                if (frame.stream === 'stderr') stderr = (stderr + frame.data.toString('utf8')).slice(-8192);
                else if (!stdout.write(frame.data)) backedUp = true;
              }
              if (backedUp) {
                stream.pause();
                stdout.once('drain', () => stream.resume());
              }
            });
            stream.on('end', () => resolve());
            stream.on('close', () => resolve());
            stream.on('error', (error: Error) => (killed ? resolve() : reject(error)));
            if (stdin) {
              stdin.pipe(stream);
              // The consumer may stop writing early (the tool exited): never an unhandled EPIPE.
              stream.on('error', () => undefined);
            }
          });
          stdout.end();
          const info = await exec.inspect();
          return { code: killed ? 143 : (info.ExitCode ?? 1), stderr };
        } catch (error: unknown) {
          stdout.end();
          throw wrapDockerError(error, `exec ${argv[0] ?? ''} in ${container.name}`);
        }
      })();
      return {
        stdin,
        stdout,
        done,
        kill: () => {
          killed = true;
          socket?.destroy();
        },
      };
    },
  };
}

/** Docker's multiplexed frames as raw bytes (splitFrames decodes to text, which binary dumps cannot survive). */
function splitFramesRaw(buffer: Buffer): { frames: { stream: 'stdout' | 'stderr'; data: Buffer }[]; rest: Buffer } {
  const frames: { stream: 'stdout' | 'stderr'; data: Buffer }[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset + 4);
    if (offset + 8 + length > buffer.length) break;
    frames.push({ stream: buffer[offset] === 2 ? 'stderr' : 'stdout', data: buffer.subarray(offset + 8, offset + 8 + length) });
    offset += 8 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}
