import { describeHostAccelerators } from '../gpu/describe-host-accelerators.js';
import { detectAccelerators, runHostCommand } from '../gpu/detect-accelerators.js';
import type { CommandRunner } from '../gpu/detect-accelerators.js';
import { formatBytes } from '../util/format-bytes.js';
import type { Stack } from '../stack/types.js';
import type { EngineInfo } from './engine.js';

const VENDOR_NAMES = { nvidia: 'NVIDIA', amd: 'AMD ROCm' } as const;

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
  // The same facts `up`, `deploy` and `check` hold each service's `gpu` against (AIS_STACK_GPU_NOT_ON_HOST).
  const host = describeHostAccelerators(report, { dockerAnswered: info !== undefined });
  const wanting = stack.services.flatMap((service) => (service.gpu === false ? [] : [{ id: service.id, vendor: service.gpu }]));
  const unmet = wanting.filter((service) => !host.vendors.includes(service.vendor));
  const ids = (services: typeof wanting): string => services.map((service) => service.id).join(', ');
  const [firstUnmet] = unmet;
  if (wanting.length > 0)
    checks.push(
      firstUnmet === undefined
        ? { name: 'gpu', status: 'ok', detail: `${VENDOR_NAMES[wanting[0]!.vendor]} GPU for ${ids(wanting)}` }
        : {
            name: 'gpu',
            status: 'fail',
            detail: `${ids(unmet)} ask for ${VENDOR_NAMES[firstUnmet.vendor]} but containers on this host cannot have it; detected ${host.detected}`,
            fix:
              host.vendors.length > 0
                ? `set services.${firstUnmet.id}.gpu: ${host.vendors.join(' or ')} in aistack.yaml (docs/models.md)`
                : (report.problems[0]?.fix ?? 'set gpu: false in aistack.yaml, or run on a host with a GPU'),
          },
    );
  return checks;
}
