import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCheckRecorder } from '../../../src/monitor/engine/check-recorder.js';
import { openMonitorStore } from '../../../src/monitor/store.js';
import type { MonitorStore } from '../../../src/monitor/store.js';
import type { CheckResult, MonitorDefinition } from '../../../src/monitor/types.js';

const T0 = Date.UTC(2026, 0, 10);
const monitor = {
  id: 'web:http',
  name: 'web',
  service: 'web',
  probe: { type: 'http', url: 'http://web/' },
  intervalMs: 1000,
  timeoutMs: 500,
  failureThreshold: 2,
  recoveryThreshold: 1,
} as unknown as MonitorDefinition;
const result = (at: number, ok: boolean, latencyMs = 10): CheckResult => ({
  monitorId: monitor.id,
  at,
  ok,
  degraded: false,
  latencyMs,
  message: ok ? 'ok' : 'HTTP 500',
});

describe('createCheckRecorder', () => {
  let directory: string;
  let store: MonitorStore;
  let clock = T0;
  const recorder = (latencyCount = 3) =>
    createCheckRecorder({
      store,
      monitors: [monitor],
      now: () => clock,
      latencyCount,
      onError: (error) => {
        throw error;
      },
    });
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-check-recorder-'));
    store = openMonitorStore(path.join(directory, 'monitor.db'));
    clock = T0;
  });
  afterEach(async () => {
    store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('goes down after the failure threshold, at once for what the Engine reports', () => {
    const checks = recorder();
    expect(checks.record(result(T0 + 1, true), monitor, false)).toEqual({ previous: 'pending', next: 'up' });
    expect(checks.record(result(T0 + 2, false), monitor, false)).toEqual({ previous: 'up', next: 'up' });
    expect(checks.record(result(T0 + 3, false), monitor, false)).toEqual({ previous: 'up', next: 'down' });
    const other = openMonitorStore(path.join(directory, 'other.db'));
    const fresh = createCheckRecorder({
      store: other,
      monitors: [monitor],
      now: () => clock,
      latencyCount: 3,
      onError: () => undefined,
    });
    fresh.record(result(T0 + 1, true), monitor, false);
    expect(fresh.record(result(T0 + 2, false), monitor, true).next).toBe('down');
    other.close();
  });

  it('keeps the last latencies for the sparkline and restores state and latencies from the store', () => {
    const checks = recorder();
    for (const [index, latency] of [5, 6, 7, 8].entries()) checks.record(result(T0 + index, true, latency), monitor, false);
    expect(checks.statusOf(monitor)).toMatchObject({ id: 'web:http', state: 'up', recentLatencies: [6, 7, 8] });
    checks.flush();
    const restored: string[] = [];
    const again = createCheckRecorder({
      store,
      monitors: [monitor],
      now: () => clock,
      latencyCount: 3,
      onRestore: (m, state) => restored.push(`${m.id}=${state}`),
      onError: () => undefined,
    });
    expect(restored).toEqual(['web:http=up']);
    expect(again.statusOf(monitor)).toMatchObject({ state: 'up', recentLatencies: [6, 7, 8] });
  });

  it('reads the 24 h uptime again only when asked and stale', () => {
    const checks = recorder();
    checks.record(result(T0 + 1, true), monitor, false);
    checks.record(result(T0 + 2, false), monitor, false);
    // Not flushed and not refreshed: the last check decides.
    expect(checks.statusOf(monitor).uptime24h).toBe(0);
    clock = T0 + 10;
    checks.refreshUptime(60_000);
    expect(checks.statusOf(monitor).uptime24h).toBe(0);
    checks.refreshUptime();
    expect(checks.statusOf(monitor).uptime24h).toBe(0.5);
  });
});
