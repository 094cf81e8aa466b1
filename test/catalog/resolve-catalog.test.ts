import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import { manifestSchema } from '../../src/manifest/schema.js';
import { resolveStack } from '../../src/stack/resolve.js';

/** The catalog as resolve sees it: every user-facing service alone, and all of them together. */
const userFacing = catalog.filter((entry) => !entry.partOf && entry.category !== 'infrastructure').map((entry) => entry.id);
const resolve = (ids: readonly string[]) =>
  resolveStack(
    manifestSchema.parse({ name: 'demo', domain: 'ai.example.com', services: Object.fromEntries(ids.map((id) => [id, null])) }),
    catalog,
  );

describe('catalog through resolveStack', () => {
  for (const id of userFacing) {
    it(`${id} resolves alone, with everything it requires`, () => {
      const stack = resolve([id]);
      const ids = new Set(stack.services.map((service) => service.id));
      for (const service of stack.services)
        for (const dependency of service.dependsOn) expect(ids, `${service.id} → ${dependency.service}`).toContain(dependency.service);
      expect(ids).toContain('proxy');
    });
  }

  it('resolves every service together, each app with its own database', () => {
    const stack = resolve(userFacing);
    expect(stack.databases.map((database) => database.database).sort()).toEqual([
      'dify',
      'dify_plugin',
      'flowise',
      'litellm',
      'mem0',
      'n8n',
    ]);
    const proxy = stack.services.filter((service) => service.hostPorts.length > 0).map((service) => service.id);
    expect(proxy).toEqual(['proxy']);
  });

  it('gives every env-only secret a shell to wrap the entrypoint with', () => {
    const stack = resolve(userFacing);
    for (const service of stack.services) {
      if (service.secretEnvironment.some((secret) => secret.delivery === 'entrypoint')) expect(service.shell, service.id).toBeDefined();
    }
  });

  it('runs the shared PostgreSQL on the pgvector image only while mem0 needs it, and keeps an explicit image', () => {
    const image = (services: Record<string, unknown>): string | undefined =>
      resolveStack(manifestSchema.parse({ name: 'demo', domain: 'ai.example.com', services }), catalog).services.find(
        (service) => service.id === 'postgres',
      )?.image;
    expect(image({ mem0: null })).toBe('pgvector/pgvector:0.8.6-pg18-trixie');
    expect(image({ n8n: null })).toBe('postgres:18.6');
    expect(image({ mem0: null, postgres: { image: 'example/postgres-vector:18' } })).toBe('example/postgres-vector:18');
    const stack = resolve(['mem0']);
    expect(stack.databases).toEqual([
      { database: 'mem0', role: 'mem0', extensions: ['vector'], passwordSecret: 'postgres-mem0-password', service: 'mem0' },
    ]);
  });
});
