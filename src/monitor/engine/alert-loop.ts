import type { AlertManager, AlertManagerOptions } from '../alert-manager.js';
import { createAlertManager } from '../alert-manager.js';
import { createAlertMemory, evaluateAlertRules } from '../alert-evaluator.js';
import type { AlertFacts } from '../alert-evaluator.js';
import type { MonitorMetrics } from '../metrics.js';
import type { ResourceReading } from '../resource-poller.js';
import type { AlertRule, MonitorDefinition, MonitorStatus } from '../types.js';
import { createBackupProblemCache } from './backup-problem-cache.js';
import type { BackupProblemCacheOptions } from './backup-problem-cache.js';
import { createModelProblemCache } from './model-problem-cache.js';
import type { ModelProblemCacheOptions } from './model-problem-cache.js';

export interface AlertLoopOptions extends Omit<AlertManagerOptions, 'holdMs' | 'onNotifyError'> {
  readonly rules: readonly AlertRule[];
  readonly monitors: readonly MonitorDefinition[];
  readonly statuses: () => readonly MonitorStatus[];
  readonly reading: () => ResourceReading;
  /** CPU limit per service in cores (from the Stack). */
  readonly cpuLimits: ReadonlyMap<string, number>;
  readonly backup?: BackupProblemCacheOptions['backup'];
  readonly models?: ModelProblemCacheOptions['models'];
  readonly renewalProblem?: () => string | undefined;
  /** @default the slowest monitor's interval × failure threshold + timeout, at most 5 minutes */
  readonly holdMs?: number;
  readonly metrics: Pick<MonitorMetrics, 'setAlertsFiring'>;
  readonly report: (error: unknown, context: string) => void;
}

export interface AlertLoop {
  /** Gather the facts, evaluate the rules and let the manager fire, resolve and notify. */
  evaluate(): Promise<void>;
  readonly manager: AlertManager;
}

/** Alert evaluation: the facts every rule reads (states, resources, backups, models, renewal), the rules' memory and the manager. */
export function createAlertLoop(options: AlertLoopOptions): AlertLoop {
  const definitions = new Map(options.monitors.map((monitor) => [monitor.id, monitor]));
  const manager = createAlertManager({
    store: options.store,
    notifiers: options.notifiers,
    stack: options.stack,
    ...(options.reminderMs === undefined ? {} : { reminderMs: options.reminderMs }),
    holdMs: options.holdMs ?? defaultOutageHold(options.monitors),
    now: options.now,
    onAlert: options.onAlert,
    onNotifyError: (notifier, error) => options.report(error, `notifier ${notifier}`),
  });
  const memory = createAlertMemory();
  const readBackupProblem = createBackupProblemCache({
    backup: options.backup,
    now: options.now,
    startedAt: options.now(),
    onError: (error) => options.report(error, 'backup status'),
  });
  const readModelProblems = createModelProblemCache({
    models: options.models,
    now: options.now,
    onError: (error) => options.report(error, 'models state'),
  });
  return {
    manager,
    async evaluate() {
      const reading = options.reading();
      const facts: AlertFacts = {
        now: options.now(),
        statuses: options.statuses(),
        monitors: definitions,
        containers: reading.containers,
        cpuLimits: options.cpuLimits,
        host: reading.host,
        backupProblem: await readBackupProblem(),
        renewalProblem: options.renewalProblem?.(),
        modelProblems: await readModelProblems(),
      };
      manager.reconcile(evaluateAlertRules(options.rules, facts, memory));
      const counts = { critical: 0, warning: 0, info: 0 };
      for (const alert of manager.firing()) counts[alert.severity] += 1;
      options.metrics.setAlertsFiring(counts);
    },
  };
}

const OUTAGE_HOLD_MAX_MS = 5 * 60_000;

/** Long enough for the slowest monitor of a service to notice the same outage (hourly certificate checks aside). */
function defaultOutageHold(monitors: readonly MonitorDefinition[]): number {
  const spans = monitors
    .filter((monitor) => monitor.intervalMs <= OUTAGE_HOLD_MAX_MS)
    .map((monitor) => monitor.intervalMs * Math.max(1, monitor.failureThreshold) + monitor.timeoutMs);
  return Math.min(OUTAGE_HOLD_MAX_MS, Math.max(0, ...spans));
}
