import path from 'node:path';
import type Docker from 'dockerode';
import type { GpuSampler } from '../gpu/gpu-sampler.js';
import type { Stack } from '../stack/types.js';
import { readAistackVersion } from '../util/aistack-version.js';
import { resolveAlertRules } from './alert-rules.js';
import { followContainerEvents } from './container-events.js';
import type { ContainerEventsFollower } from './container-events.js';
import { createAlertLoop } from './engine/alert-loop.js';
import { createCheckRecorder } from './engine/check-recorder.js';
import { createResourceSampling } from './engine/resource-sampling.js';
import { createSecretReader } from './engine/secret-reader.js';
import { createEngineTimers } from './engine/timers.js';
import { createEventChecks } from './event-checks.js';
import { createLogSource } from './log-source.js';
import { createMonitorMetrics } from './metrics.js';
import type { Notifier } from './notifiers/notification.js';
import { runProbe } from './probes/run-probe.js';
import { createResourcePoller } from './resource-poller.js';
import type { Scheduler, SchedulerStats } from './scheduler.js';
import { createScheduler } from './scheduler.js';
import type { MonitorStore, StoredAlert } from './store.js';
import { openMonitorStore } from './store.js';
import type { Alert, CheckResult, MonitorDefinition, MonitorEngine, MonitorEvent } from './types.js';

export interface MonitorClock {
  now(): number;
}

export interface MonitorEngineOptions {
  readonly stack: Stack;
  /** Usually `deriveMonitors(stack, …)`. */
  readonly monitors: readonly MonitorDefinition[];
  /** SQLite file (`.aistack/monitor.db`); created with its directory. */
  readonly databasePath: string;
  /** Engine API client; without it container, job, resource and log features report nothing. */
  readonly docker?: Docker;
  readonly composeProject: string;
  readonly notifiers: readonly Notifier[];
  readonly clock?: MonitorClock;
  /** Most checks in flight at once. @default 64 */
  readonly concurrency?: number;
  /** How often container stats and the host are read. @default 15 s */
  readonly resourceIntervalMs?: number;
  /** How often alert rules are evaluated (also right after a state change). @default 5 s */
  readonly alertIntervalMs?: number;
  /** Reminder while an alert fires; 0 for none. @default 4 h */
  readonly reminderMs?: number;
  /**
   * Follow Docker's event stream, so a container's death is down at once (not after its
   * interval × threshold). @default true when `docker` is given
   */
  readonly events?: boolean;
  /**
   * How long one outage of a service stays open after its last alert resolved (a check that fails
   * later joins it instead of paging again). @default the slowest monitor's interval × failure
   * threshold + timeout, at most 5 minutes
   */
  readonly outageHoldMs?: number;
  /** Backup status for the `backup` rule (the directory holds status.json). */
  readonly backup?: { readonly directory: string; readonly schedule: string | undefined };
  /** Where the declared models' last pulls are recorded (`.aistack`, its models.json), for the `model-pull-failed` rule. */
  readonly models?: { readonly stateDirectory: string; readonly declared: readonly string[] };
  /** The certificate renewal's last problem (serve's renewal scheduler), for the `certificate-renewal` rule. */
  readonly renewalProblem?: () => string | undefined;
  /** Samples the host's GPUs with the resources (`aistack serve` on the host); without it no GPU figures. */
  readonly gpu?: GpuSampler;
  /** File system reported as the host disk. @default the database's directory */
  readonly diskPath?: string;
  /** Reported in aistack_build_info. @default package.json's version */
  readonly version?: string;
  /** Sparkline length. @default 30 */
  readonly recentLatencyCount?: number;
  /**
   * Maps a host in a probe to another address at check time (see createServiceAddressResolver:
   * service names to container IPs when the monitor runs outside the stack's network).
   */
  readonly resolveHost?: (host: string) => Promise<string | undefined>;
  /** Every check's scheduler lag (actual start − scheduled start), for benchmarks. */
  readonly onLag?: (lagMs: number, monitor: MonitorDefinition) => void;
  /** Called with errors the engine survives (a failed notifier, a failed poll). */
  readonly onError?: (error: unknown, context: string) => void;
}

/** What the engine offers beyond MonitorEngine: numbers for benchmarks and tests. */
export interface MonitorEngineRuntime extends MonitorEngine {
  schedulerStats(): SchedulerStats;
  /** Write buffered check results now. */
  flush(): void;
  databaseSizeBytes(): number;
  /** Run one monitor now, outside its schedule. */
  checkNow(id: string): Promise<CheckResult | undefined>;
  /** Evaluate alert rules now (and wait for the notifications it sends). */
  evaluateAlerts(): Promise<void>;
  /** Whether Docker's event stream is connected (false without Docker or with `events: false`). */
  eventStreamConnected(): boolean;
}

