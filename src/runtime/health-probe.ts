import type { ContainerState, Engine } from './engine.js';

/** How often a rollout runs a starting service's health check itself. */
export const PROBE_INTERVAL_MS = 1000;

/**
 * Docker runs a container's first health check one whole `interval` after the start (Engine 25
 * added `start_interval`; older engines, and compose 1.x, have nothing like it). With the
 * catalog's 10–30 s intervals a service that is up after 3 s would count as healthy only after
 * 10–30 s, and every level of the dependency graph would add an interval to the rollout.
 *
 * So while a rollout waits for a service, it runs the same check in the same containers every
 * PROBE_INTERVAL_MS: the first pass in every container counts as healthy for the rollout, and
 * Docker's own status follows at its next check. Failures mean nothing here (they are Docker's to
 * count, after the start period).
 *
 * `not-needed` when Docker checks at least as often itself, or a container is not a running one
 * whose health is still starting.
 */
export async function probeHealth(engine: Engine, containers: readonly ContainerState[]): Promise<'passed' | 'failed' | 'not-needed'> {
  const probed = containers.every(
    (container) =>
      container.state === 'running' &&
      container.health === 'starting' &&
      container.healthCheck !== undefined &&
      container.healthCheck.intervalMs > PROBE_INTERVAL_MS,
  );
  if (containers.length === 0 || !probed) return 'not-needed';
  const results = await Promise.all(
    containers.map(async (container) => {
      const check = container.healthCheck!;
      const command = check.test[0] === 'CMD-SHELL' ? [...check.shell, check.test[1] ?? ''] : check.test.slice(1);
      return (await engine.exec(container.id, command, check.timeoutMs).catch(() => undefined)) === 0;
    }),
  );
  return results.every(Boolean) ? 'passed' : 'failed';
}

/**
 * For a one-shot report (`aistack status`): containers whose Docker health still says `starting`
 * get their check run once now, and count as healthy when it passes, so that status agrees with
 * the rollout that has just judged them healthy the same way.
 */
export async function settleStartingHealth(engine: Engine, containers: readonly ContainerState[]): Promise<ContainerState[]> {
  return Promise.all(
    containers.map(async (container) =>
      (await probeHealth(engine, [container])) === 'passed' ? { ...container, health: 'healthy' as const } : container,
    ),
  );
}
