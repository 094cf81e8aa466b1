import { describe, expect, it } from 'vitest';
import type { RolloutDriver, RolloutService, ServiceProgress } from '../../src/runtime/rollout.js';
import { runRollout, ServiceStartError } from '../../src/runtime/rollout.js';

/** A driver on a virtual timeline: each service becomes ready `delay` ms after its start. */
function createTimedDriver(delays: Record<string, number | 'fail'>, clock: { now: number }): RolloutDriver & { starts: string[][] } {
  const starts: string[][] = [];
  return {
    starts,
    start: async (ids) => {
      starts.push([...ids]);
    },
    waitReady: async (service) => {
      const delay = delays[service.id];
      await new Promise((resolve) => setTimeout(resolve, typeof delay === 'number' ? delay : 5));
      if (delay === 'fail') throw new Error('health check failed: connection refused');
      clock.now = Math.max(clock.now, Date.now());
      return service.job ? 'completed' : service.hasHealth ? 'healthy' : 'running';
    },
    tailLogs: async (id) => [`${id} line 1`, `${id} line 2`],
  };
}

const service = (id: string, dependsOn: string[] = [], extra: Partial<RolloutService> = {}): RolloutService => ({
  id,
  dependsOn: dependsOn.map((name) => ({ service: name, condition: 'service_healthy' as const })),
  job: false,
  hasHealth: true,
  startTimeout: 60,
  ...extra,
});

describe('runRollout', () => {
  it('starts a service as soon as its own dependencies are ready, not when the whole level is', async () => {
    const driver = createTimedDriver({ slow: 300, fast: 20, afterFast: 20, afterSlow: 20 }, { now: 0 });
    const report = await runRollout(
      [service('slow'), service('fast'), service('afterFast', ['fast']), service('afterSlow', ['slow'])],
      driver,
    );
    expect(report.ok).toBe(true);
    expect(driver.starts).toEqual([['slow', 'fast'], ['afterFast'], ['afterSlow']]);
    const at = Object.fromEntries(report.services.map((entry) => [entry.id, entry]));
    expect(at.afterFast!.startedAt!).toBeLessThan(at.slow!.readyAt!);
  });

  it('counts a job that exited 0 as completed and lets its dependants start', async () => {
    const driver = createTimedDriver({ db: 10, migrate: 10, app: 10 }, { now: 0 });
    const report = await runRollout(
      [
        service('db'),
        service('migrate', ['db'], { job: true, hasHealth: false }),
        { ...service('app'), dependsOn: [{ service: 'migrate', condition: 'service_completed_successfully' }] },
      ],
      driver,
    );
    expect(report.services.map((entry) => [entry.id, entry.phase])).toEqual([
      ['db', 'healthy'],
      ['migrate', 'completed'],
      ['app', 'healthy'],
    ]);
  });

  it('names the failed service with its last log lines and skips what depends on it', async () => {
    const driver = createTimedDriver({ db: 10, app: 'fail', web: 10 }, { now: 0 });
    const report = await runRollout([service('db'), service('app', ['db']), service('web', ['app'])], driver);
    expect(report.ok).toBe(false);
    expect(report.failure).toEqual({
      service: 'app',
      reason: 'health check failed: connection refused',
      logs: ['app line 1', 'app line 2'],
    });
    expect(report.services.map((entry) => [entry.id, entry.phase])).toEqual([
      ['db', 'healthy'],
      ['app', 'failed'],
      ['web', 'skipped'],
    ]);
  });

  it('reports progress for every change, ending with every service in a final phase', async () => {
    const seen: (readonly ServiceProgress[])[] = [];
    await runRollout([service('a'), service('b', ['a'])], createTimedDriver({ a: 5, b: 5 }, { now: 0 }), {
      onProgress: (services) => seen.push(services),
    });
    expect(seen[0]!.map((entry) => entry.phase)).toEqual(['waiting', 'waiting']);
    expect(seen.at(-1)!.map((entry) => entry.phase)).toEqual(['healthy', 'healthy']);
  });

  it('rejects a dependency on a service that is not in the plan', async () => {
    await expect(runRollout([service('app', ['ghost'])], createTimedDriver({}, { now: 0 }))).rejects.toThrow(
      'service "app" depends on "ghost", which is not in the stack',
    );
  });

  it('fails instead of hanging when dependencies can never be met', async () => {
    const report = await runRollout([service('a', ['b']), service('b', ['a'])], createTimedDriver({ a: 5, b: 5 }, { now: 0 }));
    expect(report.ok).toBe(false);
    expect(report.failure?.reason).toBe('its dependencies (b) never became ready');
  });
});

describe('runRollout, interrupted', () => {
  it('starts nothing more once the signal is aborted, and reports the rollout interrupted (not failed)', async () => {
    const controller = new AbortController();
    const driver = createTimedDriver({ first: 20, second: 20 }, { now: 0 });
    const waiting = {
      ...driver,
      waitReady: async (...args: Parameters<RolloutDriver['waitReady']>) => {
        if (args[0].id === 'first') controller.abort();
        return driver.waitReady(...args);
      },
    };
    const report = await runRollout([service('first'), service('second', ['first'])], waiting, { signal: controller.signal });
    expect([report.ok, report.interrupted, report.failure]).toEqual([false, true, undefined]);
    expect(driver.starts).toEqual([['first']]);
    expect(report.services.map((entry) => [entry.id, entry.phase])).toEqual([
      ['first', 'healthy'],
      ['second', 'skipped'],
    ]);
  });

  it('runs a ready command before the dependants start, and fails the service when it fails', async () => {
    const order: string[] = [];
    const driver = createTimedDriver({ db: 10, app: 10 }, { now: 0 });
    const withCommand = {
      ...driver,
      start: async (ids: readonly string[]) => {
        order.push(`start ${ids.join(',')}`);
      },
      runReadyCommand: async (entry: RolloutService) => {
        order.push(`ready ${entry.id}`);
        if (entry.id === 'broken') throw new Error('init scripts failed');
      },
    };
    const ready = { user: 'postgres', command: ['true'] };
    const ok = await runRollout([service('db', [], { readyCommand: ready }), service('app', ['db'])], withCommand);
    expect(ok.ok).toBe(true);
    expect(order).toEqual(['start db', 'ready db', 'start app']);
    const failed = await runRollout([service('broken', [], { readyCommand: ready })], withCommand);
    expect(failed.failure).toMatchObject({ service: 'broken', reason: 'init scripts failed' });
  });

  it('reports a start that fails in a batch on the service whose container failed, not on the first of the batch', async () => {
    const driver = createTimedDriver({ app: 10, proxy: 10 }, { now: 0 });
    const failing = {
      ...driver,
      start: async (ids: readonly string[]) => {
        if (ids.includes('proxy'))
          throw new ServiceStartError('proxy', new Error('start container 0123456789ab: exec: "nginx": executable file not found'));
      },
    };
    const report = await runRollout([service('app'), service('proxy')], failing);
    expect(report.failure).toMatchObject({
      service: 'proxy',
      reason: 'start container 0123456789ab: exec: "nginx": executable file not found',
    });
    expect(report.services.map((entry) => [entry.id, entry.phase])).toEqual([
      ['app', 'skipped'],
      ['proxy', 'failed'],
    ]);
  });
});
