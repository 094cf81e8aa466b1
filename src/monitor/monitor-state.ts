import type { CheckResult, MonitorDefinition, MonitorState } from './types.js';

/** What the state machine remembers about one monitor between checks. */
export interface MonitorStateRecord {
  readonly state: MonitorState;
  readonly since: number;
  readonly consecutiveFailures: number;
  readonly consecutiveSuccesses: number;
}

export function createInitialState(now: number): MonitorStateRecord {
  return { state: 'pending', since: now, consecutiveFailures: 0, consecutiveSuccesses: 0 };
}

/**
 * Apply one check result. A monitor goes `down` only after `failureThreshold` failures in a row
 * (one blip pages nobody) and back to `up`/`degraded` only after `recoveryThreshold` successes in
 * a row. From `pending` the first success counts at once.
 */
export function applyCheck(
  previous: MonitorStateRecord,
  result: CheckResult,
  definition: Pick<MonitorDefinition, 'failureThreshold' | 'recoveryThreshold'>,
): MonitorStateRecord {
  const failureThreshold = Math.max(1, definition.failureThreshold);
  const recoveryThreshold = Math.max(1, definition.recoveryThreshold);
  if (!result.ok) {
    const consecutiveFailures = previous.consecutiveFailures + 1;
    const state: MonitorState = consecutiveFailures >= failureThreshold ? 'down' : previous.state;
    return { state, since: state === previous.state ? previous.since : result.at, consecutiveFailures, consecutiveSuccesses: 0 };
  }
  const consecutiveSuccesses = previous.consecutiveSuccesses + 1;
  const healthy: MonitorState = result.degraded ? 'degraded' : 'up';
  let state: MonitorState;
  if (previous.state === 'down') state = consecutiveSuccesses >= recoveryThreshold ? healthy : 'down';
  else state = healthy;
  return { state, since: state === previous.state ? previous.since : result.at, consecutiveFailures: 0, consecutiveSuccesses };
}
