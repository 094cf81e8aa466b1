import { describe, expect, it } from 'vitest';
import { catalog, findCatalogEntry } from '../../src/catalog/index.js';
import type { CatalogEntry, Wiring, WiringContext } from '../../src/catalog/types.js';

function contextFor(id: string, enabledIds: readonly string[], publicUrl?: string): WiringContext {
  const entry = findCatalogEntry(id);
  if (!entry) throw new Error(`no catalog entry ${id}`);
  const enabled = new Set([id, ...enabledIds]);
  return {
    serviceId: id,
    domain: 'ai.example.com',
    publicUrl: publicUrl ?? `https://${entry.route?.subdomain ?? id}.ai.example.com`,
    enabled,
    internalUrl: (other) => {
      const target = findCatalogEntry(other);
      return target && enabled.has(other) ? `http://${other}:${target.port}` : undefined;
    },
    database: entry.database ? { ...entry.database, host: 'postgres', port: 5432 } : undefined,
    secretPath: (name) => `/run/secrets/${name}`,
  };
}

function wire(id: string, enabledIds: readonly string[], publicUrl?: string): Wiring {
  return findCatalogEntry(id)?.wire?.(contextFor(id, enabledIds, publicUrl)) ?? {};
}

/** The stack name of each secret an entry reads (resolve: `sameAs` or `<service>-<name>`). */
function secretsRead(entry: CatalogEntry): Map<string, string> {
  const all = new Map<string, string>();
  for (const secret of entry.secrets) if (secret.variable) all.set(secret.variable, secret.sameAs ?? `${entry.id}-${secret.name}`);
  for (const secret of entry.wire?.(
    contextFor(
      entry.id,
      catalog.map((candidate) => candidate.id),
    ),
  ).secretEnv ?? [])
    all.set(secret.variable, secret.secret);
  return all;
}

const allIds = catalog.map((entry) => entry.id);
const known = new Set<string>();
for (const entry of catalog) {
  for (const secret of entry.secrets) if (!secret.sameAs) known.add(`${entry.id}-${secret.name}`);
  if (entry.database) known.add(`postgres-${entry.database.role}-password`);
}

