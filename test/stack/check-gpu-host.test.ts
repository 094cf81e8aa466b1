import { describe, expect, it } from 'vitest';
import type { AistackError } from '../../src/errors.js';
import { createLocator } from '../../src/manifest/locate.js';
import { resolveProjectText } from '../../src/project/load.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { checkGpuHost } from '../../src/stack/check-gpu-host.js';
import type { HostAccelerators } from '../../src/stack/check-gpu-host.js';

const NONE: HostAccelerators = { vendors: [], detected: 'no GPU (no /dev/nvidia*, /proc/driver/nvidia, /dev/kfd or /dev/dri/renderD*)' };
const AMD: HostAccelerators = { vendors: ['amd'], detected: 'AMD ROCm (/dev/kfd, /dev/dri/renderD128)' };
const BOTH: HostAccelerators = {
  vendors: ['nvidia', 'amd'],
  detected: 'NVIDIA via the container toolkit runtime; AMD ROCm (/dev/kfd, /dev/dri/renderD128)',
};

function errorOf(text: string, host: HostAccelerators): AistackError | undefined {
  const { stack } = resolveProjectText(resolveProjectPaths('/project'), text);
  try {
    checkGpuHost(stack, host, createLocator(text, 'aistack.yaml'));
  } catch (error: unknown) {
    return error as AistackError;
  }
  return undefined;
}

const manifestWith = (gpu: string): string => `name: lab\ndomain: ai.example.com\nservices:\n  open-webui:\n  ollama:\n    gpu: ${gpu}\n`;

describe('checkGpuHost', () => {
  it('stops gpu: amd on a host without a GPU at the key, naming what was detected', () => {
    const error = errorOf(manifestWith('amd'), NONE);
    expect(error?.format()).toBe(
      'aistack.yaml:6:5 AIS_STACK_GPU_NOT_ON_HOST services.ollama.gpu asks for AMD ROCm, but containers on this host cannot ' +
        'have it: detected no GPU (no /dev/nvidia*, /proc/driver/nvidia, /dev/kfd or /dev/dri/renderD*)',
    );
    expect(error?.hint).toBe(
      'set services.ollama.gpu: false to run ollama on the CPU, or make the GPU usable (`aistack doctor` says what is missing)',
    );
  });

  it('stops gpu: true (NVIDIA) on an AMD host and names the vendor to set', () => {
    const error = errorOf(manifestWith('true'), AMD);
    expect(error?.format()).toBe(
      'aistack.yaml:6:5 AIS_STACK_GPU_NOT_ON_HOST services.ollama.gpu asks for NVIDIA, but containers on this host cannot ' +
        'have it: detected AMD ROCm (/dev/kfd, /dev/dri/renderD128)',
    );
    expect(error?.hint).toBe('set services.ollama.gpu: amd');
  });

  it('passes a vendor the host has, either one on a host with both, and a stack without GPUs anywhere', () => {
    expect(errorOf(manifestWith('amd'), AMD)).toBeUndefined();
    expect(errorOf(manifestWith('nvidia'), BOTH)).toBeUndefined();
    expect(errorOf(manifestWith('amd'), BOTH)).toBeUndefined();
    expect(errorOf(manifestWith('false'), NONE)).toBeUndefined();
  });
});
