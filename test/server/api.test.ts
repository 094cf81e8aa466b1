import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorStatus } from '../../src/monitor/types.js';
import { makeContainer, makeStatus } from './support/in-memory-engine.js';
import { createFixture, HOST, logIn } from './support/server-fixture.js';
import type { Fixture, LoggedIn } from './support/server-fixture.js';

const NOW = 1_790_000_000_000;
let fixture: Fixture;
let session: LoggedIn;

beforeAll(async () => {
  fixture = await createFixture({ server: { now: () => NOW } });
  const { engine } = fixture;
  engine.statuses.push(
    makeStatus('ollama:http', 'ollama', 'up', NOW),
    makeStatus('postgres:postgres', 'postgres', 'down', NOW),
    makeStatus('custom:site', undefined, 'degraded', NOW),
  );
  engine.containerList.push(makeContainer('ollama', NOW), makeContainer('postgres', NOW));
  engine.hostResources = {
    at: NOW,
    cpuPercent: 12.5,
    memoryTotalBytes: 24 * 2 ** 30,
    memoryAvailableBytes: 20 * 2 ** 30,
    diskTotalBytes: 100 * 2 ** 30,
    diskFreeBytes: 40 * 2 ** 30,
  };
  engine.points.set(
    'ollama:http/latency',
    Array.from({ length: 1000 }, (_, index) => ({ at: NOW - 3_600_000 + index * 3600, value: index % 50 })),
  );
  engine.points.set('ollama/cpu', [
    { at: NOW - 10 * 86_400_000, value: 99 },
    { at: NOW - 60_000, value: 5 },
  ]);
  engine.points.set('ollama/memory', [
    { at: NOW - 2 * 86_400_000, value: 1e8 },
    { at: NOW - 60_000, value: 2e8 },
  ]);
  for (const [index, text] of [
    'level=info started',
    'ERROR: disk quota',
    'warn: slow query 1200ms',
    '<img src=x onerror=alert(1)>',
  ].entries()) {
    engine.logLines.push({
      service: index % 2 === 0 ? 'ollama' : 'postgres',
      at: NOW - 1000 + index,
      stream: 'stdout',
      level: index === 1 ? 'error' : 'info',
      text,
    });
  }
  engine.alertList.push(
    {
      id: 2,
      ruleId: 'down',
      key: 'down:postgres',
      service: 'postgres',
      severity: 'critical',
      state: 'firing',
      summary: 'postgres is down',
      startedAt: NOW - 5000,
      resolvedAt: undefined,
      lastNotifiedAt: NOW - 4000,
    },
    {
      id: 1,
      ruleId: 'latency',
      key: 'latency:ollama',
      service: 'ollama',
      severity: 'warning',
      state: 'resolved',
      summary: 'ollama latency 900 ms',
      startedAt: NOW - 90_000,
      resolvedAt: NOW - 60_000,
      lastNotifiedAt: undefined,
    },
  );
  engine.ruleList.push({
    id: 'down',
    name: 'Service down',
    metric: 'down',
    service: undefined,
    threshold: undefined,
    forMs: 0,
    severity: 'critical',
    builtIn: true,
  });
  session = await logIn(fixture.app);
});
afterAll(async () => fixture.close());

const get = (url: string) => fixture.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

describe('GET /api/overview', () => {
  it('lists every monitor with its state and sparkline, counts by state, the host and firing alerts', async () => {
    const response = await get('/api/overview');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json<{
      counts: unknown;
      monitors: MonitorStatus[];
      firingAlerts: number;
      generatedAt: number;
      host: unknown;
    }>();
    expect(body.generatedAt).toBe(NOW);
    expect(body.counts).toEqual({ up: 1, down: 1, degraded: 1, pending: 0 });
    expect(body.firingAlerts).toBe(1);
    expect(body.monitors.map((monitor) => [monitor.id, monitor.service, monitor.state])).toEqual([
      ['ollama:http', 'ollama', 'up'],
      ['postgres:postgres', 'postgres', 'down'],
      ['custom:site', undefined, 'degraded'],
    ]);
    expect(body.monitors[0]?.recentLatencies).toHaveLength(30);
    expect(body.host).toEqual(fixture.engine.hostResources);
  });

  it('drops fields the schema does not list (a secret on an engine object never leaks)', async () => {
    const leaky = {
      ...makeStatus('leaky:http', 'leaky', 'up', NOW),
      password: 'hunter2',
      lastCheck: { ...makeStatus('leaky:http', 'leaky', 'up', NOW).lastCheck!, token: 's3cret' },
    };
    fixture.engine.statuses.push(leaky);
    try {
      const response = await get('/api/overview');
      expect(response.body).not.toContain('hunter2');
      expect(response.body).not.toContain('s3cret');
    } finally {
      fixture.engine.statuses.pop();
    }
  });
});

