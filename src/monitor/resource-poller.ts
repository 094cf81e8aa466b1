import { readFile, statfs } from 'node:fs/promises';
import type Docker from 'dockerode';
import { listStackContainers, serviceOfLabels } from '../runtime/stack-containers.js';
import type { CpuReading, DockerStatsInput } from './container-stats.js';
import { computeContainerUsage } from './container-stats.js';
import type { CpuTimes } from './host-stats.js';
import { cpuPercentBetween, parseMeminfo, parseProcStat } from './host-stats.js';
import type { ContainerResources, HostResources } from './types.js';

export interface ResourcePollerOptions {
  readonly docker: Docker | undefined;
  readonly project: string;
  /** Directory whose file system is reported as the host disk. @default '/' */
  readonly diskPath?: string;
  /** Root of /proc (tests point it elsewhere). @default '/proc' */
  readonly procDirectory?: string;
  readonly now: () => number;
}

export interface ResourceReading {
  readonly containers: readonly (ContainerResources & { readonly cpuSeconds: number })[];
  readonly host: HostResources | undefined;
}

export interface ResourcePoller {
  poll(): Promise<ResourceReading>;
}

/** One-shot stats and inspect per container of the project, plus /proc and statfs for the host. */
export function createResourcePoller(options: ResourcePollerOptions): ResourcePoller {
  const previousCpu = new Map<string, CpuReading>();
  let previousHost: CpuTimes | undefined;
  const proc = options.procDirectory ?? '/proc';

  const pollContainer = async (docker: Docker, info: Docker.ContainerInfo): Promise<ContainerResources & { cpuSeconds: number }> => {
    const container = docker.getContainer(info.Id);
    const inspect = await container.inspect();
    const running = inspect.State.Running;
    // one-shot (API 1.41+): no second sample inside the daemon; CPU comes from our previous reading,
    // so it is the average over the poll interval. Older daemons ignore it and fill precpu_stats.
    const stats = running
      ? ((await container.stats({ stream: false, 'one-shot': true } as { stream: false })) as unknown as DockerStatsInput)
      : undefined;
    const usage = stats ? computeContainerUsage(stats, previousCpu.get(info.Id)) : undefined;
    if (stats?.cpu_stats?.system_cpu_usage)
      previousCpu.set(info.Id, { total: stats.cpu_stats.cpu_usage?.total_usage ?? 0, system: stats.cpu_stats.system_cpu_usage });
    return {
      service: (serviceOfLabels(info.Labels) || info.Names[0]?.replace(/^\//, '')) ?? info.Id.slice(0, 12),
      containerId: info.Id,
      containerName: [inspect.Name, info.Names[0]].find((name) => name !== undefined && name !== '')?.replace(/^\//, '') ?? '',
      at: options.now(),
      state: inspect.State.Status,
      health: inspect.State.Health?.Status === '' ? undefined : inspect.State.Health?.Status,
      cpuPercent: usage?.cpuPercent ?? 0,
      cpuSeconds: usage?.cpuSeconds ?? 0,
      memoryBytes: usage?.memoryBytes ?? 0,
      memoryWorkingSetBytes: usage?.memoryWorkingSetBytes ?? 0,
      memoryLimitBytes: usage?.memoryLimitBytes ?? 0,
      networkRxBytes: usage?.networkRxBytes ?? 0,
      networkTxBytes: usage?.networkTxBytes ?? 0,
      blockReadBytes: usage?.blockReadBytes ?? 0,
      blockWriteBytes: usage?.blockWriteBytes ?? 0,
      restarts: inspect.RestartCount ?? 0,
      oomKilled: inspect.State.OOMKilled,
      image: info.Image,
      startedAt: inspect.State.StartedAt && !inspect.State.StartedAt.startsWith('0001-') ? inspect.State.StartedAt : undefined,
    };
  };

  const pollHost = async (): Promise<HostResources | undefined> => {
    try {
      const [statText, meminfoText, disk] = await Promise.all([
        readFile(`${proc}/stat`, 'utf8'),
        readFile(`${proc}/meminfo`, 'utf8'),
        statfs(options.diskPath ?? '/'),
      ]);
      const times = parseProcStat(statText);
      const cpuPercent = times && previousHost ? cpuPercentBetween(previousHost, times) : 0;
      previousHost = times;
      const memory = parseMeminfo(meminfoText);
      return {
        at: options.now(),
        cpuPercent,
        memoryTotalBytes: memory.totalBytes,
        memoryAvailableBytes: memory.availableBytes,
        diskTotalBytes: disk.blocks * disk.bsize,
        diskFreeBytes: disk.bavail * disk.bsize,
      };
    } catch {
      return undefined;
    }
  };

  let running: Promise<ResourceReading> | undefined;
  const poll = async (): Promise<ResourceReading> => {
    const host = await pollHost();
    const docker = options.docker;
    if (!docker) return { containers: [], host };
    let infos: Docker.ContainerInfo[];
    try {
      infos = await listStackContainers(docker, options.project);
    } catch {
      return { containers: [], host };
    }
    const containers: (ContainerResources & { cpuSeconds: number })[] = [];
    const queue = [...infos];
    const worker = async (): Promise<void> => {
      for (let info = queue.shift(); info; info = queue.shift()) {
        try {
          containers.push(await pollContainer(docker, info));
        } catch {
          // The container went away between list and inspect: it shows up (or not) next poll.
        }
      }
    };
    // The daemon's stats collector answers every request on its next tick (about a second), so
    // asking for many containers at once costs about as much as asking for one.
    await Promise.all(Array.from({ length: Math.min(16, infos.length) }, worker));
    const alive = new Set(infos.map((info) => info.Id));
    for (const id of previousCpu.keys()) if (!alive.has(id)) previousCpu.delete(id);
    containers.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.containerName < b.containerName ? -1 : 1));
    return { containers, host };
  };
  return {
    // A poll still running (a slow daemon) is joined rather than doubled.
    poll() {
      running ??= poll().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
