/**
 * The monitor's data model: the contract between the engine (src/monitor/) and the HTTP API and
 * dashboard (src/server/, web/). The engine implements `MonitorEngine`; the server only reads it
 * and calls its actions.
 */

export type MonitorState = 'up' | 'down' | 'degraded' | 'pending';

export type ProbeDefinition =
  | {
      readonly type: 'http';
      readonly url: string;
      readonly expectStatus?: number;
      readonly bodyContains?: string;
      /** JSON path (dot-separated) that must equal `jsonEquals`. */
      readonly jsonPath?: string;
      readonly jsonEquals?: string | number | boolean;
      readonly degradedAboveMs?: number;
    }
  | { readonly type: 'tcp'; readonly host: string; readonly port: number }
  | {
      readonly type: 'postgres';
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string;
      /** Path of the secret file holding the password (never the value). */
      readonly passwordFile: string;
    }
  | { readonly type: 'redis'; readonly host: string; readonly port: number; readonly passwordFile?: string }
  | { readonly type: 'container'; readonly project: string; readonly service: string }
  | { readonly type: 'job'; readonly project: string; readonly service: string }
  | { readonly type: 'certificate'; readonly host: string; readonly port: number; readonly serverName?: string; readonly warnDays: number };

export interface MonitorDefinition {
  /** Stable id: `<service>:<probe-type>` for derived ones, `custom:<name>` for custom. */
  readonly id: string;
  readonly name: string;
  /** The stack service it watches, if any. */
  readonly service: string | undefined;
  readonly probe: ProbeDefinition;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Consecutive failures before `down`. @default 2 */
  readonly failureThreshold: number;
  /** Consecutive successes before `up` again. @default 1 */
  readonly recoveryThreshold: number;
}

export interface CheckResult {
  readonly monitorId: string;
  /** Epoch ms. */
  readonly at: number;
  readonly ok: boolean;
  readonly degraded: boolean;
  readonly latencyMs: number;
  /** Short reason on failure; never contains secrets. */
  readonly message: string;
}

export interface MonitorStatus {
  readonly id: string;
  readonly name: string;
  readonly service: string | undefined;
  readonly type: ProbeDefinition['type'];
  readonly state: MonitorState;
  readonly since: number;
  readonly lastCheck: CheckResult | undefined;
  /** Uptime ratio 0..1 over the last 24 h. */
  readonly uptime24h: number;
  /** Last latencies, oldest first (for sparklines). */
  readonly recentLatencies: readonly number[];
}

export interface ContainerResources {
  readonly service: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly at: number;
  readonly state: string;
  readonly health: string | undefined;
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly memoryWorkingSetBytes: number;
  readonly memoryLimitBytes: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly blockReadBytes: number;
  readonly blockWriteBytes: number;
  readonly restarts: number;
  readonly oomKilled: boolean;
  readonly image: string;
  readonly startedAt: string | undefined;
}

export interface HostResources {
  readonly at: number;
  readonly cpuPercent: number;
  readonly memoryTotalBytes: number;
  readonly memoryAvailableBytes: number;
  readonly diskTotalBytes: number;
  readonly diskFreeBytes: number;
}

export interface SeriesPoint {
  readonly at: number;
  readonly value: number;
}

export type SeriesMetric = 'latency' | 'up' | 'cpu' | 'memory';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'unknown';

export interface LogLine {
  readonly service: string;
  readonly at: number;
  readonly stream: 'stdout' | 'stderr';
  readonly level: LogLevel;
  /** Untrusted text: every consumer escapes it. */
  readonly text: string;
}

export interface LogQuery {
  readonly services?: readonly string[];
  readonly since?: number;
  readonly until?: number;
  readonly text?: string;
  readonly regex?: string;
  readonly level?: LogLevel;
  readonly limit?: number;
}

export type AlertSeverity = 'critical' | 'warning' | 'info';

export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly metric: 'down' | 'latency' | 'cpu' | 'memory' | 'restarts' | 'oom' | 'disk' | 'certificate' | 'backup' | 'renewal' | 'model';
  readonly service: string | undefined;
  readonly threshold: number | undefined;
  readonly forMs: number;
  readonly severity: AlertSeverity;
  readonly builtIn: boolean;
}

export interface Alert {
  readonly id: number;
  readonly ruleId: string;
  readonly key: string;
  readonly service: string | undefined;
  readonly severity: AlertSeverity;
  readonly state: 'firing' | 'resolved';
  readonly summary: string;
  readonly startedAt: number;
  readonly resolvedAt: number | undefined;
  readonly lastNotifiedAt: number | undefined;
}

export interface MonitorEvent {
  readonly type: 'check' | 'state' | 'alert' | 'resources' | 'log';
  readonly payload: CheckResult | MonitorStatus | Alert | ContainerResources | LogLine;
}

import type { GpuReading } from '../gpu/gpu-sampler.js';

/** What the HTTP API and the dashboard need from the engine. */
export interface MonitorEngine {
  start(): Promise<void>;
  stop(): Promise<void>;
  listStatuses(): readonly MonitorStatus[];
  getStatus(id: string): MonitorStatus | undefined;
  series(monitorOrService: string, metric: SeriesMetric, from: number, to: number): readonly SeriesPoint[];
  containers(): readonly ContainerResources[];
  host(): HostResources | undefined;
  queryLogs(query: LogQuery): Promise<readonly LogLine[]>;
  /** Live log lines; returns an unsubscribe function. */
  followLogs(query: LogQuery, onLine: (line: LogLine) => void): () => void;
  alerts(state: 'firing' | 'all', limit?: number): readonly Alert[];
  rules(): readonly AlertRule[];
  sendTestNotification(): Promise<readonly { readonly notifier: string; readonly ok: boolean; readonly message: string }[]>;
  /** Live events for the dashboard; returns an unsubscribe function. */
  subscribe(onEvent: (event: MonitorEvent) => void): () => void;
  /** Prometheus text exposition. */
  metrics(): Promise<string>;
  /** The latest GPU sample; undefined when this monitor samples no GPUs (only `aistack serve` on the host does). */
  gpus?(): GpuReading | undefined;
}
