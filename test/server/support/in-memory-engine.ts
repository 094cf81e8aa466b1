import type {
  Alert,
  AlertRule,
  CheckResult,
  ContainerResources,
  HostResources,
  LogLine,
  LogQuery,
  MonitorEngine,
  MonitorEvent,
  MonitorStatus,
  SeriesMetric,
  SeriesPoint,
} from '../../../src/monitor/types.js';

/**
 * A small `MonitorEngine` over data the test puts in: our own interface, implemented for real
 * (filters, subscriptions), so route tests do not depend on probes and Docker.
 */
export interface InMemoryEngine extends MonitorEngine {
  readonly statuses: MonitorStatus[];
  readonly containerList: ContainerResources[];
  readonly logLines: LogLine[];
  readonly alertList: Alert[];
  readonly ruleList: AlertRule[];
  readonly points: Map<string, SeriesPoint[]>;
  hostResources: HostResources | undefined;
  testNotifications: number;
  /** Record a log line and hand it to followers. */
  pushLog(line: LogLine): void;
  /** Record a check: updates the status and emits check + state events. */
  pushCheck(check: CheckResult, state: MonitorStatus['state']): void;
  emit(event: MonitorEvent): void;
  followers(): number;
}

export function createInMemoryEngine(): InMemoryEngine {
  const eventListeners = new Set<(event: MonitorEvent) => void>();
  const logFollowers = new Set<{ query: LogQuery; onLine: (line: LogLine) => void }>();

  const matches = (line: LogLine, query: LogQuery): boolean => {
    if (query.services && !query.services.includes(line.service)) return false;
    if (query.since !== undefined && line.at < query.since) return false;
    if (query.until !== undefined && line.at > query.until) return false;
    if (query.level !== undefined && line.level !== query.level) return false;
    if (query.text !== undefined && !line.text.toLowerCase().includes(query.text.toLowerCase())) return false;
    if (query.regex !== undefined && !new RegExp(query.regex, 'i').test(line.text)) return false;
    return true;
  };

  const engine: InMemoryEngine = {
    statuses: [],
    containerList: [],
    logLines: [],
    alertList: [],
    ruleList: [],
    points: new Map(),
    hostResources: undefined,
    testNotifications: 0,
    async start() {},
    async stop() {},
    listStatuses: () => engine.statuses,
    getStatus: (id) => engine.statuses.find((status) => status.id === id),
    series(key: string, metric: SeriesMetric, from: number, to: number) {
      return (engine.points.get(`${key}/${metric}`) ?? []).filter((point) => point.at >= from && point.at <= to);
    },
    containers: () => engine.containerList,
    host: () => engine.hostResources,
    async queryLogs(query) {
      const found = engine.logLines.filter((line) => matches(line, query));
      return found.slice(-(query.limit ?? 500));
    },
    followLogs(query, onLine) {
      const follower = { query, onLine };
      logFollowers.add(follower);
      return () => logFollowers.delete(follower);
    },
    alerts(state, limit) {
      const list = state === 'firing' ? engine.alertList.filter((alert) => alert.state === 'firing') : engine.alertList;
      return limit === undefined ? list : list.slice(0, limit);
    },
    rules: () => engine.ruleList,
    async sendTestNotification() {
      engine.testNotifications += 1;
      return [{ notifier: 'local-webhook', ok: true, message: 'delivered (HTTP 204)' }];
    },
    subscribe(onEvent) {
      eventListeners.add(onEvent);
      return () => eventListeners.delete(onEvent);
    },
    async metrics() {
      return (
        engine.statuses.map((status) => `aistack_monitor_up{monitor="${status.id}"} ${status.state === 'up' ? 1 : 0}`).join('\n') + '\n'
      );
    },
    pushLog(line) {
      engine.logLines.push(line);
      for (const follower of logFollowers) if (matches(line, follower.query)) follower.onLine(line);
      engine.emit({ type: 'log', payload: line });
    },
    pushCheck(check, state) {
      const index = engine.statuses.findIndex((status) => status.id === check.monitorId);
      const previous = engine.statuses[index];
      if (!previous) throw new Error(`no monitor ${check.monitorId}`);
      const next: MonitorStatus = {
        ...previous,
        state,
        since: previous.state === state ? previous.since : check.at,
        lastCheck: check,
        recentLatencies: [...previous.recentLatencies.slice(-59), check.latencyMs],
      };
      engine.statuses[index] = next;
      engine.emit({ type: 'check', payload: check });
      if (previous.state !== state) engine.emit({ type: 'state', payload: next });
    },
    emit(event) {
      for (const listener of eventListeners) listener(event);
    },
    followers: () => logFollowers.size,
  };
  return engine;
}

/** A status for a monitor, with sensible values. */
export function makeStatus(id: string, service: string | undefined, state: MonitorStatus['state'], at: number): MonitorStatus {
  const latencies = Array.from({ length: 30 }, (_, index) => 20 + ((index * 7) % 13));
  return {
    id,
    name: id,
    service,
    type: 'http',
    state,
    since: at - 60_000,
    lastCheck: {
      monitorId: id,
      at,
      ok: state !== 'down',
      degraded: state === 'degraded',
      latencyMs: latencies.at(-1) ?? 0,
      message: state === 'down' ? 'connection refused' : 'HTTP 200',
    },
    uptime24h: state === 'down' ? 0.9 : 1,
    recentLatencies: latencies,
  };
}

export function makeContainer(service: string, at: number): ContainerResources {
  return {
    service,
    containerId: `${service}0123456789abcdef`,
    containerName: `stack-${service}-1`,
    at,
    state: 'running',
    health: 'healthy',
    cpuPercent: 3.5,
    memoryBytes: 120 * 1024 * 1024,
    memoryWorkingSetBytes: 100 * 1024 * 1024,
    memoryLimitBytes: 512 * 1024 * 1024,
    networkRxBytes: 1000,
    networkTxBytes: 2000,
    blockReadBytes: 0,
    blockWriteBytes: 4096,
    restarts: 0,
    oomKilled: false,
    image: `aistack-test/${service}:1`,
    startedAt: new Date(at - 3_600_000).toISOString(),
  };
}
