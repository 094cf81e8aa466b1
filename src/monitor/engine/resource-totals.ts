import type { ResourceSample } from '../store.js';

/** CPU and working-set memory summed over each service's running containers, as store samples at `at`. */
export function sumResourcesByService(
  containers: readonly {
    readonly service: string;
    readonly state: string;
    readonly cpuPercent: number;
    readonly memoryWorkingSetBytes: number;
  }[],
  at: number,
): ResourceSample[] {
  const perService = new Map<string, { cpu: number; memory: number }>();
  for (const container of containers) {
    if (container.state !== 'running') continue;
    const sum = perService.get(container.service) ?? { cpu: 0, memory: 0 };
    sum.cpu += container.cpuPercent;
    sum.memory += container.memoryWorkingSetBytes;
    perService.set(container.service, sum);
  }
  return [...perService].map(([service, sum]) => ({ service, at, cpuPercent: sum.cpu, memoryBytes: sum.memory }));
}
