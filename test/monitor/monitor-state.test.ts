import { describe, expect, it } from 'vitest';
import { applyCheck, createInitialState } from '../../src/monitor/monitor-state.js';
import type { MonitorStateRecord } from '../../src/monitor/monitor-state.js';

const thresholds = { failureThreshold: 3, recoveryThreshold: 2 };
const check = (at: number, ok: boolean, degraded = false) => ({
  monitorId: 'm',
  at,
  ok,
  degraded,
  latencyMs: 5,
  message: ok ? 'HTTP 200' : 'HTTP 500',
});
const run = (sequence: readonly boolean[]): MonitorStateRecord[] => {
  let state = createInitialState(0);
  return sequence.map((ok, index) => (state = applyCheck(state, check(index + 1, ok), thresholds)));
};

describe('applyCheck', () => {
  it('starts pending and is up after the first success', () => {
    expect(run([true]).map((record) => record.state)).toEqual(['up']);
  });

  it('goes down only after failureThreshold failures in a row, so one blip pages nobody', () => {
    expect(run([true, false, false, true, false, false, false]).map((record) => record.state)).toEqual([
      'up',
      'up',
      'up',
      'up',
      'up',
      'up',
      'down',
    ]);
  });

  it('stays pending while a new monitor fails below the threshold', () => {
    expect(run([false, false, false]).map((record) => record.state)).toEqual(['pending', 'pending', 'down']);
  });

  it('comes back only after recoveryThreshold successes in a row', () => {
    const states = run([false, false, false, true, false, true, true]);
    expect(states.map((record) => record.state)).toEqual(['pending', 'pending', 'down', 'down', 'down', 'down', 'up']);
    expect(states[6]).toEqual({ state: 'up', since: 7, consecutiveFailures: 0, consecutiveSuccesses: 2 });
  });

  it('keeps `since` while the state holds and sets it when the state changes', () => {
    const states = run([true, true, false, false, false]);
    expect(states.map((record) => record.since)).toEqual([1, 1, 1, 1, 5]);
  });

  it('is degraded when the check passes slowly, and up again when it is fast', () => {
    let state = createInitialState(0);
    state = applyCheck(state, check(1, true, true), thresholds);
    expect(state.state).toBe('degraded');
    state = applyCheck(state, check(2, true), thresholds);
    expect(state).toEqual({ state: 'up', since: 2, consecutiveFailures: 0, consecutiveSuccesses: 2 });
  });
});
