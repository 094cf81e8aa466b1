import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { TlsError } from '../errors.js';
import { wrapDockerError } from '../runtime/docker-error.js';
import { listStackContainers } from '../runtime/stack-containers.js';

const OUTPUT_MAX = 4000;

export interface ProxyReloadOptions {
  readonly docker: Docker;
  /** Compose project (the stack's name). */
  readonly project: string;
  /** @default 'proxy' */
  readonly service?: string;
  /** Per command in the container. @default 20 s */
  readonly timeoutMs?: number;
}

export interface ProxyReloadOutcome {
  /** Names of the proxy containers that reloaded; empty when none runs. */
  readonly reloaded: readonly string[];
}

/**
 * Make a running proxy serve the certificate (and configuration) now on disk, without dropping a
 * connection: `nginx -t` in each proxy container first, then `nginx -s reload` (the master starts
 * new workers; old ones finish their requests). When the test fails nothing is signalled, so the
 * proxy keeps serving its current configuration and certificate, and the error carries nginx's
 * own message. Needs the Engine's exec API (the CLI, or `aistack serve` on the host; the stack's
 * socket proxy refuses exec).
 */
export async function reloadProxy(options: ProxyReloadOptions): Promise<ProxyReloadOutcome> {
  const service = options.service ?? 'proxy';
  const timeoutMs = options.timeoutMs ?? 20_000;
  let containers: Docker.ContainerInfo[];
  try {
    containers = await listStackContainers(options.docker, options.project, { service, status: ['running'] });
  } catch (error: unknown) {
    throw wrapDockerError(error, `list the ${service} containers`);
  }
  const reloaded: string[] = [];
  for (const info of containers) {
    const name = (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, '');
    const test = await execIn(options.docker, info.Id, ['nginx', '-t'], timeoutMs, name);
    if (test.exitCode !== 0) {
      throw new TlsError(
        'AIS_TLS_PROXY_CONFIG_INVALID',
        `nginx -t failed in ${name}${reloadedSoFar(reloaded)}, so it was not reloaded and keeps serving its current configuration and certificate:\n${test.output}`,
        { hint: 'fix what nginx names above (a file under proxy/ or .aistack/tls/live), then `aistack tls reload`' },
      );
    }
    const reload = await execIn(options.docker, info.Id, ['nginx', '-s', 'reload'], timeoutMs, name);
    if (reload.exitCode !== 0) {
      throw new TlsError(
        'AIS_TLS_PROXY_RELOAD_FAILED',
        `nginx -s reload failed in ${name}${reloadedSoFar(reloaded)}; it keeps serving its current configuration:\n${reload.output}`,
        { hint: `\`aistack restart ${service}\` starts it afresh (open connections are dropped)` },
      );
    }
    reloaded.push(name);
  }
  return { reloaded };
}

function reloadedSoFar(reloaded: readonly string[]): string {
  return reloaded.length === 0 ? '' : ` (${reloaded.join(', ')} did reload)`;
}

/** Run a command in a container through the Engine API; its exit code and output (both streams). */
async function execIn(
  docker: Docker,
  id: string,
  command: readonly string[],
  timeoutMs: number,
  name: string,
): Promise<{ exitCode: number | undefined; output: string }> {
  try {
    const exec = await docker.getContainer(id).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    let output = '';
    const collect = new PassThrough();
    collect.on('data', (chunk: Buffer) => {
      if (output.length < OUTPUT_MAX) output += chunk.toString('utf8');
    });
    docker.modem.demuxStream(stream, collect, collect);
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    stream.destroy();
    const text = output.trim().slice(0, OUTPUT_MAX);
    if (!finished) return { exitCode: undefined, output: `${command.join(' ')} did not finish within ${timeoutMs} ms\n${text}`.trim() };
    return { exitCode: (await exec.inspect()).ExitCode ?? undefined, output: text };
  } catch (error: unknown) {
    throw wrapDockerError(error, `${command.join(' ')} in ${name}`);
  }
}
