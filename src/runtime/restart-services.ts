import { DockerError } from '../errors.js';
import { assessReadiness } from './readiness.js';
import type { RolloutService } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';

export interface RestartResult {
  readonly service: string;
  readonly state: 'healthy' | 'running' | 'completed';
  readonly seconds: number;
}

/** Restart services' containers (found by compose labels) and wait until each is healthy again. */
export async function restartServices(context: RuntimeContext, stackName: string, plan: readonly RolloutService[], services: readonly string[]): Promise<RestartResult[]> {
  const results: RestartResult[] = [];
  for (const id of services) {
    const containers = await context.engine.listContainers(stackName, id);
    if (containers.length === 0) {
      throw new DockerError('AIS_RUNTIME_NO_CONTAINER', `no container for ${id} in stack ${stackName}`, { hint: 'run `aistack status` to see the services and `aistack up` to start them' });
    }
    const began = Date.now();
    const before = new Map(containers.map((container) => [container.id, container.restartCount]));
    await Promise.all(containers.map((container) => context.engine.restart(container.id, 10)));
    const service = plan.find((candidate) => candidate.id === id) ?? { id, dependsOn: [], job: false, hasHealth: containers.some((container) => container.health !== undefined), startTimeout: 180 };
    const deadline = began + service.startTimeout * 1000;
    for (;;) {
      const now = await context.engine.listContainers(stackName, id);
      const readiness = assessReadiness(service, now, Math.min(...now.map((container) => before.get(container.id) ?? container.restartCount)));
      if (readiness.phase === 'ready') {
        results.push({ service: id, state: readiness.state, seconds: (Date.now() - began) / 1000 });
        break;
      }
      if (readiness.phase === 'failed') throw new DockerError('AIS_RUNTIME_SERVICE_FAILED', `${id} did not come back after the restart: ${readiness.reason}`, { hint: `see \`aistack logs ${id}\`` });
      if (Date.now() > deadline) {
        throw new DockerError('AIS_RUNTIME_START_TIMEOUT', `${id} is not healthy ${service.startTimeout}s after the restart (${readiness.state})`, { hint: `see \`aistack logs ${id}\`` });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return results;
}