const FLUSH_INTERVAL_MS = 1000;
const UPTIME_REFRESH_MS = 30_000;
// Every 10 minutes: each prune then removes few rows (1,000 monitors at 20 s: ~30,000 raw samples, ~20 ms).
const PRUNE_INTERVAL_MS = 600_000;

/**
 * The monitor: scheduled probes with thresholds, resources, history in SQLite, logs, alerts with
 * notifications, Prometheus metrics and live events. State is restored from the database on
 * creation, so a restart keeps statuses, history and the alert lifecycle.
 */
export function createMonitorEngine(options: MonitorEngineOptions): MonitorEngineRuntime {
  const now = (): number => (options.clock ? options.clock.now() : Date.now());
  const store: MonitorStore = openMonitorStore(options.databasePath);
  const definitions = new Map(options.monitors.map((monitor) => [monitor.id, monitor]));
  const metrics = createMonitorMetrics(options.version ?? readAistackVersion());
  const rules = resolveAlertRules(options.stack.monitor.rules);
  const latencyCount = options.recentLatencyCount ?? 30;
  const retentionMs = Math.max(1, options.stack.monitor.retentionDays) * 86_400_000;
  const cpuLimits = new Map(options.stack.services.map((service) => [service.id, service.resources.cpus]));
  const listeners = new Set<(event: MonitorEvent) => void>();
  const report = (error: unknown, context: string): void => options.onError?.(error, context);

  const emit = (event: MonitorEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error: unknown) {
        report(error, 'event listener');
      }
    }
  };

  const recorder = createCheckRecorder({
    store,
    monitors: options.monitors,
    now,
    latencyCount,
    onRestore: (monitor, state) => metrics.restoreState(monitor, state),
    onError: (error) => report(error, 'store'),
  });
  const flush = (): void => recorder.flush();
  const statusOf: typeof recorder.statusOf = (monitor) => recorder.statusOf(monitor);
  const timers = createEngineTimers();

  const onResult = (result: CheckResult, monitor: MonitorDefinition, fromEngine = false): void => {
    if (!eventChecks.isCurrent(result)) return;
    const { previous, next } = recorder.record(result, monitor, fromEngine || eventChecks.isEngineReport(result));
    metrics.recordCheck(monitor, result, next);
    emit({ type: 'check', payload: result });
    if (next !== previous) {
      emit({ type: 'state', payload: statusOf(monitor) });
      if (started) timers.soon(() => evaluate().catch((error: unknown) => report(error, 'alerts')));
    }
  };

  const eventChecks = createEventChecks({
    monitors: options.monitors,
    now,
    recordFailure: (monitor, result) => onResult(result, monitor, true),
    checkNow: (monitor) => void scheduler.runNow(monitor.id).catch((error: unknown) => report(error, 'check')),
    pollResources: () => void pollResources(),
  });
  const events: ContainerEventsFollower | undefined =
    options.docker && options.events !== false
      ? followContainerEvents({
          docker: options.docker,
          project: options.composeProject,
          onEvent: (event) => eventChecks.handle(event),
          onConnect: (reconnected) => {
            if (reconnected) eventChecks.recheckAll();
          },
          onError: (error) => report(error, 'docker events'),
        })
      : undefined;

  const readSecret = createSecretReader();

  const scheduler: Scheduler = createScheduler({
    monitors: options.monitors,
    concurrency: options.concurrency ?? 64,
    runCheck: (monitor) =>
      runProbe(monitor, { docker: options.docker, readSecret, now, ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}) }),
    onResult,
    onLag: (lagMs, monitor) => {
      metrics.recordLag(lagMs);
      options.onLag?.(lagMs, monitor);
    },
  });

  const resources = createResourceSampling({
    poller: createResourcePoller({
      docker: options.docker,
      project: options.composeProject,
      diskPath: options.diskPath ?? path.dirname(path.resolve(options.databasePath)),
      now,
    }),
    ...(options.gpu ? { gpu: options.gpu } : {}),
    store,
    metrics,
    now,
    onContainer: (container) => emit({ type: 'resources', payload: stripCpuSeconds(container) }),
    report,
  });
  const pollResources = (): Promise<void> => resources.poll();

  const alerts = createAlertLoop({
    store,
    notifiers: options.notifiers,
    stack: options.stack.name,
    ...(options.reminderMs === undefined ? {} : { reminderMs: options.reminderMs }),
    ...(options.outageHoldMs === undefined ? {} : { holdMs: options.outageHoldMs }),
    now,
    onAlert: (alert) => emit({ type: 'alert', payload: toAlert(alert) }),
    rules,
    monitors: options.monitors,
    statuses: () => options.monitors.map(statusOf),
    reading: () => resources.reading(),
    cpuLimits,
    ...(options.backup ? { backup: options.backup } : {}),
    ...(options.models ? { models: options.models } : {}),
    ...(options.renewalProblem ? { renewalProblem: options.renewalProblem } : {}),
    metrics,
    report,
  });
  const evaluate = (): Promise<void> => alerts.evaluate();

  const logSource = createLogSource(options.docker, options.composeProject, now);
  let started = false;

  return {
    async start() {
      if (started) return;
      started = true;
      try {
        store.prune(now(), retentionMs);
      } catch (error: unknown) {
        report(error, 'prune');
      }
      scheduler.start();
      events?.start();
      timers.every(FLUSH_INTERVAL_MS, flush);
      timers.every(UPTIME_REFRESH_MS, () => recorder.refreshUptime());
      timers.every(PRUNE_INTERVAL_MS, () => {
        try {
          store.prune(now(), retentionMs);
        } catch (error: unknown) {
          report(error, 'prune');
        }
      });
      timers.every(options.resourceIntervalMs ?? 15_000, () => void pollResources());
      timers.every(options.alertIntervalMs ?? 5000, () => void evaluate().catch((error: unknown) => report(error, 'alerts')));
      await pollResources();
      await evaluate().catch((error: unknown) => report(error, 'alerts'));
    },
    async stop() {
      if (!started) {
        store.close();
        return;
      }
      started = false;
      events?.stop();
      timers.clear();
      await scheduler.stop();
      flush();
      await alerts.manager.settle();
      store.close();
    },
    listStatuses: () => {
      recorder.refreshUptime(UPTIME_REFRESH_MS * 2);
      return options.monitors.map(statusOf);
    },
    getStatus: (id) => {
      const monitor = definitions.get(id);
      return monitor ? statusOf(monitor) : undefined;
    },
    series(monitorOrService, metric, from, to) {
      flush();
      if (metric === 'cpu' || metric === 'memory') {
        const service = definitions.get(monitorOrService)?.service ?? monitorOrService;
        return store.series(service, metric, from, to, now());
      }
      const monitor = definitions.get(monitorOrService) ?? primaryMonitor(options.monitors, monitorOrService);
      return monitor ? store.series(monitor.id, metric, from, to, now()) : [];
    },
    containers: () => resources.reading().containers.map(stripCpuSeconds),
    host: () => resources.reading().host,
    queryLogs: (query) => logSource.query(query),
    followLogs: (query, onLine) => logSource.follow(query, onLine),
    alerts: (state, limit = 100) => store.listAlerts(state, Math.max(1, Math.min(1000, limit))).map(toAlert),
    rules: () => rules,
    sendTestNotification: () => alerts.manager.sendTest(),
    subscribe(onEvent) {
      listeners.add(onEvent);
      return () => listeners.delete(onEvent);
    },
    metrics: () => metrics.render(),
    ...(options.gpu ? { gpus: () => resources.gpus() } : {}),
    schedulerStats: () => scheduler.stats(),
    flush,
    databaseSizeBytes: () => store.sizeBytes(),
    checkNow: (id) => scheduler.runNow(id),
    async evaluateAlerts() {
      await evaluate();
      await alerts.manager.settle();
    },
    eventStreamConnected: () => events?.connected() ?? false,
  };
}

function primaryMonitor(monitors: readonly MonitorDefinition[], service: string): MonitorDefinition | undefined {
  const own = monitors.filter((monitor) => monitor.service === service);
  return (
    own.find(
      (monitor) => !['container', 'certificate', 'job'].includes(monitor.probe.type) && monitor.id === `${service}:${monitor.probe.type}`,
    ) ??
    own.find((monitor) => monitor.probe.type === 'container' || monitor.probe.type === 'job') ??
    own[0]
  );
}

function toAlert(alert: StoredAlert | Alert): Alert {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    key: alert.key,
    service: alert.service,
    severity: alert.severity,
    state: alert.state,
    summary: alert.summary,
    startedAt: alert.startedAt,
    resolvedAt: alert.resolvedAt,
    lastNotifiedAt: alert.lastNotifiedAt,
  };
}

function stripCpuSeconds<T extends { readonly cpuSeconds: number }>(container: T): Omit<T, 'cpuSeconds'> {
  const { cpuSeconds: _cpuSeconds, ...rest } = container;
  return rest;
}
