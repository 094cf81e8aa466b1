import type { GpuReading, GpuSampler } from '../../gpu/gpu-sampler.js';
import type { MonitorMetrics } from '../metrics.js';
import type { ResourceReading } from '../resource-poller.js';
import type { MonitorStore } from '../store.js';
import { sumResourcesByService } from './resource-totals.js';

export interface ResourceSamplingOptions {
  readonly poller: { poll(): Promise<ResourceReading> };
  /** The host's GPUs, sampled after the containers; without it no GPU figures. */
  readonly gpu?: GpuSampler;
  readonly store: Pick<MonitorStore, 'recordResources'>;
  readonly metrics: Pick<MonitorMetrics, 'setContainers' | 'setGpus'>;
  readonly now: () => number;
  /** Each container's new figures (the live `resources` event). */
  readonly onContainer: (container: ResourceReading['containers'][number]) => void;
  readonly report: (error: unknown, context: string) => void;
}

export interface ResourceSampling {
  /** Read containers, host and GPUs once: metrics, history and events follow. Never throws. */
  poll(): Promise<void>;
  /** The last reading (empty before the first poll). */
  reading(): ResourceReading;
  gpus(): GpuReading | undefined;
}

/**
 * One resource sample after another: the containers' CPU and memory summed per service into the
 * history, the host's figures, and the GPUs as resource series keyed `gpu:<index>` (utilisation in
 * the CPU column, VRAM used in memory's). A failed read keeps the previous reading.
 */
export function createResourceSampling(options: ResourceSamplingOptions): ResourceSampling {
  let reading: ResourceReading = { containers: [], host: undefined };
  let gpuReading: GpuReading | undefined;

  const record = (samples: Parameters<MonitorStore['recordResources']>[0]): void => {
    try {
      options.store.recordResources(samples);
    } catch (error: unknown) {
      options.report(error, 'store');
    }
  };

  const pollGpus = async (sampler: GpuSampler): Promise<void> => {
    let sample: GpuReading;
    try {
      sample = await sampler.sample();
    } catch (error: unknown) {
      options.report(error, 'gpus');
      return;
    }
    gpuReading = sample;
    options.metrics.setGpus(sample);
    record(
      sample.gpus.map((gpu) => ({
        service: `gpu:${gpu.index}`,
        at: sample.at,
        cpuPercent: gpu.utilizationPercent ?? 0,
        memoryBytes: gpu.memoryUsedBytes ?? 0,
      })),
    );
  };

  return {
    async poll() {
      try {
        reading = await options.poller.poll();
      } catch (error: unknown) {
        options.report(error, 'resources');
        return;
      }
      options.metrics.setContainers(reading.containers);
      record(sumResourcesByService(reading.containers, options.now()));
      for (const container of reading.containers) options.onContainer(container);
      if (options.gpu) await pollGpus(options.gpu);
    },
    reading: () => reading,
    gpus: () => gpuReading,
  };
}
