import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorEngine } from '../../../src/monitor/create-monitor-engine.js';
import type { MonitorEngineRuntime } from '../../../src/monitor/create-monitor-engine.js';
import { createWebhookNotifier } from '../../../src/monitor/notifiers/webhook-notifier.js';
import { createServiceAddressResolver } from '../../../src/monitor/service-address.js';
import type { LogLine, MonitorDefinition } from '../../../src/monitor/types.js';
import { startWebhookReceiver, waitUntil } from '../../monitor/support/http.js';
import type { WebhookReceiver } from '../../monitor/support/http.js';
import { startPasswordPostgres, startPasswordRedis } from '../../monitor/support/servers.js';
import type { PasswordPostgres, PasswordRedis } from '../../monitor/support/servers.js';
import { emptyStack } from '../../monitor/support/stack.js';
import { startMonitorTestProject } from './docker-project.js';
import { startEngineRelay } from './engine-relay.js';
import type { MonitorTestProject } from './docker-project.js';

const INTERVAL = 1000;
const WEB_SCRIPT = [
  'mkdir -p /www && echo ok > /www/health',
  'httpd -p 8080 -h /www',
  'echo \'{"level":30,"msg":"web started"}\'',
  'echo "[warn] cache is cold" >&2',
  'while true; do sleep 1; done',
].join('; ');

