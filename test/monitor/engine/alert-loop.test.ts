import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAlertRules } from '../../../src/monitor/alert-rules.js';
import { createAlertLoop } from '../../../src/monitor/engine/alert-loop.js';
import { openMonitorStore } from '../../../src/monitor/store.js';
import type { MonitorStore } from '../../../src/monitor/store.js';
import type { Alert, MonitorDefinition, MonitorStatus } from '../../../src/monitor/types.js';

const monitor: MonitorDefinition = {
  id: 'web:http',
  name: 'web',
  service: 'web',
  probe: { type: 'http', url: 'http://web:8080/' },
  intervalMs: 10_000,
  timeoutMs: 2_000,
  failureThreshold: 2,
  recoveryThreshold: 1,
};
const status = (state: MonitorStatus['state']): MonitorStatus => ({
  id: monitor.id,
  name: monitor.name,
  service: monitor.service,
  type: 'http',
  state,
  since: 0,
  lastCheck: {
    monitorId: monitor.id,
    at: 0,
    ok: state === 'up',
    degraded: false,
    latencyMs: 3,
    message: state === 'up' ? 'HTTP 200' : 'HTTP 502',
  },
  uptime24h: 1,
  recentLatencies: [],
});

describe('createAlertLoop', () => {
  let directory: string;
  let store: MonitorStore;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-alert-loop-'));
    store = openMonitorStore(path.join(directory, 'monitor.db'));
  });
  afterEach(async () => {
    store.close();
    await rm(directory, { recursive: true, force: true });
  });

  const loop = (state: () => MonitorStatus['state'], extra: { renewalProblem?: () => string | undefined } = {}) => {
    const alerts: Alert[] = [];
    const firing: Record<string, number>[] = [];
    const created = createAlertLoop({
      store,
      notifiers: [],
      stack: 'demo',
      now: () => 1_000_000,
      onAlert: (alert) => void alerts.push(alert),
      rules: resolveAlertRules(undefined),
      monitors: [monitor],
      statuses: () => [status(state())],
      reading: () => ({ containers: [], host: undefined }),
      cpuLimits: new Map(),
      metrics: { setAlertsFiring: (counts) => void firing.push({ ...counts }) },
      report: () => undefined,
      ...extra,
    });
    return { created, alerts, firing };
  };

  it('fires service-down for a down monitor, counts it in the metrics, and resolves it when the service is back', async () => {
    let state: MonitorStatus['state'] = 'down';
    const { created, alerts, firing } = loop(() => state);
    await created.evaluate();
    expect(alerts.map((alert) => [alert.ruleId, alert.state])).toEqual([['service-down', 'firing']]);
    expect(firing.at(-1)).toEqual({ critical: 1, warning: 0, info: 0 });
    state = 'up';
    await created.evaluate();
    expect(alerts.map((alert) => [alert.ruleId, alert.state])).toEqual([
      ['service-down', 'firing'],
      ['service-down', 'resolved'],
    ]);
    expect(firing.at(-1)).toEqual({ critical: 0, warning: 0, info: 0 });
    await created.manager.settle();
  });

  it('reads the renewal problem at each evaluation', async () => {
    const renewal: { problem?: string } = {};
    const { created, alerts } = loop(() => 'up', { renewalProblem: () => renewal.problem });
    await created.evaluate();
    expect(alerts).toEqual([]);
    renewal.problem = 'ACME order failed';
    await created.evaluate();
    expect(alerts.map((alert) => alert.ruleId)).toEqual(['certificate-renewal']);
  });
});
