import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/monitor/scheduler.js';
import type { CheckResult, MonitorDefinition } from '../../src/monitor/types.js';

const definition = (id: string, intervalMs: number): MonitorDefinition => ({
  id,
  name: id,
  service: undefined,
  probe: { type: 'tcp', host: '127.0.0.1', port: 1 },
  intervalMs,
  timeoutMs: intervalMs,
  failureThreshold: 1,
  recoveryThreshold: 1,
});
const ok = (monitor: MonitorDefinition): CheckResult => ({
  monitorId: monitor.id,
  at: Date.now(),
  ok: true,
  degraded: false,
  latencyMs: 1,
  message: 'ok',
});
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each monitor once per interval at a fixed rate, spread by the start jitter', async () => {
    // On the fake clock: with the real one a loaded machine delays a tick, the fixed rate catches
    // up and the gap looks short, which says nothing about the scheduler.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const starts = new Map<string, number[]>();
    const monitors = Array.from({ length: 20 }, (_, index) => definition(`m${index}`, 100));
    let draw = 0;
    const scheduler = createScheduler({
      monitors,
      random: () => (draw++ % 10) / 10,
      runCheck: async (monitor) => {
        starts.set(monitor.id, [...(starts.get(monitor.id) ?? []), performance.now()]);
        return ok(monitor);
      },
      onResult: () => undefined,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(560);
    await scheduler.stop();
    const firsts = [...starts.values()].map((list) => list[0]!);
    // Jitter of 0..90 ms: the first checks are spread, not in one burst.
    expect(Math.max(...firsts) - Math.min(...firsts)).toBe(90);
    for (const list of starts.values()) {
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(list.length).toBeLessThanOrEqual(6);
      const gaps = list.slice(1).map((at, index) => at - list[index]!);
      for (const gap of gaps) expect(gap).toBe(100);
    }
    expect(scheduler.stats().missed).toBe(0);
  });

  it('bounds the checks in flight and reports the wait as lag', async () => {
    let inFlight = 0;
    let most = 0;
    const lags: number[] = [];
    const scheduler = createScheduler({
      monitors: Array.from({ length: 10 }, (_, index) => definition(`m${index}`, 10_000)),
      concurrency: 2,
      random: () => 0,
      runCheck: async (monitor) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(30);
        inFlight -= 1;
        return ok(monitor);
      },
      onResult: () => undefined,
      onLag: (lag) => lags.push(lag),
    });
    scheduler.start();
    await sleep(250);
    await scheduler.stop();
    expect(most).toBe(2);
    expect(lags).toHaveLength(10);
    // Five waves of two: the last pair waited about four check durations.
    expect(Math.max(...lags)).toBeGreaterThanOrEqual(100);
    expect(Math.min(...lags)).toBeLessThan(25);
  });

  it('counts a check as missed when the previous one of the same monitor still runs', async () => {
    const missed: string[] = [];
    const scheduler = createScheduler({
      monitors: [definition('slow', 50)],
      random: () => 0,
      runCheck: async (monitor) => {
        await sleep(120);
        return ok(monitor);
      },
      onResult: () => undefined,
      onMissed: (monitor) => missed.push(monitor.id),
    });
    scheduler.start();
    await sleep(130);
    await scheduler.stop();
    expect(missed).toEqual(['slow', 'slow']);
    expect(scheduler.stats()).toMatchObject({ started: 1, completed: 1, missed: 2 });
  });
});
