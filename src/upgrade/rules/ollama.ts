import type { UpgradeRule } from './types.js';

/** Ollama. */
export const ollamaRules: readonly UpgradeRule[] = [
  {
    id: 'ollama/rocm-v7',
    services: ['ollama'],
    verdict: 'blocked',
    title: 'Ollama on AMD GPUs needs ROCm v7',
    checks: 'the step upgrades an Ollama image with a rocm tag',
    why:
      'Ollama requires ROCm v7 on Linux (driver and /dev/kfd, /dev/dri) and dropped its CGO engines; a host with an older ' +
      'ROCm falls back to CPU or Vulkan without saying so',
    migration: 'check the host runs ROCm 7 (`cat /sys/module/amdgpu/version`, `rocminfo`), then `--accept ollama/rocm-v7`',
    steps: [],
    source: 'field-notes.md (ollama docs/gpu.mdx), 2026-12-01; the release that made v7 a requirement is not verified',
    applies: (context) => context.toTag !== undefined && `${context.fromTag} ${context.toTag}`.includes('rocm'),
  },
];
