import Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { wrapDockerError } from './docker-error.js';
import { listStackContainers, projectOfLabels, serviceOfLabels } from './stack-containers.js';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const ONE_OFF_LABEL = 'com.docker.compose.oneoff';

/** What aistack needs to know about one container, translated from `docker inspect`. */
export interface ContainerState {
  readonly id: string;
  readonly name: string;
  readonly project: string;
  readonly service: string;
  readonly image: string;
  readonly imageId: string;
  readonly state: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  readonly health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  /** Output of the last health check, trimmed. */
  readonly lastHealthOutput: string | undefined;
  /** The container's effective health check (compose's or the image's); absent when it has none. */
  readonly healthCheck?: HealthCheckConfig;
  readonly exitCode: number;
  readonly createdAt: Date;
  readonly startedAt: Date | undefined;
  readonly finishedAt: Date | undefined;
  readonly restartCount: number;
  readonly tty: boolean;
  readonly ports: readonly { readonly hostIp: string; readonly hostPort: number; readonly containerPort: number }[];
  /** Networks the container is connected to now. */
  readonly networks: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface HealthCheckConfig {
  /** The command as Docker runs it: `['CMD', ...argv]` or `['CMD-SHELL', script]`. */
  readonly test: readonly string[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** What runs a CMD-SHELL test: the image's SHELL, else `/bin/sh -c` (as Docker does). */
  readonly shell: readonly string[];
}

export interface EngineEvent {
  readonly type: string;
  readonly action: string;
  readonly containerId: string;
  readonly service: string | undefined;
  readonly time: number;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface EngineInfo {
  readonly version: string;
  readonly apiVersion: string;
  readonly runtimes: readonly string[];
  readonly memoryBytes: number;
  readonly cpus: number;
  readonly dockerRoot: string;
  readonly storageDriver: string;
}

/** The Docker Engine API (dockerode) as aistack uses it: find by compose labels, inspect, events, logs. */
export interface Engine {
  readonly docker: Docker;
  info(): Promise<EngineInfo>;
  listContainers(project: string, service?: string): Promise<ContainerState[]>;
  inspect(id: string): Promise<ContainerState>;
  start(id: string): Promise<void>;
  restart(id: string, timeoutSeconds: number): Promise<void>;
  /** Run a command in a running container, output discarded; its exit code, or undefined when it outlived `timeoutMs`. */
  exec(id: string, command: readonly string[], timeoutMs: number): Promise<number | undefined>;
  /** Engine events for one compose project until the returned function is called. */
  watchEvents(project: string, onEvent: (event: EngineEvent) => void): Promise<() => void>;
  /** Raw log stream (multiplexed unless the container has a TTY). */
  logs(
    id: string,
    options: { readonly follow: boolean; readonly since?: number; readonly tail?: number; readonly timestamps?: boolean },
  ): Promise<Readable | Buffer>;
  imageId(reference: string): Promise<string | undefined>;
  tagImage(id: string, reference: string): Promise<void>;
  stats(id: string): Promise<{ readonly memoryBytes: number; readonly memoryLimitBytes: number; readonly cpuPercent: number }>;
  listVolumes(project: string): Promise<string[]>;
}

export function createEngine(docker: Docker = new Docker()): Engine {
  const call = async <T>(action: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error: unknown) {
      throw wrapDockerError(error, action);
    }
  };
  const inspect = (id: string): Promise<ContainerState> =>
    call(`inspect container ${id.slice(0, 12)}`, async () => translate(await docker.getContainer(id).inspect()));
  return {
    docker,
    info: () =>
      call('read engine info', async () => {
        const [info, version] = await Promise.all([docker.info() as Promise<Record<string, unknown>>, docker.version()]);
        return {
          version: version.Version,
          apiVersion: version.ApiVersion,
          runtimes: Object.keys((info.Runtimes as Record<string, unknown> | undefined) ?? {}),
          memoryBytes: Number(info.MemTotal ?? 0),
          cpus: Number(info.NCPU ?? 0),
          dockerRoot: typeof info.DockerRootDir === 'string' ? info.DockerRootDir : '/var/lib/docker',
          storageDriver: typeof info.Driver === 'string' ? info.Driver : '',
        };
      }),
    listContainers: (project, service) =>
      call(`list containers of ${project}`, async () => {
        // Compose project or Swarm stack of that name (src/runtime/stack-containers.ts).
        const summaries = await listStackContainers(docker, project, service ? { service } : {});
        const states = await Promise.all(summaries.map((summary) => inspect(summary.Id).catch(() => undefined)));
        return states
          .filter((state): state is ContainerState => state !== undefined && state.labels[ONE_OFF_LABEL] !== 'True')
          .sort((a, b) => (a.service === b.service ? a.name.localeCompare(b.name) : a.service.localeCompare(b.service)));
      }),
    inspect,
    start: (id) =>
      call(`start container ${id.slice(0, 12)}`, async () => {
        try {
          await docker.getContainer(id).start();
        } catch (error: unknown) {
          if ((error as { statusCode?: number }).statusCode !== 304) throw error;
        }
      }),
    restart: (id, timeoutSeconds) =>
      call(`restart container ${id.slice(0, 12)}`, async () => {
        await docker.getContainer(id).restart({ t: timeoutSeconds });
      }),
    exec: (id, command, timeoutMs) =>
      call(`exec in container ${id.slice(0, 12)}`, async () => {
        const exec = await docker.getContainer(id).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({ hijack: true, stdin: false });
        const finished = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), timeoutMs);
          const done = (): void => {
            clearTimeout(timer);
            resolve(true);
          };
          stream.on('end', done);
          stream.on('close', done);
          stream.on('error', done);
          stream.resume();
        });
        stream.destroy();
        if (!finished) return undefined;
        return (await exec.inspect()).ExitCode ?? undefined;
      }),
    watchEvents: (project, onEvent) =>
      call('watch engine events', async () => {
        // dockerode types the event stream as a plain NodeJS.ReadableStream; it is a Readable.
        const stream = (await docker.getEvents({
          filters: { type: ['container'], label: [`${PROJECT_LABEL}=${project}`] },
        })) as unknown as Readable;
        let buffer = '';
        stream.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            newline = buffer.indexOf('\n');
            if (line === '') continue;
            try {
              const raw = JSON.parse(line) as {
                Type?: string;
                Action?: string;
                status?: string;
                id?: string;
                timeNano?: number;
                time?: number;
                Actor?: { ID?: string; Attributes?: Record<string, string> };
              };
              const attributes = raw.Actor?.Attributes ?? {};
              onEvent({
                type: raw.Type ?? 'container',
                action: raw.Action ?? raw.status ?? '',
                containerId: raw.Actor?.ID ?? raw.id ?? '',
                service: attributes[SERVICE_LABEL],
                time: raw.timeNano ? raw.timeNano / 1e6 : (raw.time ?? 0) * 1000,
                attributes,
              });
            } catch {
              // a partial or foreign line: ignore it, the next inspect tells the truth
            }
          }
        });
        stream.on('error', () => undefined);
        return () => {
          (stream as Readable & { destroy(): void }).destroy();
        };
      }),
    logs: (id, options) =>
      call(`read logs of ${id.slice(0, 12)}`, async () => {
        const container = docker.getContainer(id);
        const base = {
          stdout: true,
          stderr: true,
          timestamps: options.timestamps ?? false,
          ...(options.since === undefined ? {} : { since: options.since }),
          ...(options.tail === undefined ? {} : { tail: options.tail }),
        };
        if (options.follow) return (await container.logs({ ...base, follow: true })) as unknown as Readable;
        return await container.logs({ ...base, follow: false });
      }),
    imageId: (reference) =>
      call(`inspect image ${reference}`, async () => {
        try {
          return (await docker.getImage(reference).inspect()).Id;
        } catch (error: unknown) {
          if ((error as { statusCode?: number }).statusCode === 404) return undefined;
          throw error;
        }
      }),
    tagImage: (id, reference) =>
      call(`tag image ${reference}`, async () => {
        const colon = reference.lastIndexOf(':');
        const slash = reference.lastIndexOf('/');
        const [repo, tag] = colon > slash ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, 'latest'];
        await docker.getImage(id).tag({ repo, tag });
      }),
    stats: (id) =>
      call(`read stats of ${id.slice(0, 12)}`, async () => {
        const raw = (await docker.getContainer(id).stats({ stream: false })) as unknown as {
          memory_stats?: { usage?: number; limit?: number; stats?: { cache?: number } };
          cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
          precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
        };
        const usage = (raw.memory_stats?.usage ?? 0) - (raw.memory_stats?.stats?.cache ?? 0);
        const cpuDelta = (raw.cpu_stats?.cpu_usage?.total_usage ?? 0) - (raw.precpu_stats?.cpu_usage?.total_usage ?? 0);
        const systemDelta = (raw.cpu_stats?.system_cpu_usage ?? 0) - (raw.precpu_stats?.system_cpu_usage ?? 0);
        const cpus = raw.cpu_stats?.online_cpus ?? 1;
        return {
          memoryBytes: Math.max(0, usage),
          memoryLimitBytes: raw.memory_stats?.limit ?? 0,
          cpuPercent: systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0,
        };
      }),
    listVolumes: (project) =>
      call(`list volumes of ${project}`, async () => {
        const result = await docker.listVolumes({ filters: { label: [`${PROJECT_LABEL}=${project}`] } });
        return (result.Volumes ?? []).map((volume) => volume.Name).sort();
      }),
  };
}

