import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import type Docker from 'dockerode';
import { create } from 'tar';
import { BackupError } from '../errors.js';
import type { ContainerState, Engine } from '../runtime/engine.js';
import { wrapDockerError } from '../runtime/docker-error.js';
import { SWARM_NAMESPACE_LABEL } from '../runtime/stack-containers.js';
import type { SwarmEngine } from '../runtime/swarm/swarm-engine.js';
import type { RedisDataFile } from './redis-strategy.js';
import type { VolumeAccess } from './volume-strategy.js';

/**
 * Stop, start and wait for the containers of a stack's services: compose containers are stopped
 * and started themselves; a Swarm service is scaled to 0 and back (a stopped task would only be
 * replaced by a new one, running on the volume a restore is replacing).
 */
export interface ServiceControl {
  /** Stop the running containers of these services; returns the services that were running. */
  stop(services: readonly string[]): Promise<string[]>;
  start(services: readonly string[]): Promise<void>;
  /** Wait until every container of these services is running and, when it has a health check, healthy. */
  waitHealthy(services: readonly string[], timeoutMs: number): Promise<void>;
}

/** The Swarm calls the control needs: a service's replica count, and scaling it. */
export type SwarmScaler = Pick<SwarmEngine, 'service' | 'scale'>;

export interface ServiceControlOptions {
  /** How long a Swarm service scaled to 0 may keep running tasks. @default 60 s */
  readonly stopTimeoutMs?: number;
  /** Between two looks at the containers. @default 500 ms */
  readonly pollMs?: number;
}

export function createDockerServiceControl(
  engine: Engine,
  project: string,
  swarm?: SwarmScaler,
  options: ServiceControlOptions = {},
): ServiceControl {
  const stopTimeoutMs = options.stopTimeoutMs ?? 60_000;
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  const containersOf = async (service: string): Promise<ContainerState[]> => engine.listContainers(project, service);
  const isSwarm = (containers: readonly ContainerState[]): boolean =>
    containers.some((container) => container.labels[SWARM_NAMESPACE_LABEL] === project);
  // Replicas of the Swarm services this control scaled to 0, to scale them back.
  const scaledDown = new Map<string, number>();
  const swarmName = (service: string): string => `${project}_${service}`;

  const stopSwarmService = async (service: string, scaler: SwarmScaler): Promise<boolean> => {
    const replicas = (await scaler.service(swarmName(service)))?.replicas;
    if (replicas === undefined || replicas === 0) return false;
    await scaler.scale(swarmName(service), 0);
    scaledDown.set(service, replicas);
    const deadline = Date.now() + stopTimeoutMs;
    while ((await containersOf(service)).some((container) => container.state === 'running')) {
      if (Date.now() > deadline) {
        throw new BackupError('AIS_BACKUP_SERVICE_STILL_RUNNING', {
          service,
          seconds: stopTimeoutMs / 1000,
          hint: `look at \`docker service ps ${swarmName(service)}\`; nothing was changed yet`,
        });
      }
      await pause();
    }
    return true;
  };

  return {
    async stop(services) {
      const stopped: string[] = [];
      for (const service of services) {
        const containers = await containersOf(service);
        if (swarm && isSwarm(containers)) {
          if (await stopSwarmService(service, swarm)) stopped.push(service);
          continue;
        }
        let any = false;
        for (const container of containers) {
          if (container.state !== 'running' && container.state !== 'restarting' && container.state !== 'paused') continue;
          any = true;
          try {
            await engine.docker.getContainer(container.id).stop({ t: 30 });
          } catch (error: unknown) {
            if ((error as { statusCode?: number }).statusCode !== 304) throw wrapDockerError(error, `stop ${container.name}`);
          }
        }
        if (any) stopped.push(service);
      }
      return stopped;
    },
    async start(services) {
      for (const service of services) {
        const replicas = scaledDown.get(service);
        if (swarm && replicas !== undefined) {
          await swarm.scale(swarmName(service), replicas);
          scaledDown.delete(service);
          continue;
        }
        for (const container of await containersOf(service)) await engine.start(container.id);
      }
    },
    async waitHealthy(services, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (const service of services) {
        // A Swarm service keeps its old tasks' exited containers: only the running ones count, as
        // many as it wants (read once: nothing scales it while aistack waits).
        let wanted: number | undefined;
        let asked = false;
        for (;;) {
          const containers = await containersOf(service);
          if (!asked && swarm && isSwarm(containers)) {
            wanted = (await swarm.service(swarmName(service)))?.replicas;
            asked = true;
          }
          const counted = wanted === undefined ? containers : containers.filter((container) => container.state === 'running');
          const ready =
            counted.length > 0 &&
            counted.length >= (wanted ?? 0) &&
            counted.every(
              (container) => container.state === 'running' && (container.health === undefined || container.health === 'healthy'),
            );
          if (ready) break;
          if (Date.now() > deadline) {
            throw new BackupError('AIS_BACKUP_SERVICE_UNHEALTHY', {
              service,
              seconds: Math.round(timeoutMs / 1000),
              hint: `the data is restored; look at \`docker logs\` of ${service} to see why it does not start`,
            });
          }
          await pause();
        }
      }
    },
  };
}