describe('wiring', () => {
  it('reads only secrets some entry declares, and names only catalog services', () => {
    for (const entry of catalog) {
      const wiring = entry.wire?.(contextFor(entry.id, allIds)) ?? {};
      for (const secret of wiring.secretEnv ?? []) expect(known, `${entry.id} reads ${secret.secret}`).toContain(secret.secret);
      for (const used of wiring.uses ?? []) expect(allIds, `${entry.id} uses ${used}`).toContain(used);
      if ((wiring.secretEnv ?? []).some((secret) => secret.delivery === 'entrypoint'))
        expect(entry.shell, `${entry.id} shell`).toBeDefined();
    }
  });

  it('never puts a secret into plain environment', () => {
    for (const entry of catalog) {
      const environment = { ...entry.environment, ...(entry.wire?.(contextFor(entry.id, allIds)).environment ?? {}) };
      for (const [name, value] of Object.entries(environment)) {
        expect(`${name}=${value}`, entry.id).not.toMatch(/(PASSWORD|SECRET|_KEY|TOKEN)=(?!@\/run\/secrets\/).+/);
        expect(value, `${entry.id} ${name}`).not.toMatch(/:\/\/[^/@\s]*:[^/@\s]+@/);
      }
    }
  });

  it('points Open WebUI at Ollama, LiteLLM and Qdrant when they are enabled', () => {
    const wiring = wire('open-webui', ['ollama', 'litellm', 'qdrant']);
    expect(wiring.environment).toMatchObject({
      OLLAMA_BASE_URL: 'http://ollama:11434',
      OPENAI_API_BASE_URL: 'http://litellm:4000/v1',
      VECTOR_DB: 'qdrant',
      QDRANT_URI: 'http://qdrant:6333',
      WEBUI_URL: 'https://chat.ai.example.com',
      CORS_ALLOW_ORIGIN: 'https://chat.ai.example.com',
    });
    expect(wiring.secretEnv).toEqual([
      { variable: 'OPENAI_API_KEY', secret: 'litellm-master-key', delivery: 'entrypoint' },
      { variable: 'QDRANT_API_KEY', secret: 'qdrant-api-key', delivery: 'entrypoint' },
    ]);
    expect(wiring.uses).toEqual(['litellm', 'ollama', 'qdrant']);
  });

  it('leaves Open WebUI alone without them, and never at host.docker.internal', () => {
    const wiring = wire('open-webui', []);
    expect(wiring.environment).toEqual({
      WEBUI_URL: 'https://chat.ai.example.com',
      CORS_ALLOW_ORIGIN: 'https://chat.ai.example.com',
      ENABLE_OLLAMA_API: 'false',
    });
    expect(wiring.secretEnv).toEqual([]);
    expect(wiring.uses).toEqual([]);
  });

  it('connects n8n to its database with a *_FILE password and serves it under a sub-path', () => {
    const wiring = wire('n8n', ['postgres'], 'https://ai.example.com/n8n');
    expect(wiring.environment).toEqual({
      N8N_HOST: 'ai.example.com',
      N8N_PROTOCOL: 'https',
      N8N_EDITOR_BASE_URL: 'https://ai.example.com/n8n/',
      N8N_WEBHOOK_URL: 'https://ai.example.com/n8n/',
      N8N_PATH: '/n8n/',
      DB_POSTGRESDB_HOST: 'postgres',
      DB_POSTGRESDB_PORT: '5432',
      DB_POSTGRESDB_DATABASE: 'n8n',
      DB_POSTGRESDB_USER: 'n8n',
    });
    expect(wiring.secretEnv).toEqual([
      {
        variable: 'DB_POSTGRESDB_PASSWORD',
        secret: 'postgres-n8n-password',
        delivery: 'file-variable',
        fileVariable: 'DB_POSTGRESDB_PASSWORD_FILE',
      },
    ]);
    expect(wire('n8n', ['postgres']).environment).not.toHaveProperty('N8N_PATH');
  });

  it("builds LiteLLM's DATABASE_URL in the wrapper and sets its root path under a sub-path", () => {
    const wiring = wire('litellm', ['postgres'], 'https://ai.example.com/llm');
    expect(wiring.secretEnv).toEqual([
      {
        variable: 'DATABASE_URL',
        secret: 'postgres-litellm-password',
        delivery: 'entrypoint',
        template: 'postgresql://litellm:{value}@postgres:5432/litellm',
      },
    ]);
    expect(wiring.environment).toEqual({ SERVER_ROOT_PATH: '/llm' });
    expect(wire('litellm', ['postgres']).environment).toEqual({});
  });

  it('gives Flowise its database settings and an env-only password', () => {
    const wiring = wire('flowise', ['postgres']);
    expect(wiring.environment).toEqual({
      APP_URL: 'https://flowise.ai.example.com',
      DATABASE_TYPE: 'postgres',
      DATABASE_HOST: 'postgres',
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'flowise',
      DATABASE_USER: 'flowise',
    });
    expect(wiring.secretEnv).toEqual([{ variable: 'DATABASE_PASSWORD', secret: 'postgres-flowise-password', delivery: 'entrypoint' }]);
  });

  it('wires Dify to PostgreSQL, Redis (also inside the Celery broker URL), Qdrant, the sandbox and the plugin daemon', () => {
    const wiring = wire('dify', allIds);
    expect(wiring.environment).toMatchObject({
      MODE: 'api',
      MIGRATION_ENABLED: 'true',
      DB_HOST: 'postgres',
      DB_DATABASE: 'dify',
      DB_USERNAME: 'dify',
      REDIS_HOST: 'redis',
      VECTOR_STORE: 'qdrant',
      QDRANT_URL: 'http://qdrant:6333',
      CODE_EXECUTION_ENDPOINT: 'http://dify-sandbox:8194',
      PLUGIN_DAEMON_URL: 'http://dify-plugin-daemon:5002',
      CONSOLE_API_URL: 'https://dify.ai.example.com',
    });
    expect(wiring.secretEnv).toContainEqual({
      variable: 'CELERY_BROKER_URL',
      secret: 'redis-password',
      delivery: 'entrypoint',
      template: 'redis://:{value}@redis:6379/1',
    });
    expect(wire('dify-worker', allIds).environment).toMatchObject({ MODE: 'worker', MIGRATION_ENABLED: 'false', DB_DATABASE: 'dify' });
    expect(wire('dify-plugin-daemon', allIds).environment).toMatchObject({
      DB_DATABASE: 'dify_plugin',
      DB_USERNAME: 'dify_plugin',
      DIFY_INNER_API_URL: 'http://dify:5001',
    });
  });

  it('gives each pair of Dify keys the same secret on both sides (Traps 11)', () => {
    const read = (id: string) => secretsRead(findCatalogEntry(id)!);
    expect(read('dify').get('CODE_EXECUTION_API_KEY')).toBe(read('dify-sandbox').get('API_KEY'));
    expect(read('dify').get('PLUGIN_DAEMON_KEY')).toBe(read('dify-plugin-daemon').get('SERVER_KEY'));
    expect(read('dify').get('INNER_API_KEY_FOR_PLUGIN')).toBe(read('dify-plugin-daemon').get('DIFY_INNER_API_KEY'));
    for (const part of ['dify-worker', 'dify-beat']) {
      for (const variable of [
        'SECRET_KEY',
        'DB_PASSWORD',
        'REDIS_PASSWORD',
        'CODE_EXECUTION_API_KEY',
        'PLUGIN_DAEMON_KEY',
        'INNER_API_KEY_FOR_PLUGIN',
      ]) {
        expect(read(part).get(variable), `${part} ${variable}`).toBe(read('dify').get(variable));
      }
    }
  });

  it('shares one n8n runner token and one Supabase JWT secret', () => {
    const read = (id: string) => secretsRead(findCatalogEntry(id)!);
    expect(read('n8n-runners').get('N8N_RUNNERS_AUTH_TOKEN')).toBe('n8n-runners-auth-token');
    expect(read('n8n').get('N8N_RUNNERS_AUTH_TOKEN')).toBe('n8n-runners-auth-token');
    expect(read('supabase-auth').get('GOTRUE_JWT_SECRET')).toBe('supabase-jwt-secret');
    expect(read('supabase-db').get('JWT_SECRET')).toBe('supabase-jwt-secret');
    expect(read('supabase-studio').get('AUTH_JWT_SECRET')).toBe('supabase-jwt-secret');
  });

  it('points Mem0 at its database, and at LiteLLM (preferred, with the master key) or Ollama for its LLM and embedder', () => {
    const viaLitellm = wire('mem0', ['postgres', 'ollama', 'litellm']);
    expect(viaLitellm.environment).toEqual({
      APP_DB_NAME: 'mem0',
      DASHBOARD_URL: 'https://memory-ui.ai.example.com',
      OPENAI_BASE_URL: 'http://litellm:4000/v1',
      POSTGRES_DB: 'mem0',
      POSTGRES_HOST: 'postgres',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'mem0',
    });
    expect(viaLitellm.secretEnv).toEqual([
      { variable: 'POSTGRES_PASSWORD', secret: 'postgres-mem0-password', delivery: 'entrypoint' },
      { variable: 'OPENAI_API_KEY', secret: 'litellm-master-key', delivery: 'entrypoint' },
    ]);
    expect(viaLitellm.uses).toEqual(['litellm', 'ollama']);
    const viaOllama = wire('mem0', ['postgres', 'ollama']);
    expect(viaOllama.environment).toMatchObject({ OPENAI_BASE_URL: 'http://ollama:11434/v1' });
    expect(viaOllama.secretEnv?.map((secret) => secret.variable)).toEqual(['POSTGRES_PASSWORD']);
  });

  it("gives the parts of a service the owner's public URL when resolve knows it, else the default subdomain", () => {
    const context = {
      ...contextFor('dify-worker', allIds),
      publicUrlOf: (id: string) => (id === 'dify' ? 'https://apps.ai.example.com' : undefined),
    };
    expect(findCatalogEntry('dify-worker')?.wire?.(context).environment).toMatchObject({
      CONSOLE_API_URL: 'https://apps.ai.example.com',
      FILES_URL: 'https://apps.ai.example.com',
    });
    expect(wire('dify-worker', allIds).environment).toMatchObject({ CONSOLE_API_URL: 'https://dify.ai.example.com' });
    expect(wire('supabase-auth', allIds).environment).toMatchObject({
      API_EXTERNAL_URL: 'https://supabase.ai.example.com',
      GOTRUE_SITE_URL: 'https://supabase.ai.example.com',
    });
    expect(wire('mem0-dashboard', allIds).environment).toEqual({ NEXT_PUBLIC_API_URL: 'https://memory.ai.example.com' });
  });

  it('points Adminer at the shared PostgreSQL', () => {
    expect(wire('adminer', ['postgres']).environment).toEqual({ ADMINER_DEFAULT_SERVER: 'postgres' });
    expect(wire('adminer', [])).toEqual({});
  });
});
