import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectAccelerators } from '../../src/gpu/detect-accelerators.js';
import type { CommandRunner } from '../../src/gpu/detect-accelerators.js';
import { parseNvidiaSmiApps, parseNvidiaSmiGpus } from '../../src/gpu/parse-nvidia-smi.js';
import { parseRocmSmi } from '../../src/gpu/parse-rocm-smi.js';

const MiB = 1024 * 1024;
// Recorded: nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu,temperature.gpu --format=csv,noheader,nounits
const NVIDIA_GPUS = '0, NVIDIA GeForce RTX 4090, 24564, 1234, 37, 51\n1, Tesla T4, 15360, [N/A], [N/A], 40\n';
const NVIDIA_APPS = '4242, GPU-1b2c3d4e-0000-1111-2222-333344445555, 5120\n';
// Recorded shape of rocm-smi --showuse --showmeminfo vram --showproductname --json (ROCm 6/7).
const ROCM = JSON.stringify({
  card0: {
    'GPU use (%)': '12',
    'VRAM Total Memory (B)': '17163091968',
    'VRAM Total Used Memory (B)': '1073741824',
    'Card series': 'Radeon RX 7800 XT',
  },
  system: { 'Driver version': '6.8.0' },
});

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});
async function tree(files: readonly string[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aismod-gpu-'));
  roots.push(root);
  for (const file of files) {
    const [name, content = ''] = file.split('=');
    await mkdir(path.dirname(path.join(root, name!)), { recursive: true });
    if (name!.endsWith('/')) await mkdir(path.join(root, name!), { recursive: true });
    else await writeFile(path.join(root, name!), content);
  }
  return root;
}
const recorded =
  (outputs: Record<string, string>): CommandRunner =>
  async (command, args) => {
    const key = `${command} ${args[0] ?? ''}`.split('=')[0]!;
    return outputs[key] === undefined ? undefined : { exitCode: 0, stdout: outputs[key] };
  };

describe('GPU output parsers', () => {
  it('reads nvidia-smi CSV, unknown cells as undefined', () => {
    expect(parseNvidiaSmiGpus(NVIDIA_GPUS)).toEqual([
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 4090',
        vendor: 'nvidia',
        memoryTotalBytes: 24564 * MiB,
        memoryUsedBytes: 1234 * MiB,
        utilizationPercent: 37,
        temperatureCelsius: 51,
      },
      {
        index: 1,
        name: 'Tesla T4',
        vendor: 'nvidia',
        memoryTotalBytes: 15360 * MiB,
        memoryUsedBytes: undefined,
        utilizationPercent: undefined,
        temperatureCelsius: 40,
      },
    ]);
    expect(parseNvidiaSmiApps(NVIDIA_APPS)).toEqual([
      { pid: 4242, gpuUuid: 'GPU-1b2c3d4e-0000-1111-2222-333344445555', usedMemoryBytes: 5120 * MiB },
    ]);
    expect(parseNvidiaSmiGpus('')).toEqual([]);
  });

  it('reads rocm-smi JSON per card and ignores the system entry', () => {
    expect(parseRocmSmi(ROCM)).toEqual([
      {
        index: 0,
        name: 'Radeon RX 7800 XT',
        vendor: 'amd',
        memoryTotalBytes: 17163091968,
        memoryUsedBytes: 1073741824,
        utilizationPercent: 12,
      },
    ]);
    expect(parseRocmSmi('not json')).toEqual([]);
  });
});

describe('detectAccelerators', () => {
  it('NVIDIA with the container toolkit runtime', async () => {
    const root = await tree(['dev/nvidia0', 'dev/nvidiactl']);
    const report = await detectAccelerators({
      root,
      run: recorded({ 'nvidia-smi --query-gpu': NVIDIA_GPUS, 'nvidia-smi --query-compute-apps': NVIDIA_APPS }),
      dockerRuntimes: ['io.containerd.runc.v2', 'nvidia', 'runc'],
    });
    expect(report.vendor).toBe('nvidia');
    expect(report.nvidia).toEqual({ driver: true, smi: true, containerToolkit: true, cdiSpecs: [] });
    expect(report.gpus.map((gpu) => gpu.name)).toEqual(['NVIDIA GeForce RTX 4090', 'Tesla T4']);
    expect(report.processes).toHaveLength(1);
    expect(report.problems).toEqual([]);
  });

  it('NVIDIA through a CDI spec, without the runtime', async () => {
    const root = await tree([
      'dev/nvidia0',
      'etc/cdi/nvidia.yaml=cdiVersion: 0.5.0\nkind: nvidia.com/gpu\n',
      'etc/cdi/other.yaml=kind: vendor.com/x\n',
    ]);
    const report = await detectAccelerators({ root, run: recorded({ 'nvidia-smi --query-gpu': NVIDIA_GPUS }), dockerRuntimes: ['runc'] });
    expect(report.vendor).toBe('nvidia');
    expect(report.nvidia.cdiSpecs).toEqual(['/etc/cdi/nvidia.yaml']);
  });

  it('an NVIDIA GPU that containers cannot reach is a problem with its fix, and no accelerator', async () => {
    const root = await tree(['proc/driver/nvidia/version=NVRM version: 550.54']);
    const report = await detectAccelerators({ root, run: recorded({}), dockerRuntimes: ['runc'] });
    expect(report.vendor).toBe('none');
    expect(report.problems.map((problem) => problem.detail)).toEqual([
      'an NVIDIA GPU is here but Docker cannot hand it to containers (no nvidia runtime, no CDI spec)',
      'the NVIDIA driver is loaded but nvidia-smi is not installed (no utilisation or VRAM figures)',
    ]);
  });

  it('AMD ROCm from /dev/kfd, render nodes and the amdgpu module', async () => {
    const root = await tree(['dev/kfd', 'dev/dri/renderD128', 'dev/dri/renderD129', 'dev/dri/card0', 'sys/module/amdgpu/']);
    const report = await detectAccelerators({ root, run: recorded({ 'rocm-smi --showuse': ROCM }) });
    expect(report.vendor).toBe('amd');
    expect(report.amd).toEqual({ kfd: true, renderNodes: ['/dev/dri/renderD128', '/dev/dri/renderD129'], amdgpuModule: true });
    expect(report.gpus[0]?.name).toBe('Radeon RX 7800 XT');
  });

  it('render nodes without the amdgpu module are not ROCm (an Intel iGPU), and without /dev/kfd there is no AMD', async () => {
    const intel = await detectAccelerators({ root: await tree(['dev/dri/renderD128']), run: recorded({}) });
    expect(intel.vendor).toBe('none');
    expect(intel.problems).toEqual([]);
    const half = await detectAccelerators({ root: await tree(['dev/kfd', 'dev/dri/renderD128']), run: recorded({}) });
    expect(half.vendor).toBe('none');
    expect(half.problems[0]?.detail).toBe('/dev/kfd is here but the amdgpu module is not loaded');
  });

  it('none on an empty host', async () => {
    const report = await detectAccelerators({ root: await tree([]), run: recorded({}) });
    expect(report).toMatchObject({ vendor: 'none', gpus: [], problems: [] });
  });
});
