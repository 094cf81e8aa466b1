import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import type { MonitorStateRecord } from './monitor-state.js';
import { HOUR_MS, LATENCY_SCALE, MINUTE_MS, MINUTE_WINDOW_MS, RAW_WINDOW_MS, STORE_SCHEMA } from './store-schema.js';
import type { Alert, AlertSeverity, CheckResult, MonitorState, SeriesMetric, SeriesPoint } from './types.js';

export interface ResourceSample {
  readonly service: string;
  readonly at: number;
  readonly cpuPercent: number;
  readonly memoryBytes: number;
}

export interface StoredState extends MonitorStateRecord {
  readonly lastCheck: CheckResult | undefined;
}

export interface NewAlert {
  readonly ruleId: string;
  readonly key: string;
  readonly service: string | undefined;
  readonly severity: AlertSeverity;
  readonly summary: string;
  readonly startedAt: number;
}

export interface StoredAlert extends Alert {
  readonly resolvedNotified: boolean;
}

/** The monitor's history in SQLite (WAL): raw samples briefly, minute and hour rollups for longer. */
export interface MonitorStore {
  readonly file: string;
  /** One transaction: raw samples, minute and hour rollups, and the monitors' new states. */
  recordChecks(results: readonly CheckResult[], states: ReadonlyMap<string, StoredState>): void;
  recordResources(samples: readonly ResourceSample[]): void;
  loadStates(): Map<string, StoredState>;
  series(key: string, metric: SeriesMetric, from: number, to: number, now: number): SeriesPoint[];
  /** Ratio of successful checks per monitor since `since` (from minute rollups). */
  uptimeSince(since: number): Map<string, number>;
  /** Last `count` latencies per monitor, oldest first (to warm the sparklines after a restart). */
  recentLatencies(key: string, count: number): number[];
  openAlert(alert: NewAlert): StoredAlert;
  resolveAlert(id: number, at: number): void;
  markNotified(id: number, at: number): void;
  markResolvedNotified(id: number): void;
  firingAlerts(): StoredAlert[];
  /** Alerts resolved since `since` whose firing was notified but whose resolved notification is not yet sent. */
  unnotifiedResolved(since: number): StoredAlert[];
  listAlerts(state: 'firing' | 'all', limit: number): StoredAlert[];
  /** Delete what is older than each tier's window, bounded by the retention. Returns rows removed. */
  prune(now: number, retentionMs: number): number;
  sizeBytes(): number;
  close(): void;
}

interface AlertRow {
  id: number;
  rule_id: string;
  key: string;
  service: string | null;
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  summary: string;
  started_at: number;
  resolved_at: number | null;
  last_notified_at: number | null;
  resolved_notified: number;
}

