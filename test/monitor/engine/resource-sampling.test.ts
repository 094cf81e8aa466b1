import { describe, expect, it } from 'vitest';
import type { GpuReading } from '../../../src/gpu/gpu-sampler.js';
import { createResourceSampling } from '../../../src/monitor/engine/resource-sampling.js';
import type { ResourceReading } from '../../../src/monitor/resource-poller.js';
import type { ResourceSample } from '../../../src/monitor/store.js';

const container = (service: string, cpuPercent: number, memory: number, state = 'running'): ResourceReading['containers'][number] => ({
  service,
  containerId: `${service}-id`,
  containerName: `demo-${service}-1`,
  at: 1000,
  state,
  health: undefined,
  cpuPercent,
  memoryBytes: memory,
  memoryWorkingSetBytes: memory,
  memoryLimitBytes: 0,
  networkRxBytes: 0,
  networkTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  restarts: 0,
  oomKilled: false,
  image: 'busybox',
  startedAt: undefined,
  cpuSeconds: 1,
});

function harness(polls: (() => ResourceReading)[], gpu?: () => GpuReading) {
  const recorded: ResourceSample[][] = [];
  const reported: string[] = [];
  const events: string[] = [];
  const gpuSets: (GpuReading | undefined)[] = [];
  let poll = 0;
  const sampling = createResourceSampling({
    poller: { poll: () => Promise.resolve().then(() => polls[Math.min(poll++, polls.length - 1)]!()) },
    ...(gpu ? { gpu: { sample: () => Promise.resolve().then(gpu) } } : {}),
    store: { recordResources: (samples) => void recorded.push([...samples]) },
    metrics: { setContainers: () => undefined, setGpus: (reading) => void gpuSets.push(reading) },
    now: () => 5000,
    onContainer: (entry) => void events.push(entry.containerName),
    report: (_error, context) => void reported.push(context),
  });
  return { sampling, recorded, reported, events, gpuSets };
}

describe('createResourceSampling', () => {
  it('starts empty, then records per-service sums, one event per container and the host', async () => {
    const { sampling, recorded, events } = harness([
      () => ({ containers: [container('web', 10, 100), container('web', 5, 50), container('db', 1, 10, 'exited')], host: undefined }),
    ]);
    expect(sampling.reading()).toEqual({ containers: [], host: undefined });
    await sampling.poll();
    expect(sampling.reading().containers).toHaveLength(3);
    expect(recorded).toEqual([[{ service: 'web', at: 5000, cpuPercent: 15, memoryBytes: 150 }]]);
    expect(events).toEqual(['demo-web-1', 'demo-web-1', 'demo-db-1']);
    expect(sampling.gpus()).toBeUndefined();
  });

  it('keeps the previous reading when a poll fails, and reports it without throwing', async () => {
    const { sampling, reported } = harness([
      () => ({ containers: [container('web', 10, 100)], host: undefined }),
      () => {
        throw new Error('Engine gone');
      },
    ]);
    await sampling.poll();
    await sampling.poll();
    expect(reported).toEqual(['resources']);
    expect(sampling.reading().containers.map((entry) => entry.service)).toEqual(['web']);
  });

  it('records GPUs as gpu:<index> series (utilisation as CPU, VRAM as memory) and survives a failed sample', async () => {
    let fail = false;
    const { sampling, recorded, reported, gpuSets } = harness([() => ({ containers: [], host: undefined })], () => {
      if (fail) throw new Error('nvidia-smi hung');
      return {
        at: 7000,
        gpus: [
          { index: 0, name: 'A', vendor: 'nvidia', memoryTotalBytes: 8, memoryUsedBytes: 3, utilizationPercent: 40 },
          { index: 1, name: 'B', vendor: 'amd', memoryTotalBytes: 8, memoryUsedBytes: undefined, utilizationPercent: undefined },
        ],
        processes: [],
      };
    });
    await sampling.poll();
    expect(recorded.at(-1)).toEqual([
      { service: 'gpu:0', at: 7000, cpuPercent: 40, memoryBytes: 3 },
      { service: 'gpu:1', at: 7000, cpuPercent: 0, memoryBytes: 0 },
    ]);
    expect(gpuSets).toHaveLength(1);
    fail = true;
    await sampling.poll();
    expect(reported).toEqual(['gpus']);
    expect(sampling.gpus()?.at).toBe(7000);
  });

  it('reports a failing store as a store error and still emits the containers', async () => {
    const events: string[] = [];
    const reported: string[] = [];
    const sampling = createResourceSampling({
      poller: { poll: () => Promise.resolve({ containers: [container('web', 1, 1)], host: undefined }) },
      store: {
        recordResources: () => {
          throw new Error('disk full');
        },
      },
      metrics: { setContainers: () => undefined, setGpus: () => undefined },
      now: () => 0,
      onContainer: (entry) => void events.push(entry.service),
      report: (_error, context) => void reported.push(context),
    });
    await sampling.poll();
    expect(reported).toEqual(['store']);
    expect(events).toEqual(['web']);
  });
});