/**
 * Run a short-lived helper container from the service's own image, with the service container's
 * volumes (`VolumesFrom`), no network and a shell script. `before` may put files into it while it
 * is created but not yet started (the Engine API writes into its volumes then).
 */
export async function runVolumeHelper(
  docker: Docker,
  options: {
    readonly image: string;
    readonly volumesFrom: string;
    readonly script: string;
    readonly args?: readonly string[];
    readonly before?: (container: Docker.Container) => Promise<void>;
    readonly after?: (container: Docker.Container) => Promise<void>;
  },
): Promise<void> {
  let container: Docker.Container | undefined;
  try {
    container = await docker.createContainer({
      Image: options.image,
      Entrypoint: ['sh', '-c', options.script, 'aistack-restore', ...(options.args ?? [])],
      Cmd: [],
      User: '0:0',
      Labels: { 'ai.aistack.backup-helper': 'true' },
      HostConfig: { VolumesFrom: [options.volumesFrom], NetworkMode: 'none', AutoRemove: false },
    });
    await options.before?.(container);
    await container.start();
    const result = (await container.wait()) as { StatusCode?: number };
    if (result.StatusCode !== 0) {
      const logs = (await container.logs({ stdout: true, stderr: true }))
        .toString('utf8')
        // eslint-disable-next-line no-control-regex -- the control characters are what is removed
        .replace(/[\x00-\x08]/g, '')
        .trim();
      throw new BackupError('AIS_BACKUP_HELPER_FAILED', {
        container: options.volumesFrom,
        exitCode: result.StatusCode,
        logs,
        hint: `the helper runs \`sh\` from ${options.image}; an image without a shell cannot be restored this way`,
      });
    }
    await options.after?.(container);
  } catch (error: unknown) {
    if (error instanceof BackupError) throw error;
    throw wrapDockerError(error, 'run the restore helper container');
  } finally {
    await container?.remove({ force: true }).catch(() => undefined);
  }
}

/** A Docker volume, reached through the container that mounts it at `target`. */
export function createDockerVolumeAccess(
  docker: Docker,
  container: { readonly id: string; readonly name: string; readonly image: string },
  target: string,
): VolumeAccess {
  const root = path.posix.basename(target);
  return {
    description: `${target} of ${container.name}`,
    root,
    exportTar: async () => {
      try {
        return (await docker.getContainer(container.id).getArchive({ path: target })) as unknown as Readable;
      } catch (error: unknown) {
        throw wrapDockerError(error, `read ${target} of ${container.name}`);
      }
    },
    replaceFromTar: async (plain, archiveRoot) => {
      if (archiveRoot !== root) {
        throw new BackupError('AIS_BACKUP_TARGET_MISMATCH', {
          archiveRoot,
          container: container.name,
          target,
          hint: 'restore into a stack whose service mounts the volume where it did when the archive was made',
        });
      }
      await runVolumeHelper(docker, {
        image: container.image,
        volumesFrom: container.id,
        script: 'cd "$1" && rm -rf -- ..?* .[!.]* *',
        args: [target],
        after: async (helper) => {
          try {
            await helper.putArchive(plain, { path: path.posix.dirname(target) });
          } catch (error: unknown) {
            throw wrapDockerError(error, `write ${target} of ${container.name}`);
          }
        },
      });
    },
  };
}

/** Replace one data file (Redis's RDB) in a stopped container's volume, setting an AOF directory aside. */
export async function replaceDockerDataFile(
  docker: Docker,
  container: { readonly id: string; readonly image: string },
  input: RedisDataFile,
): Promise<void> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'aistack-restore-'));
  const stagedName = `${input.fileName}.aistack-restore`;
  try {
    await pipeline(input.plain, createWriteStream(path.join(staging, stagedName), { mode: 0o600 }));
    const script = [
      'set -e',
      'cd "$1"',
      '[ -n "$3" ] && chown "$3" "$2.aistack-restore"',
      // AOF on: Redis 7 loads the AOF directory, not dump.rdb; make the RDB the base of a new one.
      'if [ "$4" = yes ]; then',
      '  [ -d "$5" ] && mv "$5" "$5.before-restore-$(date +%s)"',
      '  mkdir "$5" && cp "$2.aistack-restore" "$5/$6.1.base.rdb"',
      '  printf "file %s.1.base.rdb seq 1 type b\\n" "$6" > "$5/$6.manifest"',
      '  [ -n "$3" ] && chown -R "$3" "$5"',
      'fi',
      'mv -f "$2.aistack-restore" "$2"',
      'true',
    ].join('\n');
    await runVolumeHelper(docker, {
      image: container.image,
      volumesFrom: container.id,
      script,
      args: [
        input.directory,
        input.fileName,
        input.owner ?? '',
        input.appendOnly ? 'yes' : 'no',
        input.appendDirectory,
        input.appendFileName,
      ],
      before: async (helper) => {
        const tar = create({ cwd: staging, portable: true }, [stagedName]) as unknown as NodeJS.ReadableStream;
        await helper.putArchive(tar, { path: input.directory });
      },
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
