import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonitorStore } from '../../src/monitor/store.js';
import { openMonitorStore } from '../../src/monitor/store.js';
import type { CheckResult } from '../../src/monitor/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 10, 0, 0, 0);
const result = (at: number, ok: boolean, latencyMs: number, monitorId = 'web:http', degraded = false): CheckResult => ({
  monitorId,
  at,
  ok,
  degraded,
  latencyMs,
  message: ok ? 'HTTP 200' : 'HTTP 500',
});

describe('monitor store', () => {
  let directory: string;
  let store: MonitorStore;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-store-'));
    store = openMonitorStore(path.join(directory, 'monitor.db'));
  });
  afterEach(async () => {
    store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('rolls checks up into minutes and hours as they are written', () => {
    store.recordChecks(
      [
        result(T0 + 1_000, true, 10),
        result(T0 + 21_000, false, 30),
        result(T0 + 41_000, true, 20, 'web:http', true),
        result(T0 + 61_000, true, 40),
      ],
      new Map(),
    );
    const now = T0 + 2 * 60_000;
    // Latency describes answers: the failed check is in the up series, not in latency.
    expect(store.series('web:http', 'latency', T0, now, now)).toEqual([
      { at: T0 + 1_000, value: 10 },
      { at: T0 + 41_000, value: 20 },
      { at: T0 + 61_000, value: 40 },
    ]);
    expect(store.series('web:http', 'up', T0, now, now).map((point) => point.value)).toEqual([1, 0, 1, 1]);
    // A 7-hour range reads the minute rollups: averages per minute.
    const later = T0 + 7 * HOUR;
    expect(store.series('web:http', 'latency', T0, later, later)).toEqual([
      { at: T0, value: 15 },
      { at: T0 + 60_000, value: 40 },
    ]);
    expect(store.series('web:http', 'up', T0, later, later)).toEqual([
      { at: T0, value: 2 / 3 },
      { at: T0 + 60_000, value: 1 },
    ]);
    // Thirty days reads hour rollups.
    const month = T0 + 30 * DAY;
    const [hour] = store.series('web:http', 'latency', T0, month, month);
    expect(hour?.at).toBe(T0);
    expect(hour?.value).toBeCloseTo(70 / 3, 9);
    expect(store.uptimeSince(T0)).toEqual(new Map([['web:http', 0.75]]));
  });

  it('prunes raw samples after 48 hours, minutes after 3 days and everything after the retention', () => {
    const checks = [result(T0, true, 1), result(T0 + 3 * DAY, true, 2), result(T0 + 9 * DAY, true, 3)];
    store.recordChecks(checks, new Map());
    store.recordResources([{ service: 'web', at: T0, cpuPercent: 50, memoryBytes: 100 }]);
    const now = T0 + 9 * DAY + 60_000;
    store.prune(now, 365 * DAY);
    expect(store.series('web:http', 'latency', now - HOUR, now, now)).toEqual([{ at: T0 + 9 * DAY, value: 3 }]);
    expect(store.series('web:http', 'latency', T0, now, now)).toEqual([
      { at: T0, value: 1 },
      { at: T0 + 3 * DAY, value: 2 },
      { at: T0 + 9 * DAY, value: 3 },
    ]);
    // Minute rollups older than 3 days are gone: a range back then reads the hour rollups.
    expect(store.series('web:http', 'latency', T0, T0 + 3 * DAY, now)).toEqual([
      { at: T0, value: 1 },
      { at: T0 + 3 * DAY, value: 2 },
    ]);
    // A retention of 5 days removes the hour rollups before it too.
    store.prune(now, 5 * DAY);
    expect(store.series('web:http', 'latency', T0, now, now)).toEqual([{ at: T0 + 9 * DAY, value: 3 }]);
    expect(store.series('web', 'cpu', T0, now, now)).toEqual([]);
  });

  it('keeps monitor states and the alert lifecycle across reopening', () => {
    const last = result(T0, false, 5);
    store.recordChecks(
      [last],
      new Map([['web:http', { state: 'down', since: T0, consecutiveFailures: 3, consecutiveSuccesses: 0, lastCheck: last }]]),
    );
    const alert = store.openAlert({
      ruleId: 'service-down',
      key: 'service-down:web:http',
      service: 'web',
      severity: 'critical',
      summary: 'Web is down: HTTP 500',
      startedAt: T0,
    });
    store.markNotified(alert.id, T0 + 1);
    store.close();
    store = openMonitorStore(path.join(directory, 'monitor.db'));
    expect(store.loadStates().get('web:http')).toEqual({
      state: 'down',
      since: T0,
      consecutiveFailures: 3,
      consecutiveSuccesses: 0,
      lastCheck: last,
    });
    expect(store.firingAlerts()).toEqual([{ ...alert, lastNotifiedAt: T0 + 1 }]);
    store.resolveAlert(alert.id, T0 + 10);
    expect(store.firingAlerts()).toEqual([]);
    expect(store.unnotifiedResolved(T0)).toMatchObject([{ id: alert.id, state: 'resolved', resolvedAt: T0 + 10 }]);
    expect(store.unnotifiedResolved(T0 + 11)).toEqual([]);
    store.markResolvedNotified(alert.id);
    expect(store.unnotifiedResolved(T0)).toEqual([]);
    expect(store.listAlerts('all', 10)).toMatchObject([{ id: alert.id, state: 'resolved' }]);
  });

  it('computes uptime exactly to the minute across a partial first hour', () => {
    const MINUTE = 60_000;
    store.recordChecks(
      [
        result(T0 + 10 * MINUTE, false, 1),
        result(T0 + 40 * MINUTE, true, 1),
        result(T0 + 70 * MINUTE, false, 1),
        result(T0 + 130 * MINUTE, true, 1),
      ],
      new Map(),
    );
    expect(store.uptimeSince(T0 + 30 * MINUTE)).toEqual(new Map([['web:http', 2 / 3]]));
    expect(store.uptimeSince(T0)).toEqual(new Map([['web:http', 0.5]]));
    expect(store.uptimeSince(T0 + 140 * MINUTE)).toEqual(new Map());
  });

  it('averages resource samples per service per minute', () => {
    store.recordResources([
      { service: 'web', at: T0 + 1000, cpuPercent: 10, memoryBytes: 100 },
      { service: 'web', at: T0 + 16_000, cpuPercent: 30, memoryBytes: 300 },
    ]);
    expect(store.series('web', 'cpu', T0, T0 + HOUR, T0 + HOUR)).toEqual([{ at: T0, value: 20 }]);
    expect(store.series('web', 'memory', T0, T0 + HOUR, T0 + HOUR)).toEqual([{ at: T0, value: 200 }]);
  });

  it('writes in WAL mode', () => {
    const reader = new Database(path.join(directory, 'monitor.db'), { readonly: true });
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    reader.close();
    expect(store.sizeBytes()).toBeGreaterThan(0);
  });
});
