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
      throw new TlsError('AIS_TLS_PROXY_CONFIG_INVALID', {
        container: name,
        reloaded,
        output: test.output,
        hint: 'fix what nginx names above (a file under proxy/ or .aistack/tls/live), then `aistack tls reload`',
      });
    }
    const workersBefore = await nginxWorkers(options.docker, info.Id, name);
    const reload = await execIn(options.docker, info.Id, ['nginx', '-s', 'reload'], timeoutMs, name);
    if (reload.exitCode !== 0) {
      throw new TlsError('AIS_TLS_PROXY_RELOAD_FAILED', {
        container: name,
        reloaded,
        output: reload.output,
        hint: `\`aistack restart ${service}\` starts it afresh (open connections are dropped)`,
      });
    }
    if (!(await awaitNewWorkers(options.docker, info.Id, name, workersBefore, timeoutMs))) {
      throw new TlsError('AIS_TLS_PROXY_RELOAD_FAILED', {
        container: name,
        reloaded,
        timeoutMs,
        hint: `its log says why (\`aistack logs ${service}\`); \`aistack tls reload\` tries again`,
      });
    }
    reloaded.push(name);
  }
  return { reloaded };
}

const WORKER_TITLE = 'nginx: worker process';
const WORKER_POLL_MS = 50;

/**
 * `nginx -s reload` returns once the signal is sent; the master then reads the configuration,
 * starts new workers and tells the old ones to stop accepting connections (their title becomes
 * "… is shutting down"). The reload has taken effect when a new worker runs and no old one still
 * accepts. Read through the Engine's `top` (the host's ps), so the proxy image needs no tools.
 */
async function awaitNewWorkers(docker: Docker, id: string, name: string, before: ReadonlySet<string>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await nginxWorkers(docker, id, name);
    const fresh = [...now].some((pid) => !before.has(pid));
    const oldStillAccepting = [...now].some((pid) => before.has(pid));
    if (fresh && !oldStillAccepting) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, WORKER_POLL_MS));
  }
}

/** The PIDs of the container's nginx workers that accept connections (not those shutting down). */
async function nginxWorkers(docker: Docker, id: string, name: string): Promise<Set<string>> {
  let top: { Titles?: string[]; Processes?: string[][] };
  try {
    top = (await docker.getContainer(id).top({ ps_args: '-o pid,args' })) as typeof top;
  } catch (error: unknown) {
    throw wrapDockerError(error, `list the processes of ${name}`);
  }
  const titles = top.Titles ?? [];
  const pidColumn = titles.indexOf('PID');
  const argsColumn = titles.findIndex((title) => title === 'COMMAND' || title === 'ARGS' || title === 'CMD');
  return new Set((top.Processes ?? []).filter((row) => row[argsColumn]?.trim() === WORKER_TITLE).map((row) => row[pidColumn] ?? ''));
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
