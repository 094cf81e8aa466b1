import { DockerError } from '../errors.js';
import type { RolloutService } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';
import { formatLogTail, tailLogs } from './tail-logs.js';
import { claimStack } from './stack-owner.js';
import { waitReady } from './wait-ready.js';

/** Log lines a failure report shows, as a rollout's does (docs/runtime.md). */
const FAILURE_LOG_LINES = 20;

export interface RestartResult {
  readonly service: string;
  readonly state: 'healthy' | 'running' | 'completed';
  readonly seconds: number;
}

/** Restart services' containers (found by compose labels) and wait until each is healthy again. */
export async function restartServices(
  context: RuntimeContext,
  stackName: string,
  plan: readonly RolloutService[],
  services: readonly string[],
): Promise<RestartResult[]> {
  await claimStack(context, stackName);
  const results: RestartResult[] = [];
  for (const id of services) {
    const containers = await context.engine.listContainers(stackName, id);
    if (containers.length === 0) {
      throw new DockerError('AIS_RUNTIME_NO_CONTAINER', {
        services: [id],
        stack: stackName,
        hint: 'run `aistack status` to see the services and `aistack up` to start them',
      });
    }
    const began = Date.now();
    const before = new Map(containers.map((container) => [container.id, container.restartCount]));
    await Promise.all(containers.map((container) => context.engine.restart(container.id, 10)));
    const service = plan.find((candidate) => candidate.id === id) ?? {
      id,
      dependsOn: [],
      job: false,
      hasHealth: containers.some((container) => container.health !== undefined),
      startTimeout: 180,
    };
    try {
      const state = await waitReady({
        engine: context.engine,
        service,
        containersOf: () => context.engine.listContainers(stackName, id),
        restartsBefore: (container) => before.get(container.id) ?? container.restartCount,
        deadline: began + service.startTimeout * 1000,
        pause: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 500))),
      });
      results.push({ service: id, state, seconds: (Date.now() - began) / 1000 });
    } catch (error: unknown) {
      if (!(error instanceof DockerError)) throw error;
      const logs = await context.engine
        .listContainers(stackName, id)
        .then((now) => tailLogs(context.engine, now, FAILURE_LOG_LINES))
        .catch(() => []);
      throw new DockerError(error.code, {
        worded: [`${id} did not come back after the restart: ${error.message}`, ...formatLogTail(id, logs)].join('\n'),
        hint: `see \`aistack logs ${id}\``,
      });
    }
  }
  return results;
}
