import { describe, expect, it } from 'vitest';
import { deriveMonitors } from '../../src/monitor/derive-monitors.js';
import { stackFrom } from './support/stack.js';

describe('deriveMonitors', () => {
  const stack = stackFrom({
    name: 'demo',
    domain: 'ai.example.com',
    services: { n8n: null, redis: null },
    monitor: {
      interval: '20s',
      monitors: [
        { name: 'website', type: 'http', target: 'https://example.org/health', expectStatus: 204, bodyContains: 'ok' },
        { name: 'smtp', type: 'tcp', target: 'mail.example.org:25', interval: '1m' },
        { name: 'public cert', type: 'certificate', target: 'example.org' },
      ],
    },
  });
  const monitors = deriveMonitors(stack, { secretsDirectory: '/run/secrets' });
  const byId = new Map(monitors.map((monitor) => [monitor.id, monitor]));

  it('gives every service its catalog probe and a container monitor, in a stable order', () => {
    expect(monitors.map((monitor) => monitor.id)).toMatchSnapshot();
    expect(byId.get('n8n:http')?.probe).toEqual({ type: 'http', url: 'http://n8n:5678/healthz/readiness' });
    expect(byId.get('n8n:container')?.probe).toEqual({ type: 'container', project: 'demo', service: 'n8n' });
    expect(byId.get('n8n:http')).toMatchObject({
      intervalMs: 20_000,
      timeoutMs: 10_000,
      failureThreshold: 2,
      recoveryThreshold: 1,
      service: 'n8n',
    });
  });

  it("probes PostgreSQL with the app's own role, database and password file, never the value", () => {
    const database = stack.databases.find((entry) => entry.service === 'n8n');
    expect(database).toBeDefined();
    expect(byId.get('n8n:postgres')?.probe).toEqual({
      type: 'postgres',
      host: 'postgres',
      port: 5432,
      database: database!.database,
      user: database!.role,
      passwordFile: `/run/secrets/${database!.passwordSecret}`,
    });
    expect(byId.get('postgres:postgres')?.probe).toMatchObject({ type: 'postgres', host: 'postgres', port: 5432, user: database!.role });
  });

  it('probes Redis with AUTH from its password file', () => {
    expect(byId.get('redis:redis')?.probe).toEqual({
      type: 'redis',
      host: 'redis',
      port: 6379,
      passwordFile: '/run/secrets/redis-password',
    });
  });

  it("watches the proxy's certificate for the stack's domain", () => {
    expect(byId.get('proxy:certificate')?.probe).toEqual({
      type: 'certificate',
      host: 'proxy',
      port: 443,
      serverName: 'ai.example.com',
      warnDays: 14,
    });
  });

  it('turns custom monitors into http, tcp and certificate probes', () => {
    expect(byId.get('custom:website')).toMatchObject({
      service: undefined,
      intervalMs: 20_000,
      probe: { type: 'http', url: 'https://example.org/health', expectStatus: 204, bodyContains: 'ok' },
    });
    expect(byId.get('custom:smtp')).toMatchObject({ intervalMs: 60_000, probe: { type: 'tcp', host: 'mail.example.org', port: 25 } });
    expect(byId.get('custom:public cert')?.probe).toEqual({
      type: 'certificate',
      host: 'example.org',
      port: 443,
      serverName: 'example.org',
      warnDays: 14,
    });
  });

  it('maps service addresses for a monitor outside the Docker network', () => {
    const mapped = deriveMonitors(stack, {
      secretsDirectory: '/p/.aistack/secrets',
      addressOf: (service, port) => ({ host: '127.0.0.1', port: port + 10_000 + service.length }),
    });
    const http = mapped.find((monitor) => monitor.id === 'n8n:http');
    expect(http?.probe).toEqual({ type: 'http', url: 'http://127.0.0.1:15681/healthz/readiness' });
    expect(mapped.find((monitor) => monitor.id === 'redis:redis')?.probe).toEqual({
      type: 'redis',
      host: '127.0.0.1',
      port: 16384,
      passwordFile: '/p/.aistack/secrets/redis-password',
    });
  });
});
