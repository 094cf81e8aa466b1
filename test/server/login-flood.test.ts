import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture } from './support/server-fixture.js';
import type { Fixture } from './support/server-fixture.js';

/**
 * 400 concurrent wrong logins against the real server on a socket (bcrypt cost 10, as served):
 * the throttle counts each attempt before its password is checked, so only a handful are hashed,
 * and /livez keeps answering. Bounded: 400 requests, 60 s at most.
 */
let fixture: Fixture;
let port: number;

beforeAll(async () => {
  fixture = await createFixture({ cost: 10 });
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  port = (fixture.app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await fixture?.close();
});

function post(body: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/login',
        agent,
        headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function livez(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/livez', agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(performance.now() - started));
      })
      .on('error', reject);
  });
}

describe('a flood of concurrent wrong logins', () => {
  it('checks only a handful of attempts, answers the rest 429, and keeps /livez answering', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
    const latencies: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        latencies.push(await livez());
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const statuses = await Promise.all(
      Array.from({ length: 400 }, (_, index) => post(JSON.stringify({ user: 'admin', password: `wrong-${index}` }), agent)),
    );
    flooding = false;
    await probe;
    agent.destroy();
    const checked = statuses.filter((status) => status === 401).length;
    const refused = statuses.filter((status) => status === 429).length;
    expect(checked + refused).toBe(400);
    // 5 free attempts, then waits of 1 s, 2 s, 4 s …: a flood that lasts a few seconds gets a few more.
    expect(checked).toBeLessThanOrEqual(10);
    // /livez answered during the flood. How fast is machine-dependent (bench/, not here); that the
    // hashing leaves the event loop alone is tested in auth/bcrypt-worker.test.ts.
    expect(latencies.length).toBeGreaterThan(0);
  }, 60_000);
});
