import { describeHostAccelerators } from '../gpu/describe-host-accelerators.js';
import { detectAccelerators, runHostCommand } from '../gpu/detect-accelerators.js';
import type { CommandRunner } from '../gpu/detect-accelerators.js';
import { createLocator } from '../manifest/locate.js';
import type { Project } from '../project/load.js';
import { checkGpuHost } from '../stack/check-gpu-host.js';

export interface EnsureGpuHostOptions {
  /** `docker info` runtimes; undefined when Docker did not answer. */
  readonly dockerRuntimes: readonly string[] | undefined;
  /** Filesystem root and command runner of the detection (tests pass a fake tree and recorded outputs). @default / and the host's commands */
  readonly accelerators?: { readonly root: string; readonly run: CommandRunner };
}

/**
 * Before `up`/`deploy` pull or start anything, and in `check`: the GPU each service names against
 * what this host offers containers (AIS_STACK_GPU_NOT_ON_HOST at its `gpu` key). Detects only when
 * some service asks for a GPU.
 */
export async function ensureGpuHost(project: Project, options: EnsureGpuHostOptions): Promise<void> {
  if (!project.stack.services.some((service) => service.gpu !== false)) return;
  const report = await detectAccelerators({
    root: options.accelerators?.root ?? '/',
    run: options.accelerators?.run ?? runHostCommand,
    ...(options.dockerRuntimes ? { dockerRuntimes: options.dockerRuntimes } : {}),
  });
  const host = describeHostAccelerators(report, { dockerAnswered: options.dockerRuntimes !== undefined });
  checkGpuHost(project.stack, host, createLocator(project.manifestText, 'aistack.yaml'));
}
