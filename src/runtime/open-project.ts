import { access } from 'node:fs/promises';
import { DockerError } from '../errors.js';
import type { Project } from '../project/load.js';
import { loadProject } from '../project/load.js';
import { resolveProjectPaths } from '../project/paths.js';
import type { Stack } from '../stack/types.js';
import type { RolloutService } from './rollout.js';
import { planRollout } from './rollout.js';
import type { RuntimeContext, RuntimeContextOptions } from './runtime-context.js';
import { createRuntimeContext } from './runtime-context.js';
import type { DeclaredService } from './service-status.js';

export interface OpenedProject {
  readonly context: RuntimeContext;
  readonly project: Project | undefined;
  readonly stackName: string;
  readonly plan: readonly RolloutService[];
  readonly declared: readonly DeclaredService[];
}

/**
 * For commands that act on a running stack (status, logs, restart, down): the stack as aistack.yaml
 * declares it, or — when the manifest is missing or broken — as the last revision recorded it.
 */
export async function openProject(directory: string, options: RuntimeContextOptions = {}): Promise<OpenedProject> {
  const paths = resolveProjectPaths(directory);
  const context = await createRuntimeContext(paths, options);
  try {
    const hasManifest = await access(paths.manifest).then(
      () => true,
      () => false,
    );
    const project = hasManifest ? await loadProject(directory).catch(() => undefined) : undefined;
    const last = context.store.listRevisions(1)[0];
    if (project) {
      return {
        context,
        project,
        stackName: project.stack.name,
        plan: planRollout(project.stack.services),
        declared: declaredServices(project.stack),
      };
    }
    if (last) {
      const plan = JSON.parse(last.plan) as RolloutService[];
      return {
        context,
        project: undefined,
        stackName: last.stackName,
        plan,
        declared: plan.map((service) => ({ id: service.id, job: service.job, image: '', url: '' })),
      };
    }
    throw new DockerError('AIS_RUNTIME_NO_STACK', {
      directory: paths.directory,
      purpose: 'open',
      hint: 'run `aistack up` to create and start the starter stack',
    });
  } catch (error: unknown) {
    context.close();
    throw error;
  }
}

export function declaredServices(stack: Stack): DeclaredService[] {
  return stack.services.map((service) => {
    const direct = service.hostPorts[0];
    return {
      id: service.id,
      job: service.job,
      image: service.image,
      url:
        service.route?.url ??
        (direct ? `${service.protocol === 'http' ? 'http' : service.protocol}://${direct.hostIp}:${direct.host}` : ''),
    };
  });
}
