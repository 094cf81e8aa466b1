import { describe, expect, it } from 'vitest';
import { createEngineTimers } from '../../../src/monitor/engine/timers.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('createEngineTimers', () => {
  it('runs a soon task once however often it is asked for before the next turn', async () => {
    const timers = createEngineTimers();
    let runs = 0;
    timers.soon(() => (runs += 1));
    timers.soon(() => (runs += 1));
    await turn();
    expect(runs).toBe(1);
    timers.soon(() => (runs += 1));
    await turn();
    expect(runs).toBe(2);
  });

  it('repeats work until cleared, and clearing drops a pending soon task', async () => {
    const timers = createEngineTimers();
    let ticks = 0;
    let soon = 0;
    timers.every(5, () => (ticks += 1));
    for (let wait = 0; wait < 100 && ticks < 2; wait += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ticks).toBeGreaterThanOrEqual(2);
    timers.soon(() => (soon += 1));
    timers.clear();
    const seen = ticks;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect([ticks, soon]).toEqual([seen, 0]);
  });
});
