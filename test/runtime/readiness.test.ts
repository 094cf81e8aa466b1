import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../src/runtime/engine.js';
import { assessReadiness } from '../../src/runtime/readiness.js';

const container = (change: Partial<ContainerState>): ContainerState => ({
  id: 'c1',
  name: 'demo-app-1',
  project: 'demo',
  service: 'app',
  image: 'app:1',
  imageId: 'sha256:1',
  state: 'running',
  health: undefined,
  lastHealthOutput: undefined,
  exitCode: 0,
  createdAt: new Date(0),
  startedAt: new Date(0),
  finishedAt: undefined,
  restartCount: 0,
  tty: false,
  ports: [],
  networks: [],
  labels: {},
  ...change,
});

describe('assessReadiness', () => {
  it('calls a job that exited 0 completed, not down', () => {
    expect(assessReadiness({ job: true, hasHealth: false }, [container({ state: 'exited', exitCode: 0 })])).toEqual({
      phase: 'ready',
      state: 'completed',
    });
  });
  it('fails a job that exited non-zero with its exit code', () => {
    expect(assessReadiness({ job: true, hasHealth: false }, [container({ state: 'exited', exitCode: 3 })])).toEqual({
      phase: 'failed',
      state: 'failed',
      reason: 'job exited with code 3',
    });
  });
  it('waits while Docker says starting and shows the last health output', () => {
    expect(
      assessReadiness({ job: false, hasHealth: true }, [container({ health: 'starting', lastHealthOutput: 'connection refused\nmore' })]),
    ).toEqual({ phase: 'pending', state: 'starting', detail: 'connection refused' });
  });
  it('fails an unhealthy service with the health check output', () => {
    expect(assessReadiness({ job: false, hasHealth: true }, [container({ health: 'unhealthy', lastHealthOutput: 'HTTP 500' })])).toEqual({
      phase: 'failed',
      state: 'unhealthy',
      reason: 'health check failed: HTTP 500',
    });
  });
  it('is ready only when every replica is healthy', () => {
    expect(
      assessReadiness({ job: false, hasHealth: true }, [container({ health: 'healthy' }), container({ id: 'c2', health: 'starting' })])
        .phase,
    ).toBe('pending');
    expect(
      assessReadiness({ job: false, hasHealth: true }, [container({ health: 'healthy' }), container({ id: 'c2', health: 'healthy' })]),
    ).toEqual({ phase: 'ready', state: 'healthy' });
  });
  it('treats a service that exits as failed and a crash loop as failed', () => {
    expect(assessReadiness({ job: false, hasHealth: false }, [container({ state: 'exited', exitCode: 1 })])).toEqual({
      phase: 'failed',
      state: 'exited',
      reason: 'exited with code 1',
    });
    expect(assessReadiness({ job: false, hasHealth: true }, [container({ state: 'restarting', restartCount: 5, exitCode: 2 })], 2)).toEqual(
      { phase: 'failed', state: 'restarting', reason: 'restarted 3 times (crash loop; exit code 2)' },
    );
  });
  it('counts a service without a health check as ready once it runs', () => {
    expect(assessReadiness({ job: false, hasHealth: false }, [container({})])).toEqual({ phase: 'ready', state: 'running' });
  });
  it('waits while no container exists yet', () => {
    expect(assessReadiness({ job: false, hasHealth: true }, [])).toEqual({
      phase: 'pending',
      state: 'missing',
      detail: 'no container yet',
    });
  });
});
