import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DockerStatsInput } from '../../src/monitor/container-stats.js';
import { computeContainerUsage } from '../../src/monitor/container-stats.js';

const fixture = (name: string): DockerStatsInput =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as DockerStatsInput;

describe('computeContainerUsage', () => {
  it('reads a cgroup v1 answer (recorded on this host) the way docker stats does', () => {
    expect(computeContainerUsage(fixture('stats-cgroup-v1.json'))).toEqual({
      // (329045763 − 260506202) / (10320600000000 − 10318610000000) × 2 CPUs × 100
      cpuPercent: 6.89,
      cpuSeconds: 0.329045763,
      memoryBytes: 9_428_992,
      // usage − total_inactive_file (8 MiB of page cache written by dd)
      memoryWorkingSetBytes: 1_040_384,
      memoryLimitBytes: 67_108_864,
      networkRxBytes: 736,
      networkTxBytes: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0,
    });
  });

  it('reads a cgroup v2 answer: inactive_file, lower-case block I/O ops, no percpu_usage, several networks', () => {
    expect(computeContainerUsage(fixture('stats-cgroup-v2.json'))).toEqual({
      // 500000000 / 4000000000 × 4 CPUs × 100
      cpuPercent: 50,
      cpuSeconds: 8.511744,
      memoryBytes: 157_286_400,
      memoryWorkingSetBytes: 157_286_400 - 29_360_128,
      memoryLimitBytes: 536_870_912,
      networkRxBytes: 1_048_576 + 2048,
      networkTxBytes: 524_288 + 1024,
      blockReadBytes: 4_956_160,
      blockWriteBytes: 1_216_512,
    });
  });

  it('counts cgroup v1 block I/O ops written Read and Write', () => {
    const stats = {
      ...fixture('stats-cgroup-v1.json'),
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 4096 },
          { op: 'Write', value: 8192 },
          { op: 'Sync', value: 1 },
          { op: 'Total', value: 12288 },
        ],
      },
    };
    expect(computeContainerUsage(stats)).toMatchObject({ blockReadBytes: 4096, blockWriteBytes: 8192 });
  });

  it('falls back to the previous reading when a one-shot answer has no precpu_stats', () => {
    const stats = fixture('stats-cgroup-v2.json');
    const oneShot: DockerStatsInput = { ...stats, precpu_stats: { cpu_usage: { total_usage: 0 } } };
    expect(computeContainerUsage(oneShot).cpuPercent).toBe(0);
    expect(computeContainerUsage(oneShot, { total: 8_311_744_000, system: 3_893_230_000_000 }).cpuPercent).toBe(40);
  });

  it('never reports a working set above usage or below zero', () => {
    const stats: DockerStatsInput = { memory_stats: { usage: 1000, limit: 2000, stats: { inactive_file: 5000 } } };
    expect(computeContainerUsage(stats).memoryWorkingSetBytes).toBe(1000);
  });
});
