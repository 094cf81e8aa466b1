/** Version 1 of the monitor database. Ratios and latencies live in rollups; raw samples only briefly. */
export const STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS series_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
-- ok: 0 failed, 1 up, 2 degraded. Latencies in tenths of a millisecond (integers are smaller than
-- REALs on disk). message only when not up. No index on at: pruning goes series by series.
CREATE TABLE IF NOT EXISTS samples (
  series INTEGER NOT NULL, at INTEGER NOT NULL, ok INTEGER NOT NULL, latency INTEGER NOT NULL, message TEXT,
  PRIMARY KEY (series, at)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS check_minute (
  series INTEGER NOT NULL, bucket INTEGER NOT NULL, checks INTEGER NOT NULL, ok INTEGER NOT NULL,
  degraded INTEGER NOT NULL, latency_sum INTEGER NOT NULL, latency_max INTEGER NOT NULL,
  PRIMARY KEY (series, bucket)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS check_hour (
  series INTEGER NOT NULL, bucket INTEGER NOT NULL, checks INTEGER NOT NULL, ok INTEGER NOT NULL,
  degraded INTEGER NOT NULL, latency_sum INTEGER NOT NULL, latency_max INTEGER NOT NULL,
  PRIMARY KEY (series, bucket)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS resource_minute (
  series INTEGER NOT NULL, bucket INTEGER NOT NULL, samples INTEGER NOT NULL, cpu_sum REAL NOT NULL,
  memory_sum REAL NOT NULL, memory_max REAL NOT NULL,
  PRIMARY KEY (series, bucket)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS resource_hour (
  series INTEGER NOT NULL, bucket INTEGER NOT NULL, samples INTEGER NOT NULL, cpu_sum REAL NOT NULL,
  memory_sum REAL NOT NULL, memory_max REAL NOT NULL,
  PRIMARY KEY (series, bucket)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS monitor_states (
  monitor TEXT PRIMARY KEY, state TEXT NOT NULL, since INTEGER NOT NULL, failures INTEGER NOT NULL,
  successes INTEGER NOT NULL, last_check TEXT
);
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, rule_id TEXT NOT NULL, key TEXT NOT NULL, service TEXT,
  severity TEXT NOT NULL, state TEXT NOT NULL, summary TEXT NOT NULL, started_at INTEGER NOT NULL,
  resolved_at INTEGER, last_notified_at INTEGER, resolved_notified INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS alerts_state ON alerts (state, key);
CREATE INDEX IF NOT EXISTS alerts_started ON alerts (started_at);
`;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** Raw samples are kept this long (or the retention, if shorter). */
export const RAW_WINDOW_MS = 48 * HOUR_MS;
/** Minute rollups are kept this long (or the retention, if shorter); longer ranges read hours. */
export const MINUTE_WINDOW_MS = 3 * 24 * HOUR_MS;
/** Latencies are stored as integers in this many units per millisecond. */
export const LATENCY_SCALE = 10;
