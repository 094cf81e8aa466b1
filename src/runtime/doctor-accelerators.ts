import { detectAccelerators, runHostCommand } from '../gpu/detect-accelerators.js';
import type { CommandRunner } from '../gpu/detect-accelerators.js';
import { formatBytes } from '../models/pull-tracker.js';
import type { Stack } from '../stack/types.js';
import type { EngineInfo } from './engine.js';

interface Check {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  readonly fix?: string;
}

/** `doctor`'s accelerator lines: what is here (NVIDIA, AMD ROCm, none), what blocks it, and whether the GPU services can have it. */
export async function acceleratorChecks(
  stack: Stack,
  info: EngineInfo | undefined,
  options: { readonly accelerators?: { readonly root: string; readonly run: CommandRunner } },
): Promise<Check[]> {
  const report = await detectAccelerators({
    root: options.accelerators?.root ?? '/',
    run: options.accelerators?.run ?? runHostCommand,
    ...(info ? { dockerRuntimes: info.runtimes } : {}),
  });
  const gpus = report.gpus.map((gpu) => `${gpu.name} (${formatBytes(gpu.memoryTotalBytes)})`).join(', ');
  const checks: Check[] = [
    {
      name: 'accelerator',
      status: 'ok',
      detail:
        report.vendor === 'none'
          ? 'no GPU containers can use (models run on the CPU)'
          : report.vendor === 'nvidia'
            ? `NVIDIA${gpus ? `: ${gpus}` : ''} via ` +
              (report.nvidia.containerToolkit ? 'the container toolkit runtime' : `CDI (${report.nvidia.cdiSpecs.join(', ')})`)
            : `AMD ROCm: ${report.amd.renderNodes.join(', ')}${gpus ? `; ${gpus}` : ''}`,
    },
    ...report.problems.map((problem): Check => ({ name: 'accelerator', status: 'warn', detail: problem.detail, fix: problem.fix })),
  ];
  const gpuServices = stack.services.filter((service) => service.gpu).map((service) => service.id);
  if (gpuServices.length > 0)
    checks.push(
      report.vendor === 'nvidia'
        ? { name: 'gpu', status: 'ok', detail: `NVIDIA GPU for ${gpuServices.join(', ')}` }
        : report.vendor === 'amd'
          ? {
              name: 'gpu',
              status: 'warn',
              detail: `${gpuServices.join(', ')} reserve an NVIDIA GPU but this host has AMD ROCm`,
              fix: 'use the :rocm image (services.ollama.image: ollama/ollama:0.32.15-rocm) with /dev/kfd and /dev/dri (docs/models.md)',
            }
          : {
              name: 'gpu',
              status: 'fail',
              detail: `${gpuServices.join(', ')} want a GPU but containers on this host cannot have one`,
              fix: report.problems[0]?.fix ?? 'set gpu: false in aistack.yaml, or run on a host with a GPU',
            },
    );
  return checks;
}
