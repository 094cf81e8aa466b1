/** The parts of the Engine API's `GET /containers/{id}/stats?stream=false` answer the monitor reads. */
export interface DockerStatsInput {
  readonly read?: string;
  readonly cpu_stats?: {
    readonly cpu_usage?: { readonly total_usage?: number; readonly percpu_usage?: readonly number[] | null };
    readonly system_cpu_usage?: number;
    readonly online_cpus?: number;
  };
  readonly precpu_stats?: DockerStatsInput['cpu_stats'];
  readonly memory_stats?: { readonly usage?: number; readonly limit?: number; readonly stats?: Readonly<Record<string, number>> };
  readonly networks?: Readonly<Record<string, { readonly rx_bytes?: number; readonly tx_bytes?: number }>>;
  readonly blkio_stats?: { readonly io_service_bytes_recursive?: readonly { readonly op?: string; readonly value?: number }[] | null };
}

export interface ContainerUsage {
  readonly cpuPercent: number;
  /** Cumulative CPU time, seconds. */
  readonly cpuSeconds: number;
  readonly memoryBytes: number;
  readonly memoryWorkingSetBytes: number;
  readonly memoryLimitBytes: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly blockReadBytes: number;
  readonly blockWriteBytes: number;
}

export interface CpuReading {
  readonly total: number;
  readonly system: number;
}

/**
 * Docker's stats, translated the way `docker stats` does it, for cgroup v1 and v2:
 * - CPU % = container CPU delta / host CPU delta × online CPUs × 100 (100 % = one core), from
 *   `precpu_stats` or, when that is empty (one-shot reads), from the previous reading.
 * - working set = usage − inactive file cache: `inactive_file` on cgroup v2, `total_inactive_file`
 *   on v1 (what the kernel can reclaim; cAdvisor's container_memory_working_set_bytes).
 * - block I/O: ops `Read`/`Write` on v1, `read`/`write` on v2.
 */
export function computeContainerUsage(stats: DockerStatsInput, previous?: CpuReading): ContainerUsage {
  const cpu = stats.cpu_stats;
  const total = cpu?.cpu_usage?.total_usage ?? 0;
  const system = cpu?.system_cpu_usage ?? 0;
  // 0 and absent both mean "not reported".
  const onlineCpus = [cpu?.online_cpus, cpu?.cpu_usage?.percpu_usage?.length].find((count) => count !== undefined && count > 0) ?? 1;
  const pre = stats.precpu_stats;
  const before: CpuReading | undefined = pre?.system_cpu_usage
    ? { total: pre.cpu_usage?.total_usage ?? 0, system: pre.system_cpu_usage }
    : previous;
  let cpuPercent = 0;
  if (before) {
    const cpuDelta = total - before.total;
    const systemDelta = system - before.system;
    if (cpuDelta > 0 && systemDelta > 0) cpuPercent = (cpuDelta / systemDelta) * onlineCpus * 100;
  }
  const memory = stats.memory_stats;
  const usage = memory?.usage ?? 0;
  const inner = memory?.stats ?? {};
  // v1 reports both; the hierarchical total_inactive_file is the one `docker stats` subtracts there.
  const inactive = inner.total_inactive_file ?? inner.inactive_file ?? 0;
  const workingSet = inactive < usage ? usage - inactive : usage;
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(stats.networks ?? {})) {
    rx += network.rx_bytes ?? 0;
    tx += network.tx_bytes ?? 0;
  }
  let read = 0;
  let write = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').toLowerCase();
    if (op === 'read') read += entry.value ?? 0;
    else if (op === 'write') write += entry.value ?? 0;
  }
  return {
    cpuPercent: Math.round(cpuPercent * 100) / 100,
    cpuSeconds: total / 1e9,
    memoryBytes: usage,
    memoryWorkingSetBytes: workingSet,
    memoryLimitBytes: memory?.limit ?? 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    blockReadBytes: read,
    blockWriteBytes: write,
  };
}
