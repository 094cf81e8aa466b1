import { DockerError } from '../errors.js';
import type { ContainerState, Engine } from './engine.js';
import { PROBE_INTERVAL_MS, probeHealth } from './health-probe.js';
import type { ReadinessTarget } from './readiness.js';
import { assessReadiness } from './readiness.js';

/** Polling interval when nothing wakes the wait earlier. */
export const FALLBACK_POLL_MS = 1000;

export interface WaitReadyOptions {
  readonly engine: Engine;
  readonly service: ReadinessTarget & { readonly startTimeout: number };
  /** The service's containers as they are now. */
  readonly containersOf: () => Promise<ContainerState[]>;
  /** Restart count of a container when the wait began (restarts since then count toward a crash loop). */
  readonly restartsBefore: (container: ContainerState) => number;
  /** Epoch ms. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly onDetail?: (detail: string) => void;
  /** Sleep up to `ms`, or less when something (an engine event) may have changed. */
  readonly pause: (ms: number) => Promise<void>;
}

/**
 * Wait until a service is ready: a job completed, a service healthy (Docker's status, or its own
 * check passing when aistack runs it early, see health-probe.ts), or running when it has no
 * check. Throws AIS_RUNTIME_SERVICE_FAILED (unhealthy, exited, crash loop), AIS_RUNTIME_START_TIMEOUT
 * or AIS_RUNTIME_ABORTED.
 */
export async function waitReady(options: WaitReadyOptions): Promise<'healthy' | 'running' | 'completed'> {
  const { service } = options;
  let last = '';
  let probeAt = 0;
  for (;;) {
    const containers = await options.containersOf();
    const before = Math.min(...containers.map(options.restartsBefore));
    const readiness = assessReadiness(service, containers, Number.isFinite(before) ? before : 0);
    if (readiness.phase === 'ready') return readiness.state;
    if (readiness.phase === 'failed') throw new DockerError('AIS_RUNTIME_SERVICE_FAILED', { reason: readiness.reason });
    // Docker's first check comes a whole interval after the start: run it sooner.
    if (!service.job && Date.now() >= probeAt) {
      const probe = await probeHealth(options.engine, containers);
      if (probe === 'passed') return 'healthy';
      if (probe === 'failed') probeAt = Date.now() + PROBE_INTERVAL_MS;
    }
    const detail = readiness.detail ? `${readiness.state}: ${readiness.detail}` : readiness.state;
    if (detail !== last) options.onDetail?.(detail);
    last = detail;
    if (options.signal?.aborted) throw new DockerError('AIS_RUNTIME_ABORTED');
    const left = options.deadline - Date.now();
    if (left <= 0) throw new DockerError('AIS_RUNTIME_START_TIMEOUT', { job: service.job, startTimeout: service.startTimeout, detail });
    await options.pause(Math.min(left, probeAt > Date.now() ? probeAt - Date.now() : FALLBACK_POLL_MS));
  }
}
