import { DockerError } from '../../errors.js';
import type { RestartResult } from '../restart-services.js';
import type { RolloutService } from '../rollout.js';
import type { RuntimeContext } from '../runtime-context.js';
import type { SwarmEngine } from './swarm-engine.js';
import { waitForSwarmService } from './swarm-rollout-driver.js';

/**
 * `aistack restart <service>` on Swarm: a forced update of the service, so Swarm replaces its
 * tasks by its update_config (start-first for stateless services: no request is lost), then wait
 * until every replica is a new task that runs (and passed its health check). Restarting a task's
 * container by hand would only make Swarm count a failed task.
 */
export async function restartSwarmServices(
  context: RuntimeContext,
  swarm: SwarmEngine,
  stackName: string,
  plan: readonly RolloutService[],
  services: readonly string[],
): Promise<RestartResult[]> {
  const results: RestartResult[] = [];
  for (const id of services) {
    const name = `${stackName}_${id}`;
    if (!(await swarm.service(name))) {
      throw new DockerError('AIS_RUNTIME_NO_CONTAINER', {
        services: [id],
        stack: stackName,
        hint: 'run `aistack status` to see the services and `aistack up` to start them',
      });
    }
    const service = plan.find((candidate) => candidate.id === id) ?? { id, dependsOn: [], job: false, hasHealth: false, startTimeout: 180 };
    const began = context.now();
    await swarm.forceUpdate(name);
    try {
      const state = await waitForSwarmService(swarm, name, service, {
        since: began,
        deadline: began.getTime() + service.startTimeout * 1000,
        signal: context.interrupts.signal,
        onDetail: () => undefined,
        newTasks: true,
      });
      // Start-first: the old tasks stop only after the new ones run; done is when none still runs.
      const deadline = began.getTime() + service.startTimeout * 1000;
      while ((await swarm.tasks(name)).some((task) => task.desiredState !== 'running' && task.state === 'running')) {
        if (context.now().getTime() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      results.push({ service: id, state, seconds: (context.now().getTime() - began.getTime()) / 1000 });
    } catch (error: unknown) {
      if (!(error instanceof DockerError)) throw error;
      throw new DockerError(error.code, {
        worded: `${id} did not come back after the restart: ${error.message}`,
        hint: `see \`aistack logs ${id}\` and \`docker service ps ${name}\``,
      });
    }
  }
  return results;
}
