import type http from 'node:http';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { followContainerEvents, parseEvent } from '../../src/monitor/container-events.js';
import type { ContainerEvent, ContainerEventsFollower } from '../../src/monitor/container-events.js';
import { createEventChecks } from '../../src/monitor/event-checks.js';
import type { CheckResult, MonitorDefinition } from '../../src/monitor/types.js';
import { startHttpServer, waitUntil } from './support/http.js';
import type { TestServer } from './support/http.js';

/** One line of `GET /events` as Engine 20.10 writes it. */
function engineLine(action: string, attributes: Record<string, string>, id = 'c0ffee'): string {
  return `${JSON.stringify({
    status: action,
    id,
    from: 'busybox',
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: { image: 'busybox', ...attributes } },
    scope: 'local',
    time: 1764619200,
    timeNano: 1764619200123456800,
  })}\n`;
}

const labels = { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web', name: 'demo-web-1' };

describe('parseEvent', () => {
  it('reads die with its exit code, health_status with its status, and ignores other lines', () => {
    expect(parseEvent(engineLine('die', { ...labels, exitCode: '137' }))).toEqual({
      action: 'die',
      containerId: 'c0ffee',
      containerName: 'demo-web-1',
      service: 'web',
      at: 1764619200123,
      exitCode: 137,
      health: undefined,
    });
    expect(parseEvent(engineLine('health_status: unhealthy', labels))).toMatchObject({ action: 'health_status', health: 'unhealthy' });
    expect(parseEvent(engineLine('exec_start: sh -c true', labels))).toBeUndefined();
    expect(parseEvent('{"Type":"network","Action":"connect"}')).toBeUndefined();
    expect(parseEvent('{"Type":"contai')).toBeUndefined();
  });
});

describe('followContainerEvents against a stand-in Engine that drops the stream', () => {
  let engine: TestServer | undefined;
  let follower: ContainerEventsFollower | undefined;
  afterEach(async () => {
    follower?.stop();
    await engine?.close();
  });

  it('asks the Engine for the project and the watched actions, reconnects after a drop and after refusals, and says so', async () => {
    const queries: string[] = [];
    const open: http.ServerResponse[] = [];
    let refuse = 0;
    engine = await startHttpServer((request, response) => {
      queries.push(decodeURIComponent(request.url ?? ''));
      if (refuse > 0) {
        refuse -= 1;
        response.statusCode = 500;
        response.end('{"message":"engine restarting"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
      open.push(response);
    });
    const events: ContainerEvent[] = [];
    const connects: boolean[] = [];
    const errors: unknown[] = [];
    follower = followContainerEvents({
      docker: new Docker({ host: '127.0.0.1', port: engine.port }),
      project: 'demo',
      onEvent: (event) => events.push(event),
      onConnect: (reconnected) => connects.push(reconnected),
      onError: (error) => errors.push(error),
      retryMinMs: 20,
      retryMaxMs: 100,
    });
    follower.start();
    await waitUntil(
      () => open.length,
      (count) => count === 1,
      5000,
      'first connection',
    );
    expect(JSON.parse(new URL(`http://x${queries[0]}`).searchParams.get('filters') ?? '{}')).toEqual({
      type: ['container'],
      event: ['die', 'oom', 'health_status', 'restart', 'start'],
    });
    // Another project's container is not ours; a Swarm task of the stack "demo" is (aistack's label names its service).
    open[0]!.write(engineLine('die', { 'com.docker.compose.project': 'other', 'com.docker.compose.service': 'web', name: 'other-web-1' }));
    open[0]!.write(
      engineLine('die', { 'com.docker.stack.namespace': 'demo', 'ai.aistack.service': 'store', name: 'demo_store.1.x' }, 'f00d'),
    );
    // An event split across two chunks arrives once.
    const line = engineLine('die', { ...labels, exitCode: '1' });
    open[0]!.write(line.slice(0, 40));
    open[0]!.write(line.slice(40));
    await waitUntil(
      () => events.length,
      (count) => count === 2,
      5000,
      'first events',
    );
    expect(events.map((event) => [event.containerId, event.service])).toEqual([
      ['f00d', 'store'],
      ['c0ffee', 'web'],
    ]);
    expect(follower.connected()).toBe(true);

    // The Engine goes away: the stream ends, two attempts are refused, the third connects.
    refuse = 2;
    open[0]!.socket?.destroy();
    await waitUntil(
      () => open.length,
      (count) => count === 2,
      5000,
      'reconnection',
    );
    await waitUntil(
      () => connects,
      (seen) => seen.length === 2,
      5000,
      'onConnect after the reconnection',
    );
    expect(connects).toEqual([false, true]);
    expect(errors).toHaveLength(1);
    open[1]!.write(engineLine('start', labels));
    await waitUntil(
      () => events.map((event) => event.action),
      (actions) => actions.join() === 'die,die,start',
      5000,
      'event after reconnect',
    );
    follower.stop();
    expect(follower.connected()).toBe(false);
  });
});

describe('createEventChecks', () => {
  const monitor = (id: string, probe: MonitorDefinition['probe']): MonitorDefinition => ({
    id,
    name: id,
    service: 'web',
    probe,
    intervalMs: 30_000,
    timeoutMs: 10_000,
    failureThreshold: 2,
    recoveryThreshold: 1,
  });
  const monitors = [
    monitor('web:container', { type: 'container', project: 'demo', service: 'web' }),
    monitor('web:http', { type: 'http', url: 'http://web:8080/' }),
    monitor('migrate:job', { type: 'job', project: 'demo', service: 'migrate' }),
  ];
  const event = (action: ContainerEvent['action'], extra: Partial<ContainerEvent> = {}): ContainerEvent => ({
    action,
    containerId: 'c0ffee',
    containerName: 'demo-web-1',
    service: 'web',
    at: 0,
    exitCode: undefined,
    health: undefined,
    ...extra,
  });

  it('puts the container monitor down on die (with OOM), probes on start, leaves HTTP to its schedule, and drops stale successes', () => {
    let now = 1000;
    const failures: CheckResult[] = [];
    const checked: string[] = [];
    let polls = 0;
    const checks = createEventChecks({
      monitors,
      now: () => now,
      recordFailure: (_monitor, result) => failures.push(result),
      checkNow: (definition) => checked.push(definition.id),
      pollResources: () => (polls += 1),
    });
    checks.handle(event('oom'));
    checks.handle(event('die', { exitCode: 137 }));
    expect(failures).toEqual([
      { monitorId: 'web:container', at: 1000, ok: false, degraded: false, latencyMs: 0, message: 'exited (exit 137), OOM killed' },
    ]);
    expect(polls).toBe(2);
    // A probe that started before the death and answered "running" does not undo it.
    expect(checks.isCurrent({ monitorId: 'web:container', at: 999, ok: true, degraded: false, latencyMs: 1, message: 'running' })).toBe(
      false,
    );
    expect(checks.isCurrent({ monitorId: 'web:container', at: 1001, ok: true, degraded: false, latencyMs: 1, message: 'running' })).toBe(
      true,
    );
    now = 2000;
    checks.handle(event('start'));
    checks.handle(event('health_status', { health: 'unhealthy' }));
    checks.handle(event('die', { service: 'migrate', exitCode: 0 }));
    expect(checked).toEqual(['web:container', 'migrate:job']);
    expect(failures.map((failure) => failure.message)).toEqual(['exited (exit 137), OOM killed', 'running, unhealthy']);
    now = 3000;
    checks.recheckAll();
    expect(checked).toEqual(['web:container', 'migrate:job', 'web:container', 'migrate:job']);
    // The re-check after a gap found the container dead: the Engine's word, once; an API error is not.
    const found = (message: string, at = 3000): CheckResult => ({
      monitorId: 'web:container',
      at,
      ok: false,
      degraded: false,
      latencyMs: 5,
      message,
    });
    expect(checks.isEngineReport(found('exited (exit 137)', 2999))).toBe(false);
    expect(checks.isEngineReport(found('exited (exit 137)'))).toBe(true);
    expect(checks.isEngineReport(found('exited (exit 137)'))).toBe(false);
    checks.recheckAll();
    expect(checks.isEngineReport(found('connect ECONNREFUSED 127.0.0.1:2375'))).toBe(false);
  });
});
