import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AistackError } from '../../src/errors.js';
import type { CommandRunner } from '../../src/gpu/detect-accelerators.js';
import { resolveProjectText } from '../../src/project/load.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { ensureGpuHost } from '../../src/runtime/ensure-gpu-host.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** A fake filesystem root: paths ending in / are directories, others empty files (device nodes stand in as files). */
async function tree(files: readonly string[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aismod-gpuhost-'));
  roots.push(root);
  for (const file of files) {
    if (file.endsWith('/')) await mkdir(path.join(root, file), { recursive: true });
    else {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), '');
    }
  }
  return root;
}
// No nvidia-smi or rocm-smi installed.
const noCommands: CommandRunner = async () => undefined;
const AMD_TREE = ['dev/kfd', 'dev/dri/renderD128', 'dev/dri/card0', 'sys/module/amdgpu/'];

async function errorOf(gpu: string, root: string, dockerRuntimes: readonly string[] | undefined): Promise<AistackError | undefined> {
  const text = `name: lab\ndomain: ai.example.com\nservices:\n  ollama:\n    gpu: ${gpu}\n`;
  const project = resolveProjectText(resolveProjectPaths('/project'), text);
  return ensureGpuHost(project, { dockerRuntimes, accelerators: { root, run: noCommands } }).then(
    () => undefined,
    (error: unknown) => error as AistackError,
  );
}

describe('ensureGpuHost', () => {
  it('passes gpu: amd on a fake ROCm tree (/dev/kfd, a render node, the amdgpu module)', async () => {
    expect(await errorOf('amd', await tree(AMD_TREE), ['runc'])).toBeUndefined();
  });

  it('stops gpu: nvidia on the ROCm tree at the key, naming the AMD devices it found', async () => {
    const error = await errorOf('nvidia', await tree(AMD_TREE), ['runc']);
    expect(error?.format()).toBe(
      'aistack.yaml:5:5 AIS_STACK_GPU_NOT_ON_HOST services.ollama.gpu asks for NVIDIA, but containers on this host cannot ' +
        'have it: detected AMD ROCm (/dev/kfd, /dev/dri/renderD128)',
    );
  });

  it('stops gpu: amd where /dev/kfd is there but the amdgpu module is not', async () => {
    const error = await errorOf('amd', await tree(['dev/kfd', 'dev/dri/renderD128']), ['runc']);
    expect(error?.message).toBe(
      'services.ollama.gpu asks for AMD ROCm, but containers on this host cannot have it: detected /dev/kfd, but not the amdgpu module',
    );
  });

  it('stops an NVIDIA driver without the container toolkit runtime, and passes it with the runtime or when Docker did not answer', async () => {
    const root = await tree(['dev/nvidia0', 'proc/driver/nvidia/version']);
    expect((await errorOf('true', root, ['runc']))?.message).toBe(
      'services.ollama.gpu asks for NVIDIA, but containers on this host cannot have it: detected an NVIDIA driver, but no ' +
        'nvidia runtime in Docker and no CDI spec',
    );
    expect(await errorOf('true', root, ['nvidia', 'runc'])).toBeUndefined();
    expect(await errorOf('true', root, undefined)).toBeUndefined();
  });

  it('stops gpu: amd on an empty tree and detects nothing for a stack without a GPU', async () => {
    const root = await tree(['dev/null']);
    expect((await errorOf('amd', root, ['runc']))?.message).toBe(
      'services.ollama.gpu asks for AMD ROCm, but containers on this host cannot have it: detected no GPU (no /dev/nvidia*, ' +
        '/proc/driver/nvidia, /dev/kfd or /dev/dri/renderD*)',
    );
    expect(await errorOf('false', '/nonexistent-root', ['runc'])).toBeUndefined();
  });
});
