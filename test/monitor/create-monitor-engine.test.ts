import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorEngine } from '../../src/monitor/create-monitor-engine.js';
import type { MonitorEngineRuntime } from '../../src/monitor/create-monitor-engine.js';
import { createWebhookNotifier } from '../../src/monitor/notifiers/webhook-notifier.js';
import type { MonitorDefinition, MonitorEvent } from '../../src/monitor/types.js';
import { startHttpServer, startWebhookReceiver, waitUntil } from './support/http.js';
import type { TestServer, WebhookReceiver } from './support/http.js';
import { emptyStack } from './support/stack.js';

const INTERVAL = 250;

describe('createMonitorEngine with real HTTP endpoints', () => {
  let directory: string;
  let app: TestServer;
  let webhook: WebhookReceiver;
  let healthy = true;
  const engines: MonitorEngineRuntime[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-engine-'));
    healthy = true;
    app = await startHttpServer((_request, response) => {
      response.statusCode = healthy ? 200 : 503;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: healthy ? 'ok' : 'starting' }));
    });
    webhook = await startWebhookReceiver();
  });

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await app.close();
    await webhook.close();
    await rm(directory, { recursive: true, force: true });
  });

  const monitor = (): MonitorDefinition => ({
    id: 'web:http',
    name: 'Web',
    service: 'web',
    probe: { type: 'http', url: `${app.url}/health`, jsonPath: 'status', jsonEquals: 'ok' },
    intervalMs: INTERVAL,
    timeoutMs: 200,
    failureThreshold: 2,
    recoveryThreshold: 1,
  });

  const open = (): MonitorEngineRuntime => {
    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors: [monitor()],
      databasePath: path.join(directory, 'monitor.db'),
      composeProject: 'none',
      notifiers: [createWebhookNotifier('hook', `${webhook.url}/alerts`)],
      alertIntervalMs: 100,
      resourceIntervalMs: 60_000,
    });
    engines.push(engine);
    return engine;
  };

  it('shows a failing service down within two intervals, notifies once, and resolves with a resolved notification', async () => {
    const engine = open();
    const events: MonitorEvent[] = [];
    engine.subscribe((event) => events.push(event));
    await engine.start();
    await waitUntil(
      () => engine.getStatus('web:http')?.state,
      (state) => state === 'up',
      2 * INTERVAL + 3000,
      'first up',
    );

    healthy = false;
    const failedAt = Date.now();
    // Two failed checks at a 250 ms interval; the slack is for a loaded CI machine.
    await waitUntil(
      () => engine.getStatus('web:http')?.state,
      (state) => state === 'down',
      2 * INTERVAL + 2000,
      'down',
    );
    expect(Date.now() - failedAt).toBeLessThan(2 * INTERVAL + 2000);
    expect(engine.getStatus('web:http')?.lastCheck?.message).toBe('HTTP 503');

    const firing = await webhook.waitFor((body) => body.kind === 'firing');
    expect(firing).toMatchObject({
      kind: 'firing',
      stack: 'demo',
      title: '[FIRING] demo: Web is down: HTTP 503',
      alert: { ruleId: 'service-down', key: 'service-down:web:http', service: 'web', severity: 'critical', state: 'firing' },
    });
    expect(engine.alerts('firing')).toHaveLength(1);

    healthy = true;
    const resolved = await webhook.waitFor((body) => body.kind === 'resolved');
    expect(resolved).toMatchObject({ kind: 'resolved', title: '[RESOLVED] demo: Web is down: HTTP 503', alert: { state: 'resolved' } });
    expect(engine.getStatus('web:http')?.state).toBe('up');
    expect(engine.alerts('firing')).toEqual([]);
    expect(engine.alerts('all')).toMatchObject([{ ruleId: 'service-down', state: 'resolved' }]);
    // One firing and one resolved notification: no duplicates while it fired.
    expect(webhook.received.map((body) => (body as { kind: string }).kind)).toEqual(['firing', 'resolved']);
    expect(events.filter((event) => event.type === 'state').map((event) => (event.payload as { state: string }).state)).toEqual([
      'up',
      'down',
      'up',
    ]);
    expect(events.filter((event) => event.type === 'alert').map((event) => (event.payload as { state: string }).state)).toEqual([
      'firing',
      'resolved',
    ]);
  });

  it('keeps history, state and firing alerts across a restart on the same database', async () => {
    const first = open();
    await first.start();
    await waitUntil(
      () => first.getStatus('web:http')?.state,
      (state) => state === 'up',
      2000,
      'up',
    );
    healthy = false;
    await webhook.waitFor((body) => body.kind === 'firing');
    await first.stop();
    const latencies = first.getStatus('web:http')?.recentLatencies.length ?? 0;
    expect(latencies).toBeGreaterThan(2);

    const second = open();
    // Before the first check of the new run: the restored state, history and alert.
    expect(second.getStatus('web:http')?.state).toBe('down');
    expect(second.getStatus('web:http')?.recentLatencies.length).toBe(Math.min(30, latencies));
    expect(second.alerts('firing')).toMatchObject([{ ruleId: 'service-down', state: 'firing' }]);
    const series = second.series('web:http', 'up', Date.now() - 60_000, Date.now());
    expect(series.length).toBeGreaterThan(2);
    expect(series.some((point) => point.value === 1) && series.some((point) => point.value === 0)).toBe(true);
    // By service name, the service's main monitor; latency only of the checks that got an answer.
    expect(second.series('web', 'latency', Date.now() - 60_000, Date.now()).length).toBe(
      series.filter((point) => point.value === 1).length,
    );

    healthy = true;
    await second.start();
    await webhook.waitFor((body) => body.kind === 'resolved');
    // The restart did not notify the still-firing alert a second time.
    expect(webhook.received.filter((body) => (body as { kind: string }).kind === 'firing')).toHaveLength(1);
  });

  it('exposes Prometheus metrics with bounded labels', async () => {
    const engine = open();
    await engine.start();
    await waitUntil(
      () => engine.getStatus('web:http')?.state,
      (state) => state === 'up',
      2000,
      'up',
    );
    const text = await engine.metrics();
    expect(text).toContain('aistack_monitor_up{monitor="web:http",service="web",type="http"} 1');
    expect(text).toMatch(/aistack_monitor_checks_total\{result="success"\} [1-9]/);
    expect(text).toContain('aistack_monitor_checks_total{result="failure"} 0');
    expect(text).toMatch(/aistack_scheduler_lag_seconds_bucket\{le="1"\} [1-9]/);
    expect(text).toContain('aistack_alerts_firing{severity="critical"} 0');
    expect(text).toContain('aistack_build_info{version="0.1.0"} 1');
    expect(text).toContain('# TYPE aistack_container_cpu_usage_seconds_total counter');
  });

  it('sends a test notification to every notifier and reports each result', async () => {
    const engine = open();
    const results = await engine.sendTestNotification();
    expect(results).toEqual([{ notifier: 'hook', ok: true, message: 'delivered' }]);
    expect(webhook.received).toMatchObject([{ kind: 'test', stack: 'demo', title: '[TEST] aistack demo: test notification', alert: null }]);
  });
});