function translate(info: Docker.ContainerInspectInfo): ContainerState {
  const labels = info.Config.Labels ?? {};
  const health = info.State.Health;
  const lastLog = health?.Log?.[health.Log.length - 1];
  const config = info.Config as { Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number }; Shell?: string[] };
  const check = config.Healthcheck;
  const ports: { hostIp: string; hostPort: number; containerPort: number }[] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    for (const binding of bindings ?? [])
      ports.push({ hostIp: binding.HostIp, hostPort: Number(binding.HostPort), containerPort: Number(key.split('/')[0]) });
  }
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    project: projectOfLabels(labels),
    service: serviceOfLabels(labels),
    image: info.Config.Image,
    imageId: info.Image,
    state: info.State.Status as ContainerState['state'],
    health: health?.Status === '' ? undefined : (health?.Status as ContainerState['health']),
    lastHealthOutput: lastLog?.Output?.trim() ? lastLog.Output.trim() : undefined,
    ...(check?.Test && check.Test.length > 0 && check.Test[0] !== 'NONE'
      ? // Docker's defaults when unset: 30 s interval, 30 s timeout.
        {
          healthCheck: {
            test: check.Test,
            intervalMs: (check.Interval === undefined || check.Interval === 0 ? 30e9 : check.Interval) / 1e6,
            timeoutMs: (check.Timeout === undefined || check.Timeout === 0 ? 30e9 : check.Timeout) / 1e6,
            shell: config.Shell && config.Shell.length > 0 ? config.Shell : ['/bin/sh', '-c'],
          },
        }
      : {}),
    exitCode: info.State.ExitCode,
    createdAt: new Date(info.Created),
    startedAt: parseDockerTime(info.State.StartedAt),
    finishedAt: parseDockerTime(info.State.FinishedAt),
    restartCount: info.RestartCount,
    tty: info.Config.Tty,
    ports,
    networks: Object.keys(info.NetworkSettings.Networks ?? {}).sort(),
    labels,
  };
}

/** Docker writes 0001-01-01T00:00:00Z for "never". */
function parseDockerTime(value: string | undefined): Date | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
