import { describe, expect, it } from 'vitest';
import { resolveCatalogService } from '../../../src/stack/resolve/catalog-service.js';
import type { CatalogServiceFacts } from '../../../src/stack/resolve/catalog-service.js';
import { contextOf, thrown } from './support/context.js';

const n8nDatabase = { database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' };
const facts = (overrides: Partial<CatalogServiceFacts> = {}): CatalogServiceFacts => ({
  enabled: new Set(['n8n', 'postgres', 'proxy']),
  allIds: new Set(['n8n', 'postgres', 'proxy']),
  databases: [n8nDatabase],
  routes: new Map(),
  directPorts: new Map(),
  ...overrides,
});

describe('resolveCatalogService', () => {
  it('wires an app to its database: a hard dependency, the password as a _FILE variable and a secret use', () => {
    const context = contextOf({ services: { n8n: {} } });
    const { service, secretUses } = resolveCatalogService(context.byId.get('n8n')!, context, facts());
    expect(service.database).toEqual(n8nDatabase);
    expect(service.dependsOn).toContainEqual({ service: 'postgres', condition: 'service_healthy', required: true });
    expect(service.secrets).toContain('postgres-n8n-password');
    expect(secretUses).toContainEqual({
      name: 'postgres-n8n-password',
      service: 'n8n',
      description: { kind: 'password', protects: 'the PostgreSQL role "n8n" (database "n8n") used by n8n', critical: false },
    });
  });

  it('publishes a direct port on loopback and applies the user environment over the catalog', () => {
    const context = contextOf({ services: { qdrant: { env: { QDRANT__LOG_LEVEL: 'DEBUG' } } } });
    const { service } = resolveCatalogService(context.byId.get('qdrant')!, context, facts({ directPorts: new Map([['qdrant', 16333]]) }));
    expect(service.hostPorts).toEqual([{ hostIp: '127.0.0.1', host: 16333, container: 6333, protocol: 'tcp' }]);
    expect(service.environment.QDRANT__LOG_LEVEL).toBe('DEBUG');
  });

  it('backs up Ollama models only with backup.includeModels', () => {
    const without = contextOf({ services: { ollama: {} } });
    const withModels = contextOf({ services: { ollama: {} }, backup: { includeModels: true } });
    const models = (context: typeof without) =>
      resolveCatalogService(context.byId.get('ollama')!, context, facts()).service.volumes.find((volume) => volume.name === 'ollama-models')
        ?.backup;
    expect(models(withModels)).toEqual({ kind: 'volume-tar', live: true });
    expect(models(without)?.kind).not.toBe('volume-tar');
  });

  it('rejects a GPU for a service that cannot use one', () => {
    const context = contextOf({ services: { qdrant: { gpu: true } } });
    expect(thrown(() => resolveCatalogService(context.byId.get('qdrant')!, context, facts()))).toEqual({
      code: 'AIS_STACK_GPU_UNSUPPORTED',
      message: 'Qdrant cannot use a GPU',
      file: 'aistack.yaml:services.qdrant.gpu',
    });
  });
});
