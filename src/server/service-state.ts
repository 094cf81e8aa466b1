import type { MonitorState, MonitorStatus } from '../monitor/types.js';

const RANK: Readonly<Record<MonitorState, number>> = { down: 3, degraded: 2, pending: 1, up: 0 };

/** A service is as bad as its worst monitor; a service without monitors is pending. */
export function summarizeState(statuses: readonly MonitorStatus[]): MonitorState {
  let worst: MonitorState | undefined;
  for (const status of statuses) if (worst === undefined || RANK[status.state] > RANK[worst]) worst = status.state;
  return worst ?? 'pending';
}