describe('GET /api/services/:id', () => {
  it('returns the service state, monitors, container, series for the range and recent logs', async () => {
    const response = await get('/api/services/ollama?range=1h');
    expect(response.statusCode).toBe(200);
    const body = response.json<
      Record<string, unknown> & {
        series: Record<string, unknown[]>;
        logs: { text: string }[];
        containers: { containerName: string }[];
      }
    >();
    expect(body).toMatchObject({ id: 'ollama', state: 'up', range: '1h', from: NOW - 3_600_000, to: NOW });
    expect(body.containers.map((container) => container.containerName)).toEqual(['stack-ollama-1']);
    // 1,000 raw points are averaged down for the chart.
    expect(body.series.latency).toHaveLength(360);
    expect(body.series.cpu).toEqual([{ at: NOW - 60_000, value: 5 }]);
    expect(body.series.memory).toEqual([{ at: NOW - 60_000, value: 2e8 }]);
    expect(body.logs.map((line) => line.text)).toEqual(['level=info started', 'warn: slow query 1200ms']);
  });

  it('a longer range reaches older points', async () => {
    const body = (await get('/api/services/ollama?range=7d')).json<{ series: { memory: unknown[] }; from: number }>();
    expect(body.from).toBe(NOW - 7 * 86_400_000);
    expect(body.series.memory).toHaveLength(2);
  });

  it('finds a custom monitor by its id', async () => {
    const body = (await get('/api/services/custom%3Asite')).json<{ state: string; monitors: unknown[]; containers: unknown[] }>();
    expect(body.state).toBe('degraded');
    expect(body.monitors).toHaveLength(1);
    expect(body.containers).toEqual([]);
  });

  it('answers 404 for an unknown service and 400 for an unknown range', async () => {
    const missing = await get('/api/services/qdrnt');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      code: 'AIS_SERVER_NOT_FOUND',
      message: 'no service or monitor "qdrnt"',
      hint: 'pick one from /api/overview',
    });
    const badRange = await get('/api/services/ollama?range=2y');
    expect(badRange.statusCode).toBe(400);
    expect(badRange.json()).toEqual({
      code: 'AIS_SERVER_BAD_REQUEST',
      message: 'querystring/range must be equal to one of the allowed values',
    });
  });
});

describe('GET /api/resources, /api/alerts, /api/rules', () => {
  it('returns the host and containers', async () => {
    const body = (await get('/api/resources')).json<{ containers: unknown[]; host: { cpuPercent: number } }>();
    expect(body.containers).toHaveLength(2);
    expect(body.host.cpuPercent).toBe(12.5);
  });

  it('returns firing alerts and the history', async () => {
    const body = (await get('/api/alerts?limit=10')).json<{ firing: { id: number }[]; history: { id: number; state: string }[] }>();
    expect(body.firing.map((alert) => alert.id)).toEqual([2]);
    expect(body.history.map((alert) => [alert.id, alert.state])).toEqual([
      [2, 'firing'],
      [1, 'resolved'],
    ]);
  });

  it('returns the rules', async () => {
    expect((await get('/api/rules')).json()).toEqual({
      rules: [{ id: 'down', name: 'Service down', metric: 'down', forMs: 0, severity: 'critical', builtIn: true }],
    });
  });
});

