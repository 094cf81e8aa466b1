import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GpuReading } from '../gpu/gpu-sampler.js';
import type { CheckResult, ContainerResources, MonitorDefinition, MonitorState } from './types.js';

type ContainerReading = ContainerResources & { readonly cpuSeconds: number };

export interface MonitorMetrics {
  readonly registry: Registry;
  recordCheck(monitor: MonitorDefinition, result: CheckResult, state: MonitorState): void;
  recordLag(lagMs: number): void;
  /** The state restored from the database, before the first check of this run. */
  restoreState(monitor: MonitorDefinition, state: MonitorState): void;
  setContainers(containers: readonly ContainerReading[]): void;
  setAlertsFiring(counts: Readonly<Record<'critical' | 'warning' | 'info', number>>): void;
  /** The latest GPU sample; no GPU, no `aistack_gpu_*` series. */
  setGpus(reading: GpuReading | undefined): void;
  render(): Promise<string>;
}

/**
 * Prometheus metrics in the engine's own Registry, named like blackbox_exporter and cAdvisor with
 * an `aistack_` prefix, base units, `_total` counters. Labels are bounded: monitor ids and service
 * names come from the Stack, results and severities are fixed sets.
 */
export function createMonitorMetrics(version: string): MonitorMetrics {
  const registry = new Registry();
  const up = new Gauge({
    name: 'aistack_monitor_up',
    help: 'Whether the monitor is up (1; degraded counts as up) or down (0); absent while pending.',
    labelNames: ['monitor', 'service', 'type'],
    registers: [registry],
  });
  const duration = new Gauge({
    name: 'aistack_monitor_duration_seconds',
    help: 'Duration of the last check.',
    labelNames: ['monitor', 'service', 'type'],
    registers: [registry],
  });
  const checks = new Counter({
    name: 'aistack_monitor_checks_total',
    help: 'Checks run, by result (success, degraded, failure).',
    labelNames: ['result'],
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'aistack_scheduler_lag_seconds',
    help: 'Actual start minus scheduled start of checks.',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const alerts = new Gauge({
    name: 'aistack_alerts_firing',
    help: 'Alerts firing now, by severity.',
    labelNames: ['severity'],
    registers: [registry],
  });
  const build = new Gauge({
    name: 'aistack_build_info',
    help: 'aistack version; always 1.',
    labelNames: ['version'],
    registers: [registry],
  });
  build.set({ version }, 1);
  for (const result of ['success', 'degraded', 'failure']) checks.inc({ result }, 0);
  for (const severity of ['critical', 'warning', 'info']) alerts.set({ severity }, 0);

  let containers: readonly ContainerReading[] = [];
  const perService = (pick: (container: ContainerReading) => number): Map<string, number> => {
    const sums = new Map<string, number>();
    for (const container of containers) sums.set(container.service, (sums.get(container.service) ?? 0) + pick(container));
    return sums;
  };
  // Docker's cumulative values are counters, set from the latest reading at scrape time.
  const cumulative = (name: string, help: string, pick: (container: ContainerReading) => number): void => {
    new Counter({
      name,
      help,
      labelNames: ['service'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [service, value] of perService(pick)) this.inc({ service }, value);
      },
    });
  };
  const gauge = (name: string, help: string, pick: (container: ContainerReading) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['service'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [service, value] of perService(pick)) this.set({ service }, value);
      },
    });
  };
  cumulative(
    'aistack_container_cpu_usage_seconds_total',
    "Cumulative CPU time of the service's containers.",
    (container) => container.cpuSeconds,
  );
  cumulative(
    'aistack_container_network_receive_bytes_total',
    "Bytes received by the service's containers.",
    (container) => container.networkRxBytes,
  );
  cumulative(
    'aistack_container_network_transmit_bytes_total',
    "Bytes sent by the service's containers.",
    (container) => container.networkTxBytes,
  );
  cumulative(
    'aistack_container_fs_reads_bytes_total',
    "Bytes read from block devices by the service's containers.",
    (container) => container.blockReadBytes,
  );
  cumulative(
    'aistack_container_fs_writes_bytes_total',
    "Bytes written to block devices by the service's containers.",
    (container) => container.blockWriteBytes,
  );
  gauge(
    'aistack_container_memory_working_set_bytes',
    'Memory in use minus reclaimable file cache.',
    (container) => container.memoryWorkingSetBytes,
  );
  gauge('aistack_container_memory_usage_bytes', 'Memory in use, including file cache.', (container) => container.memoryBytes);
  gauge(
    'aistack_container_spec_memory_limit_bytes',
    "Memory limit of the service's containers.",
    (container) => container.memoryLimitBytes,
  );
  gauge('aistack_container_restarts', "Restarts Docker counted for the service's containers.", (container) => container.restarts);
  gauge('aistack_container_oom_killed', 'Containers of the service whose last exit was an OOM kill.', (container) =>
    container.oomKilled ? 1 : 0,
  );

  // GPUs: labels gpu (index), name and uuid (NVIDIA's; empty for AMD), as dcgm-exporter labels them.
  let gpuReading: GpuReading | undefined;
  const gpuGauge = (name: string, help: string, pick: (gpu: GpuReading['gpus'][number]) => number | undefined): void => {
    new Gauge({
      name,
      help,
      labelNames: ['gpu', 'name', 'uuid'],
      registers: [registry],
      collect() {
        this.reset();
        for (const gpu of gpuReading?.gpus ?? []) {
          const value = pick(gpu);
          if (value !== undefined) this.set({ gpu: String(gpu.index), name: gpu.name, uuid: gpu.uuid ?? '' }, value);
        }
      },
    });
  };
  gpuGauge('aistack_gpu_utilization_ratio', 'GPU busy time over the last sample period, 0..1.', (gpu) =>
    gpu.utilizationPercent === undefined ? undefined : gpu.utilizationPercent / 100,
  );
  gpuGauge('aistack_gpu_memory_used_bytes', 'GPU memory in use.', (gpu) => gpu.memoryUsedBytes);
  gpuGauge('aistack_gpu_memory_total_bytes', 'GPU memory in total.', (gpu) => gpu.memoryTotalBytes);
  let gpuServiceOf: (containerId: string | undefined) => string = () => '';
  new Gauge({
    name: 'aistack_gpu_container_memory_used_bytes',
    help: "GPU memory used by the service's processes (nvidia-smi --query-compute-apps); service is empty outside the stack.",
    labelNames: ['gpu', 'uuid', 'service'],
    registers: [registry],
    collect() {
      this.reset();
      for (const process of gpuReading?.processes ?? [])
        this.inc(
          { gpu: String(process.gpuIndex ?? ''), uuid: process.gpuUuid, service: gpuServiceOf(process.containerId) },
          process.usedMemoryBytes,
        );
    },
  });

  return {
    registry,
    setGpus(reading) {
      gpuReading = reading;
      const services = new Map(containers.map((container) => [container.containerId, container.service]));
      gpuServiceOf = (id) => (id === undefined ? '' : (services.get(id) ?? ''));
    },
    recordCheck(monitor, result, state) {
      const labels = { monitor: monitor.id, service: monitor.service ?? '', type: monitor.probe.type };
      if (state === 'pending') up.remove(labels);
      else up.set(labels, state === 'down' ? 0 : 1);
      duration.set(labels, result.latencyMs / 1000);
      checks.inc({ result: !result.ok ? 'failure' : result.degraded ? 'degraded' : 'success' });
    },
    recordLag: (lagMs) => lag.observe(lagMs / 1000),
    restoreState(monitor, state) {
      if (state !== 'pending')
        up.set({ monitor: monitor.id, service: monitor.service ?? '', type: monitor.probe.type }, state === 'down' ? 0 : 1);
    },
    setContainers(next) {
      containers = next;
    },
    setAlertsFiring(counts) {
      for (const [severity, count] of Object.entries(counts)) alerts.set({ severity }, count);
    },
    render: () => registry.metrics(),
  };
}
