import { execFile } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMissingFile } from '../util/is-missing-file.js';
import { NVIDIA_APPS_QUERY, NVIDIA_GPU_QUERY, parseNvidiaSmiApps, parseNvidiaSmiGpus } from './parse-nvidia-smi.js';
import type { GpuProcessSample, GpuSample } from './parse-nvidia-smi.js';
import { parseRocmSmi, ROCM_SMI_ARGS } from './parse-rocm-smi.js';

/** Runs a host command; undefined when it is not installed. Tests pass recorded outputs instead. */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<{ exitCode: number; stdout: string } | undefined>;

export interface AcceleratorReport {
  /** What Ollama can use here: NVIDIA (with the container toolkit or CDI), AMD ROCm, or none. */
  readonly vendor: 'nvidia' | 'amd' | 'none';
  readonly nvidia: {
    readonly driver: boolean;
    readonly smi: boolean;
    /** Docker knows the `nvidia` runtime (`docker info`): the NVIDIA Container Toolkit is configured. */
    readonly containerToolkit: boolean;
    /** CDI spec files that name nvidia.com devices (/etc/cdi, /var/run/cdi). */
    readonly cdiSpecs: readonly string[];
  };
  readonly amd: { readonly kfd: boolean; readonly renderNodes: readonly string[]; readonly amdgpuModule: boolean };
  readonly gpus: readonly GpuSample[];
  readonly processes: readonly GpuProcessSample[];
  /** What stands between the host's GPU and the containers, each with its fix. */
  readonly problems: readonly { readonly detail: string; readonly fix: string }[];
}

export interface DetectOptions {
  /** The filesystem root to look under (`/`; tests pass a temporary tree with fake /dev and /sys). */
  readonly root: string;
  readonly run: CommandRunner;
  /** `docker info` runtimes, when Docker answered. */
  readonly dockerRuntimes?: readonly string[];
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function list(directory: string): Promise<string[]> {
  return readdir(directory).catch(() => [] as string[]);
}

/**
 * Which accelerators the host has and whether containers can use them: NVIDIA (nvidia-smi, toolkit runtime, CDI), AMD ROCm
 * (/dev/kfd, /dev/dri/renderD*, the amdgpu module), or none.
 */
export async function detectAccelerators(options: DetectOptions): Promise<AcceleratorReport> {
  const at = (...parts: string[]): string => path.join(options.root, ...parts);
  const nvidiaDevices = (await list(at('dev'))).filter((name) => /^nvidia\d+$/.test(name));
  const nvidiaDriver = nvidiaDevices.length > 0 || (await exists(at('proc/driver/nvidia/version')));
  const smi = await options.run('nvidia-smi', [`--query-gpu=${NVIDIA_GPU_QUERY.join(',')}`, '--format=csv,noheader,nounits']);
  const nvidiaGpus = smi?.exitCode === 0 ? parseNvidiaSmiGpus(smi.stdout) : [];
  const apps =
    nvidiaGpus.length > 0
      ? await options.run('nvidia-smi', [`--query-compute-apps=${NVIDIA_APPS_QUERY.join(',')}`, '--format=csv,noheader,nounits'])
      : undefined;
  const cdiSpecs: string[] = [];
  for (const directory of ['etc/cdi', 'var/run/cdi']) {
    for (const name of (await list(at(directory))).sort()) {
      if (!/\.(ya?ml|json)$/.test(name)) continue;
      const text = await readFile(at(directory, name), 'utf8').catch(() => '');
      if (text.includes('nvidia.com/gpu')) cdiSpecs.push(`/${directory}/${name}`);
    }
  }
  const containerToolkit = (options.dockerRuntimes ?? []).includes('nvidia');

  const kfd = await exists(at('dev/kfd'));
  const renderNodes = (await list(at('dev/dri')))
    .filter((name) => /^renderD\d+$/.test(name))
    .sort()
    .map((name) => `/dev/dri/${name}`);
  const amdgpuModule = await exists(at('sys/module/amdgpu'));
  const amdPresent = kfd && renderNodes.length > 0 && amdgpuModule;
  const rocm = amdPresent ? await options.run('rocm-smi', [...ROCM_SMI_ARGS]) : undefined;
  const amdGpus = rocm?.exitCode === 0 ? parseRocmSmi(rocm.stdout) : [];

  const problems: { detail: string; fix: string }[] = [];
  const nvidiaPresent = nvidiaDriver || nvidiaGpus.length > 0;
  if (nvidiaPresent && !containerToolkit && cdiSpecs.length === 0)
    problems.push({
      detail: 'an NVIDIA GPU is here but Docker cannot hand it to containers (no nvidia runtime, no CDI spec)',
      fix: 'apt-get install nvidia-container-toolkit && nvidia-ctk runtime configure --runtime=docker && systemctl restart docker',
    });
  if (nvidiaDriver && smi === undefined)
    problems.push({
      detail: 'the NVIDIA driver is loaded but nvidia-smi is not installed (no utilisation or VRAM figures)',
      fix: 'install the driver utilities (nvidia-utils)',
    });
  if (kfd && !amdgpuModule)
    problems.push({
      detail: '/dev/kfd is here but the amdgpu module is not loaded',
      fix: 'modprobe amdgpu (ROCm v7 is needed by Ollama)',
    });
  const vendor = nvidiaPresent && (containerToolkit || cdiSpecs.length > 0) ? 'nvidia' : amdPresent ? 'amd' : 'none';
  return {
    vendor,
    nvidia: { driver: nvidiaDriver, smi: smi?.exitCode === 0, containerToolkit, cdiSpecs },
    amd: { kfd, renderNodes, amdgpuModule },
    gpus: [...nvidiaGpus, ...amdGpus],
    processes: apps?.exitCode === 0 ? parseNvidiaSmiApps(apps.stdout) : [],
    problems,
  };
}

/** The host's commands, each bounded to 5 s; a missing binary is undefined. */
export const runHostCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 5000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error && isMissingFile(error)) {
        resolve(undefined);
        return;
      }
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ exitCode: code, stdout });
    });
  });
