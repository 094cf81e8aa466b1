import { describe, expect, it } from 'vitest';
import { resolveCustomService } from '../../../src/stack/resolve/custom-service.js';
import { contextOf } from './support/context.js';

const database = { database: 'app', role: 'app', passwordSecret: 'postgres-app-password', service: 'app' };

describe('resolveCustomService', () => {
  it('wires PostgreSQL and Redis through variables and _FILE secrets, read as the service says', () => {
    const context = contextOf({ custom: { app: { image: 'app:1', port: 3000, postgres: true, redis: true, readsSecrets: 'per-use' } } });
    const { service, secretUses } = resolveCustomService('app', context.custom.app!, context, {
      databases: [database],
      routes: new Map(),
      directPorts: new Map(),
    });
    expect(service.environment).toEqual({
      DATABASE_HOST: 'postgres',
      DATABASE_NAME: 'app',
      DATABASE_PORT: '5432',
      DATABASE_USER: 'app',
      REDIS_HOST: 'redis',
      REDIS_PORT: '6379',
    });
    expect(service.secrets).toEqual(['postgres-app-password', 'redis-password']);
    expect(service.dependsOn.map((dependency) => dependency.service)).toEqual(['postgres', 'redis']);
    expect(secretUses.map((use) => [use.name, use.reads])).toEqual([
      ['postgres-app-password', 'per-use'],
      ['redis-password', 'per-use'],
    ]);
  });

  it('takes an image override, backs volumes up as marked and stays internal without a route', () => {
    const context = contextOf({
      custom: {
        app: {
          image: 'app:1',
          volumes: [
            { name: 'data', target: '/data', backup: 'tar-stopped' },
            { name: 'cache', target: '/c', backup: 'skip' },
          ],
        },
      },
      images: { overrides: { app: 'registry.local/app:2' } },
    });
    const { service } = resolveCustomService('app', context.custom.app!, context, {
      databases: [],
      routes: new Map(),
      directPorts: new Map(),
    });
    expect(service.image).toBe('registry.local/app:2');
    expect(service.networks).toEqual(['internal']);
    expect(service.volumes.map((volume) => [volume.name, volume.backup])).toEqual([
      ['app-data', { kind: 'volume-tar', live: false }],
      ['app-cache', { kind: 'skip', reason: 'marked skip in aistack.yaml' }],
    ]);
  });

  it('runs a job once, restarting only on failure and without a health check', () => {
    const context = contextOf({ custom: { migrate: { image: 'm:1', job: true, health: { tcp: true } } } });
    const { service } = resolveCustomService('migrate', context.custom.migrate!, context, {
      databases: [],
      routes: new Map(),
      directPorts: new Map([['migrate', 9000]]),
    });
    expect(service).toMatchObject({ job: true, restart: 'on-failure', health: undefined, hostPorts: [] });
  });

  it('takes the health check timings from aistack.yaml, and leaves the defaults to the renderer otherwise', () => {
    const context = contextOf({
      custom: {
        fast: { image: 'f:1', port: 8080, health: { http: '/up', interval: '2s', timeout: '1s', retries: 3, startPeriod: '4s' } },
        plain: { image: 'p:1', health: { command: ['true'] } },
      },
    });
    const routing = { databases: [], routes: new Map(), directPorts: new Map() };
    expect(resolveCustomService('fast', context.custom.fast!, context, routing).service.health).toEqual({
      test: ['CMD-SHELL', "wget -q -O /dev/null 'http://127.0.0.1:8080/up' || curl -fsS -o /dev/null 'http://127.0.0.1:8080/up'"],
      interval: '2s',
      timeout: '1s',
      retries: 3,
      startPeriod: '4s',
      probe: { type: 'http', path: '/up' },
    });
    expect(resolveCustomService('plain', context.custom.plain!, context, routing).service.health).toEqual({
      test: ['CMD', 'true'],
      probe: { type: 'tcp' },
    });
  });
});
