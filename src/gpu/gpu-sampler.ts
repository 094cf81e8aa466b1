import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandRunner } from './detect-accelerators.js';
import { NVIDIA_APPS_QUERY, NVIDIA_GPU_QUERY, parseNvidiaSmiApps, parseNvidiaSmiGpus } from './parse-nvidia-smi.js';
import type { GpuProcessSample, GpuSample } from './parse-nvidia-smi.js';
import { parseRocmSmi, ROCM_SMI_ARGS } from './parse-rocm-smi.js';

/** A process using a GPU, with the GPU's index and the Docker container it runs in (from its cgroup), when known. */
export interface GpuProcess extends GpuProcessSample {
  readonly gpuIndex: number | undefined;
  readonly containerId: string | undefined;
}

/** One sample of the host's GPUs; `gpus` is empty when there is none (or no nvidia-smi / rocm-smi). */
export interface GpuReading {
  readonly at: number;
  readonly gpus: readonly GpuSample[];
  readonly processes: readonly GpuProcess[];
}

export interface GpuSampler {
  sample(): Promise<GpuReading>;
}

export interface GpuSamplerOptions {
  /** Runs nvidia-smi / rocm-smi (`runHostCommand`: the real ones on PATH). */
  readonly run: CommandRunner;
  /** Root of /proc, where a PID's cgroup names its container. @default '/proc' */
  readonly procDirectory?: string;
  readonly now: () => number;
}

// cgroup v1 `…/docker/<id>`, cgroup v2 `…/docker-<id>.scope`.
const CONTAINER_ID = /(?:docker[-/]|\/)([0-9a-f]{64})(?:\.scope)?\s*$/m;

/**
 * Sample the GPUs the way `aistack serve` does on the host: nvidia-smi (GPUs, then compute apps,
 * each PID matched to its container through /proc/<pid>/cgroup), else rocm-smi. A missing or
 * failing tool is "no GPU", never an error.
 */
export function createGpuSampler(options: GpuSamplerOptions): GpuSampler {
  const proc = options.procDirectory ?? '/proc';
  const containerOf = async (pid: number): Promise<string | undefined> => {
    const text = await readFile(path.join(proc, String(pid), 'cgroup'), 'utf8').catch(() => '');
    return CONTAINER_ID.exec(text)?.[1];
  };
  return {
    async sample() {
      const at = options.now();
      const smi = await options.run('nvidia-smi', [`--query-gpu=${NVIDIA_GPU_QUERY.join(',')}`, '--format=csv,noheader,nounits']);
      const nvidia = smi?.exitCode === 0 ? parseNvidiaSmiGpus(smi.stdout) : [];
      if (nvidia.length > 0) {
        const apps = await options.run('nvidia-smi', [
          `--query-compute-apps=${NVIDIA_APPS_QUERY.join(',')}`,
          '--format=csv,noheader,nounits',
        ]);
        const processes = apps?.exitCode === 0 ? parseNvidiaSmiApps(apps.stdout) : [];
        return {
          at,
          gpus: nvidia,
          processes: await Promise.all(
            processes.map(async (process) => ({
              ...process,
              gpuIndex: nvidia.find((gpu) => gpu.uuid === process.gpuUuid)?.index,
              containerId: await containerOf(process.pid),
            })),
          ),
        };
      }
      const rocm = await options.run('rocm-smi', [...ROCM_SMI_ARGS]);
      return { at, gpus: rocm?.exitCode === 0 ? parseRocmSmi(rocm.stdout) : [], processes: [] };
    },
  };
}
