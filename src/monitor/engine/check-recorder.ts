import type { MonitorStateRecord } from '../monitor-state.js';
import { applyCheck, createInitialState } from '../monitor-state.js';
import type { MonitorStore, StoredState } from '../store.js';
import type { CheckResult, MonitorDefinition, MonitorState, MonitorStatus } from '../types.js';

const FLUSH_BATCH = 500;
const DAY_MS = 86_400_000;

export interface CheckRecorderOptions {
  readonly store: MonitorStore;
  readonly monitors: readonly MonitorDefinition[];
  readonly now: () => number;
  /** Sparkline length. */
  readonly latencyCount: number;
  /** Each monitor whose state came back from the database (for the metrics). */
  readonly onRestore?: (monitor: MonitorDefinition, state: MonitorState) => void;
  readonly onError: (error: unknown) => void;
}

/** Each monitor's state, latencies and 24 h uptime, with check results buffered for the store. */
export interface CheckRecorder {
  /** Apply one result; what the Engine reports (a container died) is no blip: it counts without the threshold. */
  record(
    result: CheckResult,
    monitor: MonitorDefinition,
    fromEngine: boolean,
  ): { readonly previous: MonitorState; readonly next: MonitorState };
  statusOf(monitor: MonitorDefinition): MonitorStatus;
  /** Write buffered results and changed states now. */
  flush(): void;
  /** Flush, then read uptime again; only when older than `maxAgeMs` if given. */
  refreshUptime(maxAgeMs?: number): void;
}

/** Restores what the last run knew from the store, then keeps it current. */
export function createCheckRecorder(options: CheckRecorderOptions): CheckRecorder {
  const { store, now, latencyCount } = options;
  const restored = store.loadStates();
  const states = new Map<string, StoredState>();
  const latencies = new Map<string, number[]>();
  for (const monitor of options.monitors) {
    const previous = restored.get(monitor.id);
    states.set(monitor.id, previous ?? { ...createInitialState(now()), lastCheck: undefined });
    if (previous) options.onRestore?.(monitor, previous.state);
    latencies.set(monitor.id, store.recentLatencies(monitor.id, latencyCount));
  }
  let uptime = store.uptimeSince(now() - DAY_MS);
  let uptimeAt = now();
  const pendingResults: CheckResult[] = [];
  const dirtyStates = new Map<string, StoredState>();

  const flush = (): void => {
    if (pendingResults.length === 0 && dirtyStates.size === 0) return;
    const results = pendingResults.splice(0, pendingResults.length);
    const changed = new Map(dirtyStates);
    dirtyStates.clear();
    try {
      store.recordChecks(results, changed);
    } catch (error: unknown) {
      options.onError(error);
    }
  };

  return {
    record(result, monitor, fromEngine) {
      const previous = states.get(monitor.id) ?? { ...createInitialState(result.at), lastCheck: undefined };
      const next: MonitorStateRecord = applyCheck(previous, result, fromEngine ? { ...monitor, failureThreshold: 1 } : monitor);
      const stored: StoredState = { ...next, lastCheck: result };
      states.set(monitor.id, stored);
      dirtyStates.set(monitor.id, stored);
      const ring = latencies.get(monitor.id) ?? [];
      ring.push(result.latencyMs);
      if (ring.length > latencyCount) ring.splice(0, ring.length - latencyCount);
      latencies.set(monitor.id, ring);
      pendingResults.push(result);
      if (pendingResults.length >= FLUSH_BATCH) flush();
      return { previous: previous.state, next: next.state };
    },
    statusOf(monitor) {
      const state = states.get(monitor.id) ?? { ...createInitialState(now()), lastCheck: undefined };
      const lastCheck = state.lastCheck;
      return {
        id: monitor.id,
        name: monitor.name,
        service: monitor.service,
        type: monitor.probe.type,
        state: state.state,
        since: state.since,
        lastCheck,
        uptime24h: uptime.get(monitor.id) ?? (lastCheck ? (lastCheck.ok ? 1 : 0) : 0),
        recentLatencies: latencies.get(monitor.id) ?? [],
      };
    },
    flush,
    refreshUptime(maxAgeMs) {
      if (maxAgeMs !== undefined && now() - uptimeAt <= maxAgeMs) return;
      flush();
      uptime = store.uptimeSince(now() - DAY_MS);
      uptimeAt = now();
    },
  };
}
