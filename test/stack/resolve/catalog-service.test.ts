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

  it('runs the ROCm variant of the pinned image for gpu: amd, under images.registry too', () => {
    const image = (input: Parameters<typeof contextOf>[0]): { image: string; gpu: unknown } => {
      const context = contextOf(input);
      const { service } = resolveCatalogService(context.byId.get('ollama')!, context, facts());
      return { image: service.image, gpu: service.gpu };
    };
    expect(image({ services: { ollama: { gpu: 'amd' } } })).toEqual({ image: 'ollama/ollama:0.32.15-rocm', gpu: 'amd' });
    expect(image({ services: { ollama: { gpu: true } } })).toEqual({ image: 'ollama/ollama:0.32.15', gpu: 'nvidia' });
    expect(image({ services: { ollama: { gpu: false } } })).toEqual({ image: 'ollama/ollama:0.32.15', gpu: false });
    expect(image({ services: { ollama: { gpu: 'amd' } }, images: { registry: 'mirror.internal:5000/' } })).toEqual({
      image: 'mirror.internal:5000/ollama/ollama:0.32.15-rocm',
      gpu: 'amd',
    });
  });

  it('keeps an image override as written for gpu: amd (services.<id>.image, then images.overrides)', () => {
    const own = contextOf({ services: { ollama: { gpu: 'amd', image: 'ollama/ollama:0.32.14-rocm' } } });
    expect(resolveCatalogService(own.byId.get('ollama')!, own, facts()).service.image).toBe('ollama/ollama:0.32.14-rocm');
    const overridden = contextOf({ services: { ollama: { gpu: 'amd' } }, images: { overrides: { ollama: 'local/ollama-rocm:dev' } } });
    expect(resolveCatalogService(overridden.byId.get('ollama')!, overridden, facts()).service.image).toBe('local/ollama-rocm:dev');
  });

  it('rejects an AMD GPU for a service that cannot use a GPU, at the key', () => {
    const context = contextOf({ services: { qdrant: { gpu: 'amd' } } });
    expect(thrown(() => resolveCatalogService(context.byId.get('qdrant')!, context, facts()))).toEqual({
      code: 'AIS_STACK_GPU_UNSUPPORTED',
      message: 'Qdrant cannot use a GPU',
      file: 'aistack.yaml:services.qdrant.gpu',
    });
  });
});
