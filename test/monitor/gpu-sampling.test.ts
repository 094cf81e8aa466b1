import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHostCommand } from '../../src/gpu/detect-accelerators.js';
import { createGpuSampler } from '../../src/gpu/gpu-sampler.js';
import { createMonitorEngine } from '../../src/monitor/create-monitor-engine.js';
import { createFixture, HOST, logIn } from '../server/support/server-fixture.js';
import { emptyStack } from './support/stack.js';

const MiB = 1024 * 1024;
const CONTAINER = 'ab'.repeat(32);
// Recorded: nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu,temperature.gpu,uuid --format=csv,noheader,nounits
const GPUS = '0, NVIDIA GeForce RTX 4090, 24564, 6144, 37, 51, GPU-1b2c3d4e-0000-1111-2222-333344445555\n';
// Recorded: nvidia-smi --query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits
const APPS = '4242, GPU-1b2c3d4e-0000-1111-2222-333344445555, 5120\n';

let directory: string;
const originalPath = process.env.PATH;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-gpu-'));
  // A real executable on PATH that answers like nvidia-smi with the recorded output.
  await mkdir(path.join(directory, 'bin'));
  await mkdir(path.join(directory, 'empty'));
  await writeFile(path.join(directory, 'gpus.csv'), GPUS);
  await writeFile(path.join(directory, 'apps.csv'), APPS);
  const stub = path.join(directory, 'bin', 'nvidia-smi');
  await writeFile(
    stub,
    `#!/bin/sh\ncase "$1" in\n  --query-gpu=*) cat '${directory}/gpus.csv' ;;\n  --query-compute-apps=*) cat ` +
      `'${directory}/apps.csv' ;;\n  *) exit 2 ;;\nesac\n`,
  );
  await chmod(stub, 0o755);
  await mkdir(path.join(directory, 'proc/4242'), { recursive: true });
  await writeFile(path.join(directory, 'proc/4242/cgroup'), `0::/system.slice/docker-${CONTAINER}.scope\n`);
});
afterAll(async () => {
  process.env.PATH = originalPath;
  await rm(directory, { recursive: true, force: true });
});

describe('GPU sampling by the host-side monitor', () => {
  it('runs nvidia-smi from PATH: GPUs, processes by container, history, /api/gpus and aistack_gpu_* series', async () => {
    process.env.PATH = `${path.join(directory, 'bin')}:${originalPath}`;
    const sampler = createGpuSampler({ run: runHostCommand, procDirectory: path.join(directory, 'proc'), now: Date.now });
    expect(await sampler.sample()).toEqual({
      at: expect.any(Number),
      gpus: [
        {
          index: 0,
          name: 'NVIDIA GeForce RTX 4090',
          vendor: 'nvidia',
          memoryTotalBytes: 24564 * MiB,
          memoryUsedBytes: 6144 * MiB,
          utilizationPercent: 37,
          temperatureCelsius: 51,
          uuid: 'GPU-1b2c3d4e-0000-1111-2222-333344445555',
        },
      ],
      processes: [
        {
          pid: 4242,
          gpuUuid: 'GPU-1b2c3d4e-0000-1111-2222-333344445555',
          usedMemoryBytes: 5120 * MiB,
          gpuIndex: 0,
          containerId: CONTAINER,
        },
      ],
    });

    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors: [],
      databasePath: path.join(directory, 'monitor.db'),
      composeProject: 'none',
      notifiers: [],
      gpu: sampler,
    });
    const fixture = await createFixture({ server: { engine } });
    try {
      await engine.start();
      const labels = 'gpu="0",name="NVIDIA GeForce RTX 4090",uuid="GPU-1b2c3d4e-0000-1111-2222-333344445555"';
      const text = await engine.metrics();
      expect(text).toContain(`aistack_gpu_utilization_ratio{${labels}} 0.37\n`);
      expect(text).toContain(`aistack_gpu_memory_used_bytes{${labels}} ${6144 * MiB}\n`);
      expect(text).toContain(`aistack_gpu_memory_total_bytes{${labels}} ${24564 * MiB}\n`);
      expect(text).toContain(
        `aistack_gpu_container_memory_used_bytes{gpu="0",uuid="GPU-1b2c3d4e-0000-1111-2222-333344445555",service=""} ${5120 * MiB}\n`,
      );
      const { cookie } = await logIn(fixture.app);
      const response = await fixture.app.inject({ method: 'GET', url: '/api/gpus', headers: { host: HOST, cookie } });
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        sampled: boolean;
        gpus: { series: { utilization: { value: number }[]; memory: { value: number }[] } }[];
      }>();
      expect(body).toMatchObject({
        sampled: true,
        gpus: [{ index: 0, utilizationPercent: 37, memoryUsedBytes: 6144 * MiB }],
        processes: [{ pid: 4242, gpuIndex: 0, usedMemoryBytes: 5120 * MiB }],
      });
      expect(body.gpus[0]?.series.utilization.map((point) => point.value)).toEqual([37]);
      expect(body.gpus[0]?.series.memory.map((point) => point.value)).toEqual([6144 * MiB]);
    } finally {
      await engine.stop();
      await fixture.close();
    }
  });

  it('without nvidia-smi or rocm-smi on PATH: no GPUs and no aistack_gpu_* series', async () => {
    process.env.PATH = path.join(directory, 'empty');
    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors: [],
      databasePath: path.join(directory, 'none.db'),
      composeProject: 'none',
      notifiers: [],
      gpu: createGpuSampler({ run: runHostCommand, now: Date.now }),
    });
    try {
      await engine.start();
      expect(engine.gpus?.()).toEqual({ at: expect.any(Number), gpus: [], processes: [] });
      expect(await engine.metrics()).not.toMatch(/^aistack_gpu_\w+\{/m);
    } finally {
      await engine.stop();
      process.env.PATH = originalPath;
    }
  });
});
