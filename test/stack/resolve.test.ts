import { describe, expect, it } from 'vitest';
import { AistackError } from '../../src/errors.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';

const paths = resolveProjectPaths('/project');
const resolve = (text: string) => resolveProjectText(paths, text).stack;

function errorOf(text: string): { code: string; formatted: string; hint: string | undefined } {
  try {
    resolve(text);
  } catch (error: unknown) {
    if (error instanceof AistackError) return { code: error.code, formatted: error.format(), hint: error.hint };
    throw error;
  }
  throw new Error('expected an error');
}

const header = 'name: demo\ndomain: ai.example.com\n';

describe('resolveStack', () => {
  it('adds what a service requires: n8n brings postgres, its own database, role and password', () => {
    const stack = resolve(`${header}services:\n  n8n: {}\n`);
    expect(stack.services.map((service) => service.id)).toContain('postgres');
    expect(stack.databases).toEqual([{ database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' }]);
    const n8n = stack.services.find((service) => service.id === 'n8n')!;
    expect(n8n.dependsOn).toContainEqual({ service: 'postgres', condition: 'service_healthy', required: true });
    expect(stack.secrets.find((secret) => secret.name === 'postgres-n8n-password')).toMatchObject({
      // PostgreSQL holds the role's password and changes it live; n8n reads the _FILE once; the monitor on every probe.
      consumers: [
        { service: 'monitor', owner: false, reads: 'per-use' },
        { service: 'n8n', owner: false, reads: 'at-start' },
        { service: 'postgres', owner: true, reads: 'live' },
      ],
      live: { kind: 'postgres-role', service: 'postgres', role: 'n8n' },
    });
  });

  it('knows every consumer of the shared passwords and when each reads them', () => {
    const stack = resolve(
      `${header}services:\n  dify: {}\nmonitor: { enabled: false }\ncustom:\n  worker:\n    image: example/worker:1\n    ` +
        'postgres: true\n    redis: true\n    readsSecrets: per-use\n  api:\n    image: example/api:1\n    redis: true\n',
    );
    const redis = stack.secrets.find((secret) => secret.name === 'redis-password')!;
    expect(redis.live).toEqual({ kind: 'redis-default-user', service: 'redis' });
    expect(redis.consumers).toEqual([
      { service: 'api', owner: false, reads: 'at-start' },
      { service: 'dify', owner: false, reads: 'at-start' },
      { service: 'dify-beat', owner: false, reads: 'at-start' },
      { service: 'dify-plugin-daemon', owner: false, reads: 'at-start' },
      { service: 'dify-worker', owner: false, reads: 'at-start' },
      { service: 'redis', owner: true, reads: 'live' },
      { service: 'worker', owner: false, reads: 'per-use' },
    ]);
    expect(stack.secrets.find((secret) => secret.name === 'postgres-password')).toMatchObject({
      consumers: [{ service: 'postgres', owner: true, reads: 'live' }],
      live: { kind: 'postgres-role', service: 'postgres', role: 'postgres' },
    });
    const worker = stack.services.find((service) => service.id === 'worker')!;
    expect(worker.secrets).toEqual(['postgres-worker-password', 'redis-password']);
    expect(worker.environment).toMatchObject({ REDIS_HOST: 'redis', REDIS_PORT: '6379', DATABASE_USER: 'worker' });
    expect(worker.dependsOn.map((dependency) => dependency.service)).toEqual(['postgres', 'redis']);
    expect(stack.services.find((service) => service.id === 'api')!.secretEnvironment).toEqual([
      { variable: 'REDIS_PASSWORD', secret: 'redis-password', delivery: 'file-variable', fileVariable: 'REDIS_PASSWORD_FILE' },
    ]);
  });

  it('a custom service that uses Redis brings Redis', () => {
    const stack = resolve(`${header}custom:\n  app:\n    image: example/app:1\n    redis: true\n`);
    expect(stack.services.map((service) => service.id)).toContain('redis');
  });

  it('names as consumers exactly the services that mount each secret (the full preset)', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../render/golden/full/aistack.yaml', import.meta.url), 'utf8');
    const stack = resolve(text);
    const fromSecrets = stack.secrets.flatMap((secret) => [
      ...secret.consumers.map((consumer) => `${consumer.service}:${secret.name}`),
      ...(secret.bearer ? secret.consumers.map((consumer) => `${consumer.service}:${secret.name}-bearer`) : []),
    ]);
    const fromServices = stack.services.flatMap((service) => service.secrets.map((name) => `${service.id}:${name}`));
    expect(fromSecrets.sort()).toEqual(fromServices.sort());
    expect(stack.secrets.find((secret) => secret.name === 'proxy-basic-auth')?.consumers).toEqual([
      { service: 'proxy', owner: true, reads: 'at-start' },
    ]);
  });

  it('gives every app on the shared PostgreSQL its own database and role', () => {
    const stack = resolve(`${header}services:\n  n8n: {}\n  litellm: {}\n  flowise: {}\n`);
    const names = stack.databases.map((database) => database.database);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(stack.databases.map((database) => database.role)).size).toBe(names.length);
    expect(new Set(stack.databases.map((database) => database.passwordSecret)).size).toBe(names.length);
  });

  it('always adds the proxy, which alone publishes on the network', () => {
    const stack = resolve(`${header}services:\n  ollama: {}\n`);
    const published = stack.services.filter((service) => service.hostPorts.length > 0).map((service) => service.id);
    expect(published).toEqual(['proxy']);
    expect(stack.services.find((service) => service.id === 'proxy')!.hostPorts.map((port) => port.host)).toEqual([80, 443]);
  });

  it('takes direct ports from the plan, loopback only, in service order', () => {
    const stack = resolve(
      `${header}services:\n  n8n:\n    directPort: true\n  open-webui:\n    directPort: true\n  qdrant:\n    directPort: true\n`,
    );
    const ports = Object.fromEntries(
      stack.services
        .filter((service) => service.id !== 'proxy' && service.hostPorts.length > 0)
        .map((service) => [service.id, service.hostPorts[0]]),
    );
    expect(ports.n8n).toMatchObject({ hostIp: '127.0.0.1', host: 18000 });
    expect(ports['open-webui']).toMatchObject({ hostIp: '127.0.0.1', host: 18001 });
    expect(ports.qdrant).toMatchObject({ hostIp: '127.0.0.1', host: 18200 });
  });

  it('moves catalog images under images.registry, and explicit overrides win', () => {
    const stack = resolve(
      `${header}services:\n  open-webui: {}\n  n8n:\n    image: local/n8n:test\nimages:\n  registry: mirror.internal:5000/ai\n`,
    );
    const image = (id: string) => stack.services.find((service) => service.id === id)!.image;
    expect(image('open-webui')).toMatch(/^mirror\.internal:5000\/ai\/open-webui\/open-webui:v/);
    expect(image('n8n')).toBe('local/n8n:test');
  });

  it('puts proxy basic auth in front of services without a login of their own', () => {
    const stack = resolve(`${header}services:\n  ollama: {}\n  open-webui: {}\n`);
    const route = (id: string) => stack.services.find((service) => service.id === id)!.route!;
    expect(route('ollama').proxyAuth).toBe(true);
    expect(route('open-webui').proxyAuth).toBe(false);
    expect(stack.secrets.find((secret) => secret.name === 'proxy-basic-auth')?.kind).toBe('htpasswd');
  });

  it('reports a dependency cycle through custom services with its position', () => {
    const error = errorOf(
      `${header}custom:\n  a:\n    image: x/a:1\n    health: { tcp: true }\n    port: 80\n    dependsOn: [b]\n  b:\n    ` +
        'image: x/b:1\n    port: 80\n    health: { tcp: true }\n    dependsOn: [a]\n',
    );
    expect(error.formatted).toBe('aistack.yaml:8:5 AIS_STACK_CYCLE dependency cycle: a → b → a');
  });

  it('reports an unknown dependency with a suggestion', () => {
    const error = errorOf(`${header}services:\n  qdrant: {}\ncustom:\n  api:\n    image: x/api:1\n    dependsOn: [qdrnt]\n`);
    expect(error.formatted).toBe(
      'aistack.yaml:8:17 AIS_STACK_UNKNOWN_DEPENDENCY custom service "api" depends on unknown service "qdrnt"; did you mean "qdrant"?',
    );
  });

  it('reports two services asking for the same direct port', () => {
    const error = errorOf(`${header}services:\n  n8n:\n    directPort: 18080\n  qdrant:\n    directPort: 18080\n`);
    expect(error.formatted).toBe('aistack.yaml:7:5 AIS_STACK_PORT_CONFLICT direct port 18080 of "qdrant" is already taken by n8n');
  });

  it('reports a direct port that collides with the proxy', () => {
    const error = errorOf(`${header}services:\n  n8n:\n    directPort: 8443\nproxy:\n  httpsPort: 8443\n`);
    expect(error.formatted).toBe(
      'aistack.yaml:5:5 AIS_STACK_PORT_CONFLICT direct port 8443 of "n8n" is already taken by the proxy (HTTPS)',
    );
  });

  it('refuses a sub-path for a service that needs its own subdomain', () => {
    const error = errorOf(`${header}services:\n  open-webui:\n    route:\n      path: /chat\n`);
    expect(error.code).toBe('AIS_STACK_SUBPATH_UNSUPPORTED');
    expect(error.formatted).toMatch(
      /^aistack\.yaml:6:7 AIS_STACK_SUBPATH_UNSUPPORTED Open WebUI cannot be served under a sub-path \(\/chat\)/,
    );
  });

  it('serves n8n under a sub-path when asked', () => {
    const stack = resolve(`${header}services:\n  n8n:\n    route:\n      path: /n8n\n`);
    expect(stack.services.find((service) => service.id === 'n8n')!.route!.url).toBe('https://ai.example.com/n8n/');
  });

  it('refuses a custom service with a catalog id', () => {
    expect(errorOf(`${header}custom:\n  redis:\n    image: x/redis:1\n`).formatted).toBe(
      'aistack.yaml:4:3 AIS_STACK_ID_CLASH custom service "redis" has the id of a catalog service',
    );
  });

  it('refuses two services on the same URL', () => {
    expect(
      errorOf(`${header}services:\n  n8n:\n    route:\n      subdomain: apps\n  flowise:\n    route:\n      subdomain: apps\n`).formatted,
    ).toBe('aistack.yaml:5:5 AIS_STACK_ROUTE_CLASH services "flowise" and "n8n" both route to https://apps.ai.example.com/');
  });
});
