import type { ContainerEvent } from './container-events.js';
import type { CheckResult, MonitorDefinition } from './types.js';

export interface EventChecksOptions {
  readonly monitors: readonly MonitorDefinition[];
  readonly now: () => number;
  /**
   * Record a failure the Engine reported (a container died, turned unhealthy): it counts at once,
   * without the monitor's failure threshold, because it is not a blip of a probe.
   */
  readonly recordFailure: (monitor: MonitorDefinition, result: CheckResult) => void;
  /** Run a monitor's probe now, outside its schedule. */
  readonly checkNow: (monitor: MonitorDefinition) => void;
  /** Read container resources now (the OOM flag and restart counts the alert rules look at). */
  readonly pollResources: () => void;
}

export interface EventChecks {
  handle(event: ContainerEvent): void;
  /**
   * After a gap in the event stream: probe every container and job now. A container found dead
   * then counts at once, as its missed `die` event would have.
   */
  recheckAll(): void;
  /** Whether this probe result is the Engine's word (a re-check after a gap that found the container not running). */
  isEngineReport(result: CheckResult): boolean;
  /**
   * Whether a probe result still counts: a success from a probe that started before the Engine
   * reported the container's failure is stale and must not undo it.
   */
  isCurrent(result: CheckResult): boolean;
}

const OOM_MEMORY_MS = 10_000;
/** Container probe messages that state what the Engine says, not that asking it failed. */
const ENGINE_STATE = /^(exited|dead|created|paused|restarting|removing|running, unhealthy|no container for )/;

/**
 * What the monitor does with container events: `die` and `health_status: unhealthy` put the
 * service's container monitors down at once; `start`, `restart` and `health_status: healthy`
 * probe them now (recovery within a second instead of an interval); a job's `die` probes the job.
 * HTTP, TCP, database and certificate monitors keep their interval and thresholds.
 */
export function createEventChecks(options: EventChecksOptions): EventChecks {
  const containers = new Map<string, MonitorDefinition[]>();
  const jobs = new Map<string, MonitorDefinition[]>();
  for (const monitor of options.monitors) {
    const target = monitor.probe.type === 'container' ? containers : monitor.probe.type === 'job' ? jobs : undefined;
    if (!target || (monitor.probe.type !== 'container' && monitor.probe.type !== 'job')) continue;
    const list = target.get(monitor.probe.service) ?? [];
    list.push(monitor);
    target.set(monitor.probe.service, list);
  }
  const failedAt = new Map<string, number>();
  const recheckAt = new Map<string, number>();
  const oomAt = new Map<string, number>();

  const fail = (service: string, message: string): void => {
    const at = options.now();
    for (const monitor of containers.get(service) ?? []) {
      failedAt.set(monitor.id, at);
      options.recordFailure(monitor, { monitorId: monitor.id, at, ok: false, degraded: false, latencyMs: 0, message });
    }
  };
  const probe = (service: string): void => {
    for (const monitor of [...(containers.get(service) ?? []), ...(jobs.get(service) ?? [])]) options.checkNow(monitor);
  };

  return {
    handle(event) {
      if (event.service === '') return;
      switch (event.action) {
        case 'oom':
          oomAt.set(event.containerId, options.now());
          options.pollResources();
          break;
        case 'die': {
          const oom = options.now() - (oomAt.get(event.containerId) ?? -Infinity) < OOM_MEMORY_MS;
          oomAt.delete(event.containerId);
          // The container probe's own wording, so the message does not change when the next probe confirms it.
          fail(event.service, `exited${event.exitCode === undefined ? '' : ` (exit ${event.exitCode})`}${oom ? ', OOM killed' : ''}`);
          for (const monitor of jobs.get(event.service) ?? []) options.checkNow(monitor);
          options.pollResources();
          break;
        }
        case 'health_status':
          if (event.health === 'unhealthy') fail(event.service, 'running, unhealthy');
          else probe(event.service);
          break;
        case 'start':
        case 'restart':
          probe(event.service);
          options.pollResources();
          break;
      }
    },
    recheckAll() {
      const at = options.now();
      for (const list of containers.values()) for (const monitor of list) recheckAt.set(monitor.id, at);
      for (const list of [...containers.values(), ...jobs.values()]) for (const monitor of list) options.checkNow(monitor);
    },
    isEngineReport(result) {
      const since = recheckAt.get(result.monitorId);
      if (since === undefined || result.at < since) return false;
      recheckAt.delete(result.monitorId);
      return !result.ok && ENGINE_STATE.test(result.message);
    },
    isCurrent(result) {
      const failed = failedAt.get(result.monitorId);
      return !(result.ok && failed !== undefined && result.at < failed);
    },
  };
}
