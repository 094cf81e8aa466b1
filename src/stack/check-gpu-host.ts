import { StackError } from '../errors.js';
import type { Locate } from '../manifest/locate.js';
import type { GpuVendor } from '../manifest/schema.js';
import { withLocation } from './resolve/context.js';
import type { Stack } from './types.js';

/** What this host offers containers, as `doctor` detects it (src/gpu/detect-accelerators.ts), and in words for messages. */
export interface HostAccelerators {
  /** The vendors containers here can use (both on a host with NVIDIA and AMD GPUs; none on most). */
  readonly vendors: readonly GpuVendor[];
  /** What was found, e.g. `AMD ROCm (/dev/kfd, /dev/dri/renderD128)` or `no GPU (no /dev/nvidia*, no /dev/kfd)`. */
  readonly detected: string;
}

/**
 * Every GPU service against the host's accelerators: a vendor the host cannot give containers is
 * an error at the service's `gpu` key (all of them at once, the first one thrown), because Docker
 * would refuse to start the container anyway, later and less clearly. Pure: the host facts come in.
 */
export function checkGpuHost(stack: Stack, host: HostAccelerators, locate?: Locate): void {
  const problems = stack.services.flatMap((service) => {
    if (service.gpu === false || host.vendors.includes(service.gpu)) return [];
    const key = `services.${service.id}.gpu`;
    return [
      {
        service: service.id,
        vendor: service.gpu,
        detected: host.detected,
        hint:
          host.vendors.length === 0
            ? `set ${key}: false to run ${service.id} on the CPU, or make the GPU usable (\`aistack doctor\` says what is missing)`
            : `set ${key}: ${host.vendors.join(' or ')}`,
        ...withLocation(locate?.(['services', service.id, 'gpu'])),
      },
    ];
  });
  const [first, ...rest] = problems;
  if (first) {
    const related = rest.map((problem) => new StackError('AIS_STACK_GPU_NOT_ON_HOST', problem));
    throw new StackError('AIS_STACK_GPU_NOT_ON_HOST', { ...first, related });
  }
}
