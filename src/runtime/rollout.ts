import { AistackError } from '../errors.js';
import { RELATIVE_PATHS } from '../project/paths.js';
import type { StackService } from '../stack/types.js';

/** One service as the rollout sees it. */
export interface RolloutService {
  readonly id: string;
  readonly dependsOn: readonly {
    readonly service: string;
    readonly condition: 'service_healthy' | 'service_completed_successfully' | 'service_started';
  }[];
  readonly job: boolean;
  readonly hasHealth: boolean;
  /** Seconds to wait for health after the start. */
  readonly startTimeout: number;
  /**
   * Run in the container once it is ready, before anything that depends on it starts: PostgreSQL's
   * init scripts (idempotent), which its image runs only on an empty data directory, so that a
   * database added to a running stack exists before its app starts.
   */
  readonly readyCommand?: { readonly user: string; readonly command: readonly string[] };
}

export type ServicePhase = 'waiting' | 'starting' | 'healthy' | 'running' | 'completed' | 'failed' | 'skipped';

export interface ServiceProgress {
  readonly id: string;
  readonly phase: ServicePhase;
  readonly job: boolean;
  /** Milliseconds since the rollout began. */
  readonly startedAt?: number;
  readonly readyAt?: number;
  readonly detail?: string;
}

/** The side effects a rollout needs; the Docker one lives in docker-rollout-driver.ts. */
/** A driver's start failure that knows which service's container failed (a batch starts several). */
export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ServiceStartError';
  }
}

export interface RolloutDriver {
  /** Start these services (their dependencies are already satisfied); a ServiceStartError names the one that failed. */
  start(ids: readonly string[]): Promise<void>;
  /** Resolve once the service is ready; reject with a reason on failure or when `deadline` (epoch ms) passes. */
  waitReady(
    service: RolloutService,
    deadline: number,
    signal: AbortSignal,
    onDetail: (detail: string) => void,
  ): Promise<'healthy' | 'running' | 'completed'>;
  /** The last lines of the service's log, for failure reports. */
  tailLogs(id: string, lines: number): Promise<string[]>;
  /** Run the service's `readyCommand`; reject with a reason when it fails. */
  runReadyCommand?(service: RolloutService): Promise<void>;
}

export interface RolloutFailure {
  readonly service: string;
  readonly reason: string;
  readonly logs: readonly string[];
}

export interface RolloutReport {
  readonly ok: boolean;
  /** The rollout was stopped from outside (Ctrl-C): nothing failed, but it did not finish. */
  readonly interrupted?: boolean;
  readonly durationMs: number;
  readonly services: readonly ServiceProgress[];
  readonly failure?: RolloutFailure;
}

export interface RolloutOptions {
  readonly onProgress?: (services: readonly ServiceProgress[]) => void;
  readonly now?: () => number;
  /** Log lines to attach to a failure. @default 20 */
  readonly logLines?: number;
  /** Stop starting services and stop waiting (Ctrl-C); what was started keeps running. */
  readonly signal?: AbortSignal;
}

/** Turn the Stack's services into rollout input. */
export function planRollout(services: readonly StackService[]): RolloutService[] {
  return services.map((service) => ({
    id: service.id,
    dependsOn: service.dependsOn.map((dependency) => ({ service: dependency.service, condition: dependency.condition })),
    job: service.job,
    hasHealth: service.health !== undefined,
    startTimeout: service.startTimeout,
    ...(service.files.some((file) => file.source === RELATIVE_PATHS.postgresInit && file.target === INIT_DIRECTORY)
      ? { readyCommand: { user: 'postgres', command: ['bash', '-c', RUN_INIT_SCRIPTS] } }
      : {}),
  }));
}

const INIT_DIRECTORY = '/docker-entrypoint-initdb.d';
/** Every init shell script again, stopping at the first that fails (they are written to run twice safely). */
const RUN_INIT_SCRIPTS = `set -e; for script in ${INIT_DIRECTORY}/*.sh; do [ -e "$script" ] || continue; bash "$script"; done`;

/**
 * Start services as soon as what they depend on is ready — event-driven, not level by level, so
 * the whole rollout takes about as long as the dependency graph's critical path. Independent
 * services start together. The first failure stops further starts; services not started yet are
 * reported as skipped.
 */
