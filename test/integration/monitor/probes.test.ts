import path from 'node:path';
import tls from 'node:tls';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../../src/monitor/probes/run-probe.js';
import type { MonitorDefinition, ProbeDefinition } from '../../../src/monitor/types.js';
import { startHttpServer } from '../../monitor/support/http.js';
import type { TestServer } from '../../monitor/support/http.js';
import { createCertificate, freePort, startPasswordPostgres, startPasswordRedis } from '../../monitor/support/servers.js';
import type { PasswordPostgres, PasswordRedis } from '../../monitor/support/servers.js';

const environment = { docker: undefined, readSecret: async (file: string) => (await readFile(file, 'utf8')).trim(), now: () => Date.now() };
const probe = (definition: ProbeDefinition, timeoutMs = 3000) => {
  const monitor: MonitorDefinition = {
    id: `x:${definition.type}`,
    name: 'x',
    service: 'x',
    probe: definition,
    intervalMs: 10_000,
    timeoutMs,
    failureThreshold: 1,
    recoveryThreshold: 1,
  };
  return runProbe(monitor, environment);
};

describe('probes against real servers', () => {
  let postgres: PasswordPostgres;
  let redis: PasswordRedis;
  let web: TestServer;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPasswordPostgres(), startPasswordRedis()]);
    web = await startHttpServer((request, response) => {
      if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 400);
        return;
      }
      if (request.url === '/hang') return;
      response.setHeader('content-type', 'application/json');
      response.statusCode = request.url === '/teapot' ? 418 : 200;
      response.end(JSON.stringify({ status: true, version: { major: 1 } }));
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([postgres?.destroy(), redis?.destroy(), web?.close()]);
  });

  it("postgres: logs in with the app's role and password file", async () => {
    const result = await probe({
      type: 'postgres',
      host: '127.0.0.1',
      port: postgres.port,
      database: 'n8n',
      user: 'n8n',
      passwordFile: path.join(postgres.secrets, 'postgres-n8n-password'),
    });
    expect(result).toMatchObject({ ok: true, degraded: false, message: 'logged in as n8n to n8n' });
  });

  it('postgres: a wrong password fails with the server message and never shows the password', async () => {
    const result = await probe({
      type: 'postgres',
      host: '127.0.0.1',
      port: postgres.port,
      database: 'n8n',
      user: 'n8n',
      passwordFile: path.join(postgres.secrets, 'postgres-password'),
    });
    expect(result).toMatchObject({ ok: false, message: '28P01 password authentication failed for user "n8n"' });
    expect(result.message).not.toContain(postgres.appPassword);
  });

  it('postgres: a missing password file is reported as such', async () => {
    const result = await probe({
      type: 'postgres',
      host: '127.0.0.1',
      port: postgres.port,
      database: 'n8n',
      user: 'n8n',
      passwordFile: '/nonexistent/secret',
    });
    expect(result.message).toBe("cannot read the password file: ENOENT: no such file or directory, open '/nonexistent/secret'");
  });

  it('redis: AUTH and PING', async () => {
    expect(await probe({ type: 'redis', host: '127.0.0.1', port: redis.port, passwordFile: redis.passwordFile })).toMatchObject({
      ok: true,
      message: 'PONG',
    });
  });

  it('redis: without the password it reports NOAUTH', async () => {
    expect(await probe({ type: 'redis', host: '127.0.0.1', port: redis.port })).toMatchObject({
      ok: false,
      message: 'NOAUTH Authentication required.',
    });
  });

  it('redis: a wrong password is WRONGPASS and the password is not echoed', async () => {
    const result = await probe({
      type: 'redis',
      host: '127.0.0.1',
      port: redis.port,
      passwordFile: path.join(postgres.secrets, 'postgres-password'),
    });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^WRONGPASS invalid username-password pair/);
  });

  it('http: status, JSON path, body text, expected status and latency', async () => {
    expect(await probe({ type: 'http', url: `${web.url}/health`, jsonPath: 'version.major', jsonEquals: 1 })).toMatchObject({
      ok: true,
      message: 'HTTP 200',
    });
    expect(await probe({ type: 'http', url: `${web.url}/health`, jsonPath: 'status', jsonEquals: false })).toMatchObject({
      ok: false,
      message: 'HTTP 200 but status is true, expected false',
    });
    expect(await probe({ type: 'http', url: `${web.url}/health`, bodyContains: 'nope' })).toMatchObject({
      ok: false,
      message: 'HTTP 200 but the body lacks "nope"',
    });
    expect(await probe({ type: 'http', url: `${web.url}/teapot` })).toMatchObject({ ok: false, message: 'HTTP 418' });
    expect(await probe({ type: 'http', url: `${web.url}/teapot`, expectStatus: 418 })).toMatchObject({ ok: true });
    const slow = await probe({ type: 'http', url: `${web.url}/slow`, degradedAboveMs: 200 });
    expect(slow).toMatchObject({ ok: true, degraded: true });
    expect(slow.message).toMatch(/^HTTP 200 in \d+ ms \(slower than 200 ms\)$/);
    expect(slow.latencyMs).toBeGreaterThanOrEqual(390);
  });

  it('http: a hanging endpoint fails after the hard timeout', async () => {
    const started = Date.now();
    const result = await probe({ type: 'http', url: `${web.url}/hang` }, 300);
    expect(result).toMatchObject({ ok: false, message: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('tcp: connects, and reports a refused port', async () => {
    expect(await probe({ type: 'tcp', host: '127.0.0.1', port: redis.port })).toMatchObject({ ok: true, message: 'connected' });
    const closed = await freePort();
    expect(await probe({ type: 'tcp', host: '127.0.0.1', port: closed })).toMatchObject({
      ok: false,
      message: `connect ECONNREFUSED 127.0.0.1:${closed}`,
    });
  });

  it('certificate: days left, degraded under warnDays', async () => {
    const servers: net.Server[] = [];
    const serve = async (days: number): Promise<number> => {
      const server = tls.createServer(await createCertificate(days, 'ai.example.com'), (socket) => socket.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      return (server.address() as AddressInfo).port;
    };
    try {
      const fresh = await probe({
        type: 'certificate',
        host: '127.0.0.1',
        port: await serve(90),
        serverName: 'ai.example.com',
        warnDays: 14,
      });
      expect(fresh).toMatchObject({ ok: true, degraded: false });
      expect(fresh.message).toMatch(/^certificate valid for (89|90) days \(\d{4}-\d\d-\d\d\)$/);
      const expiring = await probe({
        type: 'certificate',
        host: '127.0.0.1',
        port: await serve(5),
        serverName: 'ai.example.com',
        warnDays: 14,
      });
      expect(expiring).toMatchObject({ ok: true, degraded: true });
      expect(expiring.message).toMatch(/^certificate expires in (4|5) days \(\d{4}-\d\d-\d\d\)$/);
    } finally {
      for (const server of servers) server.close();
    }
  });
});
