import { describe, expect, it } from 'vitest';
import { sumResourcesByService } from '../../../src/monitor/engine/resource-totals.js';

const container = (service: string, state: string, cpuPercent: number, memoryWorkingSetBytes: number) => ({
  service,
  state,
  cpuPercent,
  memoryWorkingSetBytes,
});

describe('sumResourcesByService', () => {
  it('sums the running containers of each service and ignores stopped ones', () => {
    expect(
      sumResourcesByService(
        [
          container('web', 'running', 10, 100),
          container('web', 'running', 5, 50),
          container('web', 'exited', 99, 999),
          container('db', 'running', 1, 10),
        ],
        42,
      ),
    ).toEqual([
      { service: 'web', at: 42, cpuPercent: 15, memoryBytes: 150 },
      { service: 'db', at: 42, cpuPercent: 1, memoryBytes: 10 },
    ]);
  });

  it('has no sample without running containers', () => {
    expect(sumResourcesByService([container('web', 'restarting', 1, 1)], 0)).toEqual([]);
  });
});