export async function runRollout(
  services: readonly RolloutService[],
  driver: RolloutDriver,
  options: RolloutOptions = {},
): Promise<RolloutReport> {
  const now = options.now ?? Date.now;
  const began = now();
  const byId = new Map(services.map((service) => [service.id, service]));
  for (const service of services) {
    for (const dependency of service.dependsOn) {
      if (!byId.has(dependency.service)) {
        throw new AistackError('AIS_RUNTIME_UNKNOWN_DEPENDENCY', {
          service: service.id,
          dependency: dependency.service,
          hint: 'run `aistack check`; the rendered stack and aistack.yaml disagree',
        });
      }
    }
  }
  const progress = new Map<string, ServiceProgress>(
    services.map((service) => [service.id, { id: service.id, phase: 'waiting', job: service.job }]),
  );
  const started = new Set<string>();
  const controller = new AbortController();
  let failure: RolloutFailure | undefined;
  let interrupted = false;
  const stop = (): void => {
    if (failure) return;
    interrupted = true;
    controller.abort();
  };
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });
  const inFlight = new Set<Promise<void>>();

  const emit = (): void => options.onProgress?.(services.map((service) => progress.get(service.id)!));
  const update = (id: string, change: Partial<ServiceProgress>): void => {
    progress.set(id, { ...progress.get(id)!, ...change });
    emit();
  };
  const isSatisfied = (dependency: RolloutService['dependsOn'][number]): boolean => {
    const phase = progress.get(dependency.service)?.phase;
    if (dependency.condition === 'service_started') return phase !== 'waiting' && phase !== 'failed' && phase !== 'skipped';
    return phase === 'healthy' || phase === 'running' || phase === 'completed';
  };

  const launch = (): void => {
    if (failure || interrupted) return;
    const ready = services.filter((service) => !started.has(service.id) && service.dependsOn.every(isSatisfied));
    if (ready.length === 0) return;
    for (const service of ready) started.add(service.id);
    const at = now() - began;
    for (const service of ready) update(service.id, { phase: 'starting', startedAt: at });
    const task = (async () => {
      try {
        await driver.start(ready.map((service) => service.id));
      } catch (error: unknown) {
        const service = error instanceof ServiceStartError ? error.service : ready[0]!.id;
        await fail(service, error instanceof Error ? error.message : String(error));
        return;
      }
      // A service_started dependant may go now.
      launch();
      await Promise.all(ready.map((service) => watch(service)));
    })();
    track(task);
  };

  const watch = async (service: RolloutService): Promise<void> => {
    try {
      const state = await driver.waitReady(service, now() + service.startTimeout * 1000, controller.signal, (detail) =>
        update(service.id, { detail }),
      );
      if (service.readyCommand && driver.runReadyCommand && !interrupted) {
        update(service.id, { detail: 'running its init scripts' });
        await driver.runReadyCommand(service);
      }
      update(service.id, { phase: state, readyAt: now() - began, detail: '' });
      launch();
    } catch (error: unknown) {
      if (controller.signal.aborted && (failure || interrupted)) return;
      await fail(service.id, error instanceof Error ? error.message : String(error));
    }
  };

  const fail = async (id: string, reason: string): Promise<void> => {
    update(id, { phase: 'failed', detail: reason });
    if (failure) return;
    failure = { service: id, reason, logs: [] };
    controller.abort();
    const logs = await driver.tailLogs(id, options.logLines ?? 20).catch(() => []);
    failure = { service: id, reason, logs };
  };

  const track = (task: Promise<void>): void => {
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  emit();
  launch();
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  options.signal?.removeEventListener('abort', stop);
  const stuck = services.find((service) => progress.get(service.id)!.phase === 'waiting');
  if (!failure && !interrupted && stuck) {
    failure = {
      service: stuck.id,
      reason: `its dependencies (${stuck.dependsOn.map((dependency) => dependency.service).join(', ')}) never became ready`,
      logs: [],
    };
  }
  for (const service of services) {
    const phase = progress.get(service.id)!.phase;
    if (phase === 'waiting') update(service.id, { phase: 'skipped' });
    else if (phase === 'starting' && (failure || interrupted))
      update(service.id, { phase: 'skipped', detail: failure ? 'stopped waiting after a failure' : 'stopped waiting: interrupted' });
  }
  const report = {
    ok: failure === undefined && !interrupted,
    durationMs: now() - began,
    services: services.map((service) => progress.get(service.id)!),
  };
  if (failure) return { ...report, failure };
  return interrupted ? { ...report, interrupted: true } : report;
}
