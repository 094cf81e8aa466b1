import { DockerError } from '../errors.js';
import type { ComposeProject } from './compose-project.js';
import type { ContainerState, Engine } from './engine.js';
import { ONE_OFF_LABEL } from './engine.js';
import { execInContainer } from './exec-in-container.js';
import type { RolloutDriver, RolloutService } from './rollout.js';
import { ServiceStartError } from './rollout.js';
import { tailLogs } from './tail-logs.js';
import { FALLBACK_POLL_MS, waitReady } from './wait-ready.js';

export interface DockerRolloutDriver extends RolloutDriver {
  /** Settles once compose has created (or recreated) every container; rejects with compose's own error. */
  readonly created: Promise<void>;
  close(): void;
}

/**
 * Creates the project's containers with `compose up --no-start` and starts them through the
 * Engine API (fast, no compose process per service), waiting for health on engine events with a
 * slow poll behind.
 *
 * With docker-compose 1.x a container is started as soon as compose has created it, while compose
 * goes on creating the rest: 1.x does nothing more to a container after `create` under
 * `--no-start` (its further networks are connected only by its own start, see below), so the
 * first services are already starting when the last ones are created. Compose v2 renames a
 * recreated container and connects networks after the `create` event, so there every start waits
 * for the whole creation.
 */
export async function createDockerRolloutDriver(
  engine: Engine,
  compose: ComposeProject,
  options: { readonly startedAt: Date },
): Promise<DockerRolloutDriver> {
  const waiters = new Map<string, Set<() => void>>();
  const restartsBefore = new Map<string, number>();
  /** Containers compose created during this rollout, per service. */
  const createdNow = new Map<string, string[]>();
  const wake = (service: string): void => {
    for (const done of waiters.get(service) ?? []) done();
  };
  const stopEvents = await engine.watchEvents(compose.name, (event) => {
    // Every health check is an exec (exec_create/start/die): dozens a second that change nothing.
    if (!event.service || event.action.startsWith('exec_')) return;
    if (event.action === 'create' && event.attributes[ONE_OFF_LABEL] !== 'True')
      createdNow.set(event.service, [...(createdNow.get(event.service) ?? []), event.containerId]);
    wake(event.service);
  });

  let creationSettled = false;
  let known: Map<string, string[]> | undefined;
  const created = compose.create().finally(() => {
    creationSettled = true;
    known = undefined;
    for (const service of waiters.keys()) wake(service);
  });
  // compose's own error (its output, its hint) reaches the caller once, through `created`; a start
  // that cannot go on only says why. Never an unhandled rejection when nobody starts anything.
  created.catch(() => undefined);
  const creation = (): Promise<void> =>
    created.catch(() => {
      throw new DockerError('AIS_DOCKER_COMPOSE_FAILED', { creating: 'failed' });
    });
  const declared = compose.declaredServices();
  const eager = compose.command.major === 1;

  // Container ids per service, listed once (by compose labels) after creation and inspected
  // directly after that: one API call per container instead of a filtered list on every event.
  const listAll = async (): Promise<Map<string, string[]>> => {
    const map = new Map<string, string[]>();
    for (const container of await engine.listContainers(compose.name))
      map.set(container.service, [...(map.get(container.service) ?? []), container.id]);
    known = map;
    return map;
  };
  const containersOf = async (service: string): Promise<ContainerState[]> => {
    let ids = createdNow.get(service) ?? (known ?? (await listAll())).get(service);
    if (!ids || ids.length === 0) ids = (await listAll()).get(service) ?? [];
    try {
      return await Promise.all(ids.map((id) => engine.inspect(id)));
    } catch {
      // Replaced or removed behind our back: list again.
      return engine.listContainers(compose.name, service);
    }
  };
  const nextEvent = (service: string, signal: AbortSignal | undefined, ms: number): Promise<void> =>
    new Promise((resolve) => {
      const set = waiters.get(service) ?? new Set();
      waiters.set(service, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      set.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  /** Resolves when the service's containers are final: created in this rollout (compose 1.x) or creation over. */
  const settled = async (service: string): Promise<void> => {
    const replicas = (await declared).get(service)?.replicas ?? 1;
    while (!creationSettled && !(eager && (createdNow.get(service)?.length ?? 0) >= replicas))
      await nextEvent(service, undefined, FALLBACK_POLL_MS);
    if (creationSettled) await creation();
  };

  return {
    created,
    close: stopEvents,
    start: async (ids) => {
      const viaCompose: string[] = [];
      const services = await declared;
      await Promise.all(
        ids.map(async (id) => {
          await settled(id);
          const containers = await containersOf(id);
          // docker-compose 1.x connects a container's second and further networks only when it
          // starts it itself: such containers (and missing ones) are started through compose,
          // once compose has finished creating (two compose processes never work at once).
          if (containers.length === 0 || containers.some((container) => container.networks.length < (services.get(id)?.networks ?? 1))) {
            for (const container of containers) restartsBefore.set(container.id, container.restartCount);
            viaCompose.push(id);
            return;
          }
          await Promise.all(
            containers.map(async (container) => {
              restartsBefore.set(container.id, container.restartCount);
              // A job that already completed before this rollout, unchanged since, is not run again.
              const completedBefore =
                container.labels['ai.aistack.job'] === 'true' &&
                container.state === 'exited' &&
                container.exitCode === 0 &&
                container.createdAt < options.startedAt;
              if (!completedBefore) await engine.start(container.id);
            }),
          ).catch((error: unknown) => {
            throw new ServiceStartError(id, error);
          });
        }),
      );
      if (viaCompose.length > 0) {
        await creation();
        await compose.up(viaCompose).catch((error: unknown) => {
          if (viaCompose.length > 1) throw error;
          throw new ServiceStartError(viaCompose[0]!, error);
        });
      }
    },
    waitReady: (service: RolloutService, deadline, signal, onDetail) =>
      waitReady({
        engine,
        service,
        containersOf: () => containersOf(service.id),
        restartsBefore: (container) => restartsBefore.get(container.id) ?? container.restartCount,
        deadline,
        signal,
        onDetail,
        pause: (ms) => nextEvent(service.id, signal, ms),
      }),
    runReadyCommand: async (service) => {
      const ready = service.readyCommand;
      if (!ready) return;
      for (const container of (await containersOf(service.id)).filter((candidate) => candidate.state === 'running')) {
        const result = await execInContainer(engine, container.id, { ...ready, timeoutMs: service.startTimeout * 1000 });
        if (result.exitCode !== 0) {
          throw new DockerError('AIS_RUNTIME_SERVICE_FAILED', { readyCommandExit: result.exitCode, lastLines: result.lines.slice(-5) });
        }
      }
    },
    tailLogs: async (id, lines) => tailLogs(engine, await containersOf(id), lines),
  };
}