describe('the monitor engine against real Docker containers, PostgreSQL, Redis and a webhook', () => {
  let project: MonitorTestProject;
  let postgres: PasswordPostgres;
  let redis: PasswordRedis;
  let webhook: WebhookReceiver;
  let directory: string;
  let monitors: MonitorDefinition[];
  const docker = new Docker();
  const engines: MonitorEngineRuntime[] = [];

  beforeAll(async () => {
    [project, postgres, redis, webhook] = await Promise.all([
      startMonitorTestProject([
        { service: 'web', script: WEB_SCRIPT, health: 'wget -q -O /dev/null http://127.0.0.1:8080/health' },
        { service: 'migrate', script: 'echo migrated; exit 0' },
        { service: 'seed', script: 'echo "ERROR: seed failed" >&2; exit 3' },
        { service: 'busy', script: 'while true; do :; done' },
      ]),
      startPasswordPostgres(),
      startPasswordRedis(),
      startWebhookReceiver(),
    ]);
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-int-'));
    const webIp = await project.ipOf('web');
    const common = { intervalMs: INTERVAL, timeoutMs: 800, failureThreshold: 2, recoveryThreshold: 1 };
    monitors = [
      {
        id: 'web:http',
        name: 'Web',
        service: 'web',
        probe: { type: 'http', url: `http://${webIp}:8080/health`, bodyContains: 'ok' },
        ...common,
      },
      {
        id: 'web:container',
        name: 'Web container',
        service: 'web',
        probe: { type: 'container', project: project.project, service: 'web' },
        ...common,
      },
      {
        id: 'migrate:job',
        name: 'Migrate',
        service: 'migrate',
        probe: { type: 'job', project: project.project, service: 'migrate' },
        ...common,
      },
      { id: 'seed:job', name: 'Seed', service: 'seed', probe: { type: 'job', project: project.project, service: 'seed' }, ...common },
      {
        id: 'n8n:postgres',
        name: 'n8n database login',
        service: 'n8n',
        probe: {
          type: 'postgres',
          host: '127.0.0.1',
          port: postgres.port,
          database: 'n8n',
          user: 'n8n',
          passwordFile: path.join(postgres.secrets, 'postgres-n8n-password'),
        },
        ...common,
      },
      {
        id: 'redis:redis',
        name: 'Redis',
        service: 'redis',
        probe: { type: 'redis', host: '127.0.0.1', port: redis.port, passwordFile: redis.passwordFile },
        ...common,
      },
    ];
  }, 180_000);

  afterAll(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await Promise.all([project?.remove(), postgres?.destroy(), redis?.destroy(), webhook?.close()]);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  const open = (): MonitorEngineRuntime => {
    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors,
      databasePath: path.join(directory, 'monitor.db'),
      docker,
      composeProject: project.project,
      notifiers: [createWebhookNotifier('receiver', `${webhook.url}/alerts`)],
      resourceIntervalMs: 1000,
      alertIntervalMs: 250,
      // Longer than the default (2 × 1 s + 0.8 s): a probe timing out on a loaded machine while web
      // comes back is part of the same outage.
      outageHoldMs: 8000,
    });
    engines.push(engine);
    return engine;
  };
  const stateOf = (engine: MonitorEngineRuntime) => () =>
    Object.fromEntries(engine.listStatuses().map((status) => [status.id, status.state]));

  /** Notifications that are about the web service (one outage = one of each kind). */
  const webNotifications = (kind: string) =>
    webhook.received.filter(
      (body) =>
        (body as { kind: string }).kind === kind &&
        ((body as { alerts: { service?: string }[] }).alerts ?? []).some((alert) => alert.service === 'web'),
    ) as { title: string; alerts: { key: string; state: string }[] }[];

  it(
    'sees every service up and the failed job down; a killed container is down from its die event, HTTP follows its ' +
      'threshold, and the outage is one notification and one resolution',
    async () => {
      const engine = open();
      await engine.start();
      await waitUntil(
        stateOf(engine),
        (states) =>
          states['web:http'] === 'up' &&
          states['web:container'] === 'up' &&
          states['migrate:job'] === 'up' &&
          states['seed:job'] === 'down' &&
          states['n8n:postgres'] === 'up' &&
          states['redis:redis'] === 'up',
        30_000,
        'all monitors settled',
      );
      await waitUntil(() => engine.eventStreamConnected(), Boolean, 10_000, 'event stream connected');
      expect(engine.getStatus('seed:job')?.lastCheck?.message).toBe('job exited with code 3');
      expect(engine.getStatus('web:container')?.lastCheck?.message).toBe('running, healthy');
      expect(engine.getStatus('n8n:postgres')?.lastCheck?.message).toBe('logged in as n8n to n8n');

      await project.kill('web');
      // The die event, not a probe: exit 137 (SIGKILL) and no latency. Timing targets are in bench/.
      const container = await waitUntil(
        () => engine.getStatus('web:container')!,
        (status) => status.state === 'down',
        15_000,
        'web container down',
      );
      expect(container.lastCheck).toMatchObject({ ok: false, message: 'exited (exit 137)' });
      // HTTP keeps its threshold: two failed checks.
      await waitUntil(stateOf(engine), (states) => states['web:http'] === 'down', 20_000, 'web http down');
      await waitUntil(
        () =>
          engine
            .alerts('firing')
            .map((alert) => alert.key)
            .sort(),
        (keys) => keys.join() === 'service-down:seed:job,service-down:web:container,service-down:web:http',
        15_000,
        'web alerts firing',
      );
      const fired = await webhook.waitFor(
        (body) => body.kind === 'firing' && (body.alert as { key: string }).key === 'service-down:web:container',
        15_000,
      );
      expect(fired.title, JSON.stringify(webhook.received)).toBe('[FIRING] demo: Web container is down: exited (exit 137)');

      await project.start('web');
      await waitUntil(
        stateOf(engine),
        (states) => states['web:http'] === 'up' && states['web:container'] !== 'down',
        30_000,
        'web recovered',
      );
      await waitUntil(
        () => webNotifications('resolved').length,
        (count) => count >= 1,
        20_000,
        'resolved notification',
      );
      await waitUntil(
        () => engine.alerts('firing').map((alert) => alert.key),
        (keys) => keys.length === 1 && keys[0] === 'service-down:seed:job',
        15_000,
        'only the failed job still firing',
      );
      // One outage: one firing notification (the HTTP check joined it) and one resolution listing both checks.
      expect(webNotifications('firing')).toHaveLength(1);
      const [resolved] = webNotifications('resolved');
      expect(webNotifications('resolved')).toHaveLength(1);
      expect(resolved!.title).toMatch(/^\[RESOLVED\] demo: Web container is down: exited \(exit 137\) \(\+\d+ more\)$/);
      // Both checks (a check that flapped while web came back is listed each time it failed).
      expect(new Set(resolved!.alerts.map((alert) => alert.key))).toEqual(new Set(['service-down:web:container', 'service-down:web:http']));
      expect(new Set(resolved!.alerts.map((alert) => alert.state))).toEqual(new Set(['resolved']));
      // The job's outage is its own, notified once.
      expect(
        webhook.received.filter(
          (body) =>
            (body as { kind: string }).kind === 'firing' && (body as { alert: { key: string } }).alert.key === 'service-down:seed:job',
        ),
      ).toHaveLength(1);
    },
    120_000,
  );

  it('reports container resources and exposes them as metrics', async () => {
    const engine = engines[0]!;
    await project.start('web');
    const web = await waitUntil(
      () =>
        engine.containers().find((container) => container.service === 'web' && container.state === 'running' && container.memoryBytes > 0),
      (found) => found !== undefined,
      10_000,
      'web resources',
    );
    expect(web).toMatchObject({
      containerName: `${project.project}-web-1`,
      memoryLimitBytes: 64 * 1024 * 1024,
      oomKilled: false,
      health: expect.any(String),
    });
    expect(web!.memoryWorkingSetBytes).toBeLessThanOrEqual(web!.memoryBytes);
    expect(engine.containers().find((container) => container.service === 'seed')).toMatchObject({ state: 'exited', memoryBytes: 0 });
    // A shell spinning in a loop: CPU between two one-shot readings, up to one core (much less on a
    // loaded 2-core machine, so only "clearly busy" is asserted).
    const busy = await waitUntil(
      () => engine.containers().find((container) => container.service === 'busy'),
      (found) => (found?.cpuPercent ?? 0) > 3,
      30_000,
      'busy CPU',
    );
    expect(busy!.cpuPercent).toBeLessThanOrEqual(205);
    expect(engine.host()).toMatchObject({ memoryTotalBytes: expect.any(Number), diskTotalBytes: expect.any(Number) });
    expect(engine.host()!.diskFreeBytes).toBeLessThanOrEqual(engine.host()!.diskTotalBytes);
    const metrics = await engine.metrics();
    expect(metrics).toMatch(/aistack_container_memory_working_set_bytes\{service="web"\} \d+/);
    expect(metrics).toContain('aistack_container_spec_memory_limit_bytes{service="web"} 67108864');
    expect(metrics).toMatch(/aistack_container_cpu_usage_seconds_total\{service="web"\} [\d.e-]+/);
    expect(metrics).toContain('aistack_monitor_up{monitor="seed:job",service="seed",type="job"} 0');
    const deadline = Date.now() + 20_000;
    for (;;) {
      await engine.evaluateAlerts();
      if ((await engine.metrics()).includes('aistack_alerts_firing{severity="critical"} 1')) break;
      if (Date.now() > deadline) expect(await engine.metrics()).toContain('aistack_alerts_firing{severity="critical"} 1');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('reaches a service by its name from outside the stack network through its container IP', async () => {
    const byName: MonitorDefinition = {
      id: 'web:http',
      name: 'Web',
      service: 'web',
      probe: { type: 'http', url: 'http://web:8080/health', bodyContains: 'ok' },
      intervalMs: 60_000,
      timeoutMs: 2000,
      failureThreshold: 1,
      recoveryThreshold: 1,
    };
    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors: [byName, { ...byName, id: 'web:tcp', probe: { type: 'tcp', host: 'web', port: 8080 } }],
      databasePath: path.join(directory, 'by-name.db'),
      docker,
      composeProject: project.project,
      notifiers: [],
      resolveHost: createServiceAddressResolver({ docker, project: project.project, services: new Set(['web']) }),
    });
    try {
      await project.start('web');
      expect(await engine.checkNow('web:http')).toMatchObject({ ok: true, message: 'HTTP 200' });
      expect(await engine.checkNow('web:tcp')).toMatchObject({ ok: true, message: 'connected' });
    } finally {
      await engine.stop();
    }
  });

  it('reads logs merged across services with levels, searches them on the server, and follows new lines', async () => {
    const engine = engines[0]!;
    const all = await engine.queryLogs({});
    const texts = all.map((line) => `${line.service} ${line.stream} ${line.level} ${line.text}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        'web stdout info {"level":30,"msg":"web started"}',
        'web stderr warn [warn] cache is cold',
        'migrate stdout unknown migrated',
        'seed stderr error ERROR: seed failed',
      ]),
    );
    expect(all.map((line) => line.at)).toEqual([...all.map((line) => line.at)].sort((a, b) => a - b));
    expect((await engine.queryLogs({ level: 'error' })).map((line) => line.text)).toEqual(['ERROR: seed failed']);
    const cold = (await engine.queryLogs({ regex: 'cache is (cold|warm)' })).map((line) => line.text);
    expect(cold.length).toBeGreaterThanOrEqual(1);
    expect(new Set(cold)).toEqual(new Set(['[warn] cache is cold']));
    expect((await engine.queryLogs({ services: ['migrate'], text: 'MIGRATED' })).map((line) => line.service)).toEqual(['migrate']);
    await expect(engine.queryLogs({ regex: '(a+)+$' })).rejects.toMatchObject({ code: 'AIS_MONITOR_BAD_REGEX' });

    const received: LogLine[] = [];
    const unsubscribe = engine.followLogs({ services: ['web'], level: 'warn' }, (line) => received.push(line));
    try {
      // Attached once a marker written now arrives (follow starts at "now": nothing older comes).
      const deadline = Date.now() + 15_000;
      while (!received.some((line) => line.text === 'level=warn marker')) {
        if (Date.now() > deadline) throw new Error('the log follow never attached');
        await project.writeLog('web', 'level=warn marker');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await project.writeLog('web', 'level=info routine line');
      await project.writeLog('web', '<img src=x onerror=alert(1)> level=error injected', 'stderr');
      const followed = (): LogLine[] => received.filter((line) => line.text !== 'level=warn marker');
      await waitUntil(followed, (lines) => lines.length >= 1, 10_000, 'followed line');
      expect(followed()).toMatchObject([
        { service: 'web', stream: 'stderr', level: 'error', text: '<img src=x onerror=alert(1)> level=error injected' },
      ]);
    } finally {
      unsubscribe();
    }
  }, 30_000);

  it('keeps history, states and alerts after the engine restarts on the same database', async () => {
    const first = engines.shift()!;
    // After stop: a check in flight during stop still lands in the state.
    await first.stop();
    const before = first.getStatus('web:http')!;
    const second = open();
    expect(second.getStatus('web:http')).toMatchObject({ state: before.state, since: before.since, lastCheck: before.lastCheck });
    expect(second.getStatus('web:http')!.recentLatencies).toEqual(before.recentLatencies);
    expect(second.getStatus('seed:job')?.state).toBe('down');
    expect(second.alerts('firing').map((alert) => alert.key)).toEqual(['service-down:seed:job']);
    expect(second.alerts('all').filter((alert) => alert.state === 'resolved').length).toBeGreaterThanOrEqual(2);
    const up = second.series('web:http', 'up', Date.now() - 120_000, Date.now());
    expect(up.filter((point) => point.value === 0).length).toBeGreaterThanOrEqual(2);
    expect(up.filter((point) => point.value === 1).length).toBeGreaterThanOrEqual(2);
    expect(second.series('web', 'memory', Date.now() - 120_000, Date.now()).length).toBeGreaterThanOrEqual(1);
    const notificationsBefore = webhook.received.length;
    await second.start();
    await second.evaluateAlerts();
    // Restarting does not notify the still-firing alert again.
    expect(webhook.received.length).toBe(notificationsBefore);
  });
  it('follows the event stream again after the Engine connection drops, and re-checks what it missed meanwhile', async () => {
    const relay = await startEngineRelay();
    const container = monitors.find((monitor) => monitor.id === 'web:container')!;
    const engine = createMonitorEngine({
      stack: emptyStack(),
      // A long interval: only events and the re-check after reconnecting can notice anything.
      monitors: [{ ...container, intervalMs: 600_000 }],
      databasePath: path.join(directory, 'reconnect.db'),
      docker: new Docker({ host: '127.0.0.1', port: relay.port }),
      composeProject: project.project,
      notifiers: [],
    });
    try {
      await engine.start();
      expect(await engine.checkNow('web:container')).toMatchObject({ ok: true });
      await waitUntil(() => engine.eventStreamConnected(), Boolean, 10_000, 'event stream connected');
      relay.drop();
      await waitUntil(
        () => engine.eventStreamConnected(),
        (connected) => !connected,
        10_000,
        'event stream lost',
      );
      // Killed while the stream is down: its die event is never delivered.
      await project.kill('web');
      relay.restore();
      const down = await waitUntil(
        () => engine.getStatus('web:container')!,
        (status) => status.state === 'down',
        20_000,
        'down after reconnecting',
      );
      expect(down.lastCheck?.message).toBe('exited (exit 137)');
      await waitUntil(() => engine.eventStreamConnected(), Boolean, 10_000, 'event stream back');
      // Events flow on the new stream: the start is seen without waiting for the interval.
      await project.start('web');
      await waitUntil(
        () => engine.getStatus('web:container')!.state,
        (state) => state !== 'down',
        20_000,
        'up from the start event',
      );
    } finally {
      await engine.stop();
      await relay.close();
    }
  }, 90_000);
});
