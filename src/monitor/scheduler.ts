import { createSemaphore } from './semaphore.js';
import type { CheckResult, MonitorDefinition } from './types.js';

export interface SchedulerOptions {
  readonly monitors: readonly MonitorDefinition[];
  /** Most checks in flight at once. @default 64 */
  readonly concurrency?: number;
  readonly runCheck: (monitor: MonitorDefinition) => Promise<CheckResult>;
  readonly onResult: (result: CheckResult, monitor: MonitorDefinition) => void;
  /** Actual start − scheduled start, in ms, for every check. */
  readonly onLag?: (lagMs: number, monitor: MonitorDefinition) => void;
  /** A check came due while the previous one of the same monitor was still running. */
  readonly onMissed?: (monitor: MonitorDefinition) => void;
  /** Random number in [0, 1) for the start jitter. @default Math.random */
  readonly random?: () => number;
}

export interface SchedulerStats {
  readonly started: number;
  readonly completed: number;
  readonly missed: number;
  readonly inFlight: number;
  readonly waiting: number;
}

export interface Scheduler {
  start(): void;
  /** Stop scheduling and wait for checks in flight. */
  stop(): Promise<void>;
  /** Run one monitor now, outside its schedule. */
  runNow(id: string): Promise<CheckResult | undefined>;
  stats(): SchedulerStats;
}

/**
 * Fixed-rate scheduling: check k of a monitor is due at `start + jitter + k × interval`, never
 * drifting by the check's own duration. Starts are spread by a random jitter within the first
 * interval, so 1,000 monitors do not fire in the same millisecond. A semaphore bounds the checks in
 * flight; the time a check waits for it is the lag. A due check whose previous run has not ended
 * is skipped and counted as missed.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const semaphore = createSemaphore(options.concurrency ?? 64);
  const random = options.random ?? Math.random;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = true;
  let started = 0;
  let completed = 0;
  let missed = 0;

  const execute = async (monitor: MonitorDefinition, scheduledAt: number): Promise<CheckResult | undefined> => {
    running.add(monitor.id);
    const release = await semaphore.acquire();
    try {
      if (stopped && scheduledAt >= 0) return undefined;
      started += 1;
      if (scheduledAt >= 0) options.onLag?.(Math.max(0, performance.now() - scheduledAt), monitor);
      const result = await options.runCheck(monitor);
      completed += 1;
      options.onResult(result, monitor);
      return result;
    } finally {
      release();
      running.delete(monitor.id);
    }
  };

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  const arm = (monitor: MonitorDefinition, dueAt: number): void => {
    if (stopped) return;
    const timer = setTimeout(
      () => {
        if (stopped) return;
        arm(monitor, dueAt + monitor.intervalMs);
        if (running.has(monitor.id)) {
          missed += 1;
          options.onMissed?.(monitor);
          return;
        }
        track(execute(monitor, dueAt)).catch(() => undefined);
      },
      Math.max(0, dueAt - performance.now()),
    );
    timer.unref?.();
    timers.set(monitor.id, timer);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      const now = performance.now();
      for (const monitor of options.monitors) arm(monitor, now + Math.floor(random() * Math.min(monitor.intervalMs, 30_000)));
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
    async runNow(id) {
      const monitor = options.monitors.find((candidate) => candidate.id === id);
      if (!monitor) return undefined;
      return track(execute(monitor, -1));
    },
    stats: () => ({ started, completed, missed, inFlight: semaphore.active, waiting: semaphore.waiting }),
  };
}
