import type { ContainerState } from './engine.js';

/** What a rollout needs to know about a service to judge it. */
export interface ReadinessTarget {
  readonly job: boolean;
  readonly hasHealth: boolean;
}

export type Readiness =
  | { readonly phase: 'pending'; readonly state: string; readonly detail?: string }
  | { readonly phase: 'ready'; readonly state: 'healthy' | 'running' | 'completed' }
  | { readonly phase: 'failed'; readonly state: string; readonly reason: string };

/** Restarts during one rollout after which a service counts as crash-looping. */
export const CRASH_LOOP_RESTARTS = 3;

/**
 * Judge a service from its containers (all replicas must be ready). Pure: a one-shot job is done
 * when it exited 0 ("completed", not "down"); a service with a health check when Docker says
 * healthy; one without when it runs.
 */
export function assessReadiness(target: ReadinessTarget, containers: readonly ContainerState[], restartsBefore = 0): Readiness {
  if (containers.length === 0) return { phase: 'pending', state: 'missing', detail: 'no container yet' };
  let pending: Readiness | undefined;
  for (const container of containers) {
    const result = assessContainer(target, container, restartsBefore);
    if (result.phase === 'failed') return result;
    if (result.phase === 'pending') pending ??= result;
  }
  if (pending) return pending;
  return { phase: 'ready', state: target.job ? 'completed' : target.hasHealth ? 'healthy' : 'running' };
}

function assessContainer(target: ReadinessTarget, container: ContainerState, restartsBefore: number): Readiness {
  if (target.job) {
    if (container.state === 'exited' || container.state === 'dead') {
      return container.exitCode === 0
        ? { phase: 'ready', state: 'completed' }
        : { phase: 'failed', state: 'failed', reason: `job exited with code ${container.exitCode}` };
    }
    return { phase: 'pending', state: container.state === 'created' ? 'created' : 'running' };
  }
  if (container.restartCount - restartsBefore >= CRASH_LOOP_RESTARTS) {
    return {
      phase: 'failed',
      state: 'restarting',
      reason: `restarted ${container.restartCount - restartsBefore} times (crash loop; exit code ${container.exitCode})`,
    };
  }
  switch (container.state) {
    case 'exited':
    case 'dead':
      return { phase: 'failed', state: 'exited', reason: `exited with code ${container.exitCode}` };
    case 'created':
      return { phase: 'pending', state: 'created' };
    case 'restarting':
      return { phase: 'pending', state: 'restarting' };
    default:
      break;
  }
  if (!target.hasHealth || container.health === undefined) return { phase: 'ready', state: 'running' };
  if (container.health === 'healthy') return { phase: 'ready', state: 'healthy' };
  if (container.health === 'unhealthy') {
    return {
      phase: 'failed',
      state: 'unhealthy',
      reason: `health check failed${container.lastHealthOutput ? `: ${container.lastHealthOutput.split('\n')[0]}` : ''}`,
    };
  }
  return {
    phase: 'pending',
    state: 'starting',
    ...(container.lastHealthOutput ? { detail: container.lastHealthOutput.split('\n')[0] ?? '' } : {}),
  };
}