describe('GET /api/logs', () => {
  it('filters by service, level, text and regex on the server', async () => {
    const texts = async (query: string) =>
      (await get(`/api/logs?${query}`)).json<{ lines: { text: string }[] }>().lines.map((line) => line.text);
    expect(await texts('services=postgres')).toEqual(['ERROR: disk quota', '<img src=x onerror=alert(1)>']);
    expect(await texts('level=error')).toEqual(['ERROR: disk quota']);
    expect(await texts('text=SLOW')).toEqual(['warn: slow query 1200ms']);
    expect(await texts(`regex=${encodeURIComponent('query \\d+ms$')}`)).toEqual(['warn: slow query 1200ms']);
    expect(await texts(`since=${NOW - 998}&until=${NOW - 998}`)).toEqual(['warn: slow query 1200ms']);
    expect(await texts('limit=1')).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('answers 400 for a regex that does not compile', async () => {
    const response = await get(`/api/logs?regex=${encodeURIComponent('(unclosed')}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'AIS_SERVER_BAD_REGEX',
      message: 'invalid regular expression: Invalid regular expression: /(unclosed/i: Unterminated group',
      hint: 'use JavaScript regex syntax, or search plain text with ?text=',
    });
  });
});

/** Read SSE events from a listening server until `count` arrive (bounded by a timeout). */
function readEvents(url: string, cookie: string, count: number, onOpen: () => void): Promise<{ event: string; data: unknown }[]> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: unknown }[] = [];
    const request = http.get(url, { headers: { cookie, host: HOST } }, (response) => {
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(response.headers['content-security-policy']).toBeDefined();
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          if (events.length >= count) {
            clearTimeout(timer);
            request.destroy();
            resolve(events);
            return;
          }
        }
      });
      onOpen();
    });
    request.on('error', (error) => {
      if (events.length < count) reject(error);
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`only ${events.length} of ${count} events`));
    }, 5000);
  });
}

describe('live streams (listening on port 0)', () => {
  it('/api/logs/stream follows new lines that match the filter, and unsubscribes when the client leaves', async () => {
    const address = await fixture.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (fixture.app.server.address() as AddressInfo).port;
    expect(address).toBe(`http://127.0.0.1:${port}`);
    const events = await readEvents(`${address}/api/logs/stream?services=ollama&text=live`, session.cookie, 2, () => {
      setTimeout(() => {
        fixture.engine.pushLog({ service: 'postgres', at: NOW, stream: 'stdout', level: 'info', text: 'live but other service' });
        fixture.engine.pushLog({ service: 'ollama', at: NOW, stream: 'stdout', level: 'info', text: 'not matching' });
        fixture.engine.pushLog({ service: 'ollama', at: NOW + 1, stream: 'stderr', level: 'error', text: 'live <script>1</script>' });
        fixture.engine.pushLog({ service: 'ollama', at: NOW + 2, stream: 'stdout', level: 'info', text: 'live again' });
      }, 50);
    });
    expect(events).toEqual([
      { event: 'log', data: { service: 'ollama', at: NOW + 1, stream: 'stderr', level: 'error', text: 'live <script>1</script>' } },
      { event: 'log', data: { service: 'ollama', at: NOW + 2, stream: 'stdout', level: 'info', text: 'live again' } },
    ]);
    for (let attempt = 0; attempt < 50 && fixture.engine.followers() > 0; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fixture.engine.followers()).toBe(0);
  });

  it('/api/events streams checks and state changes', async () => {
    const address = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
    const events = await readEvents(`${address}/api/events`, session.cookie, 2, () => {
      setTimeout(
        () =>
          fixture.engine.pushCheck(
            { monitorId: 'ollama:http', at: NOW + 5, ok: false, degraded: false, latencyMs: 3000, message: 'timeout after 3000 ms' },
            'down',
          ),
        50,
      );
    });
    expect(events[0]).toEqual({
      event: 'check',
      data: { monitorId: 'ollama:http', at: NOW + 5, ok: false, degraded: false, latencyMs: 3000, message: 'timeout after 3000 ms' },
    });
    expect(events[1]?.event).toBe('state');
    expect(events[1]?.data).toMatchObject({ id: 'ollama:http', state: 'down', since: NOW + 5 });
  });

  it('refuses the streams without a session', async () => {
    const address = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
    const response = await fetch(`${address}/api/events`);
    expect(response.status).toBe(401);
  });
});