export function openMonitorStore(file: string): MonitorStore {
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(STORE_SCHEMA);
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1')").run();
  } catch (error: unknown) {
    throw new StoreError('AIS_MONITOR_STORE_OPEN_FAILED', {
      file,
      reason: (error as Error).message,
      hint: 'check that the directory is writable and no other program holds the file; delete it to start a fresh history',
      cause: error,
    });
  }
  const keyIds = new Map<string, number>();
  const selectKey = db.prepare<[string], { id: number }>('SELECT id FROM series_keys WHERE key = ?');
  const insertKey = db.prepare<[string]>('INSERT INTO series_keys (key) VALUES (?)');
  const idOf = (key: string): number => {
    const known = keyIds.get(key);
    if (known !== undefined) return known;
    const row = selectKey.get(key);
    const id = row ? row.id : Number(insertKey.run(key).lastInsertRowid);
    keyIds.set(key, id);
    return id;
  };
  const findId = (key: string): number | undefined => keyIds.get(key) ?? selectKey.get(key)?.id;

  const insertSample = db.prepare('INSERT OR REPLACE INTO samples (series, at, ok, latency, message) VALUES (?, ?, ?, ?, ?)');
  const rollup = (table: string): Database.Statement =>
    db.prepare(
      `INSERT INTO ${table} (series, bucket, checks, ok, degraded, latency_sum, latency_max) VALUES (?, ?, 1, ?, ?, ?, ?)
       ON CONFLICT (series, bucket) DO UPDATE SET checks = checks + 1, ok = ok + excluded.ok, degraded = degraded + excluded.degraded,
       latency_sum = latency_sum + excluded.latency_sum, latency_max = max(latency_max, excluded.latency_max)`,
    );
  const minuteRollup = rollup('check_minute');
  const hourRollup = rollup('check_hour');
  const resourceRollup = (table: string): Database.Statement =>
    db.prepare(
      `INSERT INTO ${table} (series, bucket, samples, cpu_sum, memory_sum, memory_max) VALUES (?, ?, 1, ?, ?, ?)
       ON CONFLICT (series, bucket) DO UPDATE SET samples = samples + 1, cpu_sum = cpu_sum + excluded.cpu_sum,
       memory_sum = memory_sum + excluded.memory_sum, memory_max = max(memory_max, excluded.memory_max)`,
    );
  const resourceMinute = resourceRollup('resource_minute');
  const resourceHour = resourceRollup('resource_hour');
  const upsertState = db.prepare(
    `INSERT INTO monitor_states (monitor, state, since, failures, successes, last_check) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (monitor) DO UPDATE SET state = excluded.state, since = excluded.since, failures = excluded.failures,
     successes = excluded.successes, last_check = excluded.last_check`,
  );

  const recordChecks = db.transaction((results: readonly CheckResult[], states: ReadonlyMap<string, StoredState>) => {
    for (const result of results) {
      const series = idOf(result.monitorId);
      const ok = result.ok ? (result.degraded ? 2 : 1) : 0;
      const latency = Math.round(result.latencyMs * LATENCY_SCALE);
      insertSample.run(series, result.at, ok, latency, ok === 1 ? null : result.message);
      const okCount = result.ok ? 1 : 0;
      const degradedCount = result.ok && result.degraded ? 1 : 0;
      // Latency charts describe answers: a refused connection's 1 ms is not a fast service.
      const answered = result.ok ? latency : 0;
      minuteRollup.run(series, bucketOf(result.at, MINUTE_MS), okCount, degradedCount, answered, answered);
      hourRollup.run(series, bucketOf(result.at, HOUR_MS), okCount, degradedCount, answered, answered);
    }
    for (const [id, state] of states) {
      upsertState.run(
        id,
        state.state,
        state.since,
        state.consecutiveFailures,
        state.consecutiveSuccesses,
        state.lastCheck ? JSON.stringify(state.lastCheck) : null,
      );
    }
  });
  const recordResources = db.transaction((samples: readonly ResourceSample[]) => {
    for (const sample of samples) {
      const series = idOf(`resources:${sample.service}`);
      resourceMinute.run(series, bucketOf(sample.at, MINUTE_MS), sample.cpuPercent, sample.memoryBytes, sample.memoryBytes);
      resourceHour.run(series, bucketOf(sample.at, HOUR_MS), sample.cpuPercent, sample.memoryBytes, sample.memoryBytes);
    }
  });

  type Sums = { checks: number | null; ok: number | null } | undefined;
  const allKeys = db.prepare<[], { id: number; key: string }>('SELECT id, key FROM series_keys');
  const sumHours = db.prepare<[number, number], NonNullable<Sums>>(
    'SELECT SUM(checks) AS checks, SUM(ok) AS ok FROM check_hour WHERE series = ? AND bucket >= ?',
  );
  const sumMinutes = db.prepare<[number, number, number], NonNullable<Sums>>(
    'SELECT SUM(checks) AS checks, SUM(ok) AS ok FROM check_minute WHERE series = ? AND bucket >= ? AND bucket < ?',
  );

  const toAlert = (row: AlertRow): StoredAlert => ({
    id: row.id,
    ruleId: row.rule_id,
    key: row.key,
    service: row.service ?? undefined,
    severity: row.severity,
    state: row.state,
    summary: row.summary,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at ?? undefined,
    lastNotifiedAt: row.last_notified_at ?? undefined,
    resolvedNotified: row.resolved_notified === 1,
  });
  const insertAlert = db.prepare(
    'INSERT INTO alerts (rule_id, key, service, severity, state, summary, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selectAlert = db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE id = ?');

  const guard = <T>(action: string, work: () => T): T => {
    try {
      return work();
    } catch (error: unknown) {
      throw new StoreError('AIS_MONITOR_STORE_FAILED', {
        action,
        reason: (error as Error).message,
        hint: 'check free disk space and the permissions of the monitor database',
        cause: error,
      });
    }
  };

  return {
    file,
    recordChecks: (results, states) => guard('writing check results', () => recordChecks(results, states)),
    recordResources: (samples) => guard('writing resource samples', () => recordResources(samples)),
    loadStates() {
      const rows = db
        .prepare<
          [],
          { monitor: string; state: MonitorState; since: number; failures: number; successes: number; last_check: string | null }
        >('SELECT * FROM monitor_states')
        .all();
      return new Map(
        rows.map((row) => [
          row.monitor,
          {
            state: row.state,
            since: row.since,
            consecutiveFailures: row.failures,
            consecutiveSuccesses: row.successes,
            lastCheck: row.last_check ? (JSON.parse(row.last_check) as CheckResult) : undefined,
          },
        ]),
      );
    },
    series(key, metric, from, to, now) {
      const resource = metric === 'cpu' || metric === 'memory';
      const series = findId(resource ? `resources:${key}` : key);
      if (series === undefined) return [];
      const span = to - from;
      if (resource) {
        const table = span <= MINUTE_WINDOW_MS && from >= now - MINUTE_WINDOW_MS ? 'resource_minute' : 'resource_hour';
        const column = metric === 'cpu' ? 'cpu_sum' : 'memory_sum';
        return db
          .prepare<[number, number, number], SeriesPoint>(
            `SELECT bucket AS at, ${column} / samples AS value FROM ${table} WHERE series = ? AND bucket BETWEEN ? AND ? ORDER BY bucket`,
          )
          .all(series, from, to);
      }
      if (span <= 6 * HOUR_MS && from >= now - RAW_WINDOW_MS) {
        const value = metric === 'latency' ? `latency / ${LATENCY_SCALE}.0` : 'CASE ok WHEN 0 THEN 0 ELSE 1 END';
        const answered = metric === 'latency' ? ' AND ok > 0' : '';
        return db
          .prepare<[number, number, number], SeriesPoint>(
            `SELECT at, ${value} AS value FROM samples WHERE series = ? AND at BETWEEN ? AND ?${answered} ORDER BY at`,
          )
          .all(series, from, to);
      }
      const table = span <= MINUTE_WINDOW_MS && from >= now - MINUTE_WINDOW_MS ? 'check_minute' : 'check_hour';
      const value = metric === 'latency' ? `CAST(latency_sum AS REAL) / ok / ${LATENCY_SCALE}` : 'CAST(ok AS REAL) / checks';
      const answered = metric === 'latency' ? ' AND ok > 0' : '';
      return db
        .prepare<[number, number, number], SeriesPoint>(
          `SELECT bucket AS at, ${value} AS value FROM ${table} WHERE series = ? AND bucket BETWEEN ? AND ?${answered} ORDER BY bucket`,
        )
        .all(series, bucketOf(from, table === 'check_minute' ? MINUTE_MS : HOUR_MS), to);
    },
    uptimeSince(since) {
      // Whole hours from the hour rollups, the first partial hour from minutes, series by series
      // through the primary key: exact to the minute without scanning every minute row.
      const firstMinute = bucketOf(since, MINUTE_MS);
      const firstWholeHour = bucketOf(since, HOUR_MS) + (firstMinute % HOUR_MS === 0 ? 0 : HOUR_MS);
      const ratios = new Map<string, number>();
      for (const { id, key } of allKeys.all()) {
        const hours = sumHours.get(id, firstWholeHour);
        const minutes = sumMinutes.get(id, firstMinute, firstWholeHour);
        const checks = (hours?.checks ?? 0) + (minutes?.checks ?? 0);
        if (checks > 0) ratios.set(key, ((hours?.ok ?? 0) + (minutes?.ok ?? 0)) / checks);
      }
      return ratios;
    },
    recentLatencies(key, count) {
      const series = findId(key);
      if (series === undefined) return [];
      return db
        .prepare<[number, number], { latency: number }>('SELECT latency FROM samples WHERE series = ? ORDER BY at DESC LIMIT ?')
        .all(series, count)
        .map((row) => row.latency / LATENCY_SCALE)
        .reverse();
    },
    openAlert: (alert) =>
      guard('opening an alert', () => {
        const id = Number(
          insertAlert.run(alert.ruleId, alert.key, alert.service ?? null, alert.severity, 'firing', alert.summary, alert.startedAt)
            .lastInsertRowid,
        );
        return toAlert(selectAlert.get(id)!);
      }),
    resolveAlert: (id, at) =>
      guard('resolving an alert', () => void db.prepare("UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ?").run(at, id)),
    markNotified: (id, at) =>
      guard('marking an alert notified', () => void db.prepare('UPDATE alerts SET last_notified_at = ? WHERE id = ?').run(at, id)),
    markResolvedNotified: (id) =>
      guard('marking an alert notified', () => void db.prepare('UPDATE alerts SET resolved_notified = 1 WHERE id = ?').run(id)),
    firingAlerts: () => db.prepare<[], AlertRow>("SELECT * FROM alerts WHERE state = 'firing' ORDER BY id").all().map(toAlert),
    unnotifiedResolved: (since) =>
      db
        .prepare<[number], AlertRow>(
          "SELECT * FROM alerts WHERE state = 'resolved' AND resolved_notified = 0 AND last_notified_at IS NOT NULL AND resolved_at >= ? ORDER BY id",
        )
        .all(since)
        .map(toAlert),
    listAlerts: (state, limit) =>
      (state === 'firing'
        ? db.prepare<[number], AlertRow>("SELECT * FROM alerts WHERE state = 'firing' ORDER BY started_at DESC, id DESC LIMIT ?").all(limit)
        : db.prepare<[number], AlertRow>('SELECT * FROM alerts ORDER BY started_at DESC, id DESC LIMIT ?').all(limit)
      ).map(toAlert),
    prune: (now, retentionMs) =>
      guard('pruning history', () => {
        const rawBefore = now - Math.min(RAW_WINDOW_MS, retentionMs);
        const minuteBefore = now - Math.min(MINUTE_WINDOW_MS, retentionMs);
        const hourBefore = now - retentionMs;
        let removed = 0;
        // Series by series through the primary key (series, time): no table scans, no extra index.
        const tiers: [string, string, number][] = [
          ['samples', 'at', rawBefore],
          ['check_minute', 'bucket', bucketOf(minuteBefore, MINUTE_MS)],
          ['resource_minute', 'bucket', bucketOf(minuteBefore, MINUTE_MS)],
          ['check_hour', 'bucket', bucketOf(hourBefore, HOUR_MS)],
          ['resource_hour', 'bucket', bucketOf(hourBefore, HOUR_MS)],
        ];
        const statements = tiers.map(
          ([table, column, before]) => [db.prepare(`DELETE FROM ${table} WHERE series = ? AND ${column} < ?`), before] as const,
        );
        const ids = allKeys.all().map((row) => row.id);
        db.transaction(() => {
          for (const id of ids) for (const [statement, before] of statements) removed += statement.run(id, before).changes;
        })();
        removed += db.prepare("DELETE FROM alerts WHERE state = 'resolved' AND resolved_at < ?").run(hourBefore).changes;
        return removed;
      }),
    sizeBytes() {
      const pages = db.pragma('page_count', { simple: true }) as number;
      const size = db.pragma('page_size', { simple: true }) as number;
      return pages * size;
    },
    close() {
      if (db.open) db.close();
    },
  };
}

export function bucketOf(at: number, size: number): number {
  return Math.floor(at / size) * size;
}
