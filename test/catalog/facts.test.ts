import { describe, expect, it } from 'vitest';
import { catalog, findCatalogEntry } from '../../src/catalog/index.js';
import { healthTestBinary } from '../../src/catalog/health-tests.js';
import { POSTGRES_VECTOR_IMAGE } from '../../src/catalog/postgres.js';
import type { CatalogEntry, WiringContext } from '../../src/catalog/types.js';

/**
 * What each image really contains, from catalog-facts.md (and, where it is silent, the
 * Dockerfile named in the entry's comments). A health test may only run these programs.
 */
const IMAGE_BINARIES: Readonly<Record<string, readonly string[]>> = {
  'ollama/ollama': ['bash', 'ollama'], // ubuntu:24.04 + ca-certificates, libvulkan1, libopenblas0
  'ghcr.io/open-webui/open-webui': ['bash', 'curl', 'jq', 'python3'],
  'ghcr.io/berriai/litellm': ['python3', 'sh'], // wolfi-base, no curl
  'n8nio/n8n': ['node', 'sh', 'wget'], // node:22-alpine: BusyBox wget
  'n8nio/runners': ['node', 'python3', 'sh', 'wget'], // python:3.13-alpine + node
  'flowiseai/flowise': ['curl', 'node', 'sh'],
  'langgenius/dify-api': ['bash', 'curl', 'grep', 'python3'],
  'langgenius/dify-web': ['node', 'sh', 'wget'],
  'langgenius/dify-sandbox': ['bash', 'curl', 'wget'],
  'langgenius/dify-plugin-daemon': ['bash', 'curl'],
  'ubuntu/squid': ['bash', 'sh', 'squid'],
  'qdrant/qdrant': ['bash'], // debian:13-slim, no curl/wget
  'aistack/mem0-server': ['bash', 'python3'], // python:3.12-slim (server/Dockerfile)
  'aistack/mem0-dashboard': ['node', 'sh', 'wget'], // node:20-alpine (BusyBox wget; upstream compose probes with it)
  'pgvector/pgvector': ['bash', 'pg_isready'], // postgres:18-trixie plus pgvector
  postgres: ['bash', 'pg_isready'], // wget purged
  redis: ['cat', 'grep', 'redis-cli', 'sh'],
  kong: ['kong', 'sh'],
  'supabase/postgres': ['bash', 'pg_isready'],
  'supabase/gotrue': ['sh', 'wget'],
  'postgrest/postgrest': ['postgrest'], // no shell at all
  'supabase/postgres-meta': ['node', 'sh'],
  'supabase/studio': ['node', 'sh'],
  adminer: ['curl', 'php', 'sh'],
  nginx: ['sh', 'wget'],
  'aistack/aistack': ['node', 'sh'],
};

/** Images catalog-facts.md says have no curl (Traps 9). */
const NO_CURL = ['ollama', 'qdrant', 'n8n', 'litellm', 'mem0', 'postgres'];

/** `*_FILE` variables the facts say an image reads; everything else is env-only. */
const FILE_VARIABLE_ALLOW_LIST: Readonly<Record<string, readonly string[]>> = {
  // docker-entrypoint.sh file_env
  postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
  // every @Env setting (packages/@n8n/config/src/decorators.ts); the ones aistack uses:
  'n8nio/n8n': ['N8N_ENCRYPTION_KEY_FILE', 'N8N_RUNNERS_AUTH_TOKEN_FILE', 'DB_POSTGRESDB_PASSWORD_FILE', 'QUEUE_BULL_REDIS_PASSWORD_FILE'],
  // aistack's own image reads its own *_FILE settings
  'aistack/aistack': ['AISTACK_ADMIN_PASSWORD_FILE', 'AISTACK_SESSION_SECRET_FILE', 'AISTACK_METRICS_TOKEN_FILE'],
};

const PROGRAMS = ['curl', 'wget', 'redis-cli', 'pg_isready', 'python3', 'node', 'cat', 'grep', 'kong', 'postgrest', 'jq'];

/** The programs a health test runs: its command, plus those named inside a `sh -c` / `bash -c` script. */
function programsOf(test: readonly string[]): string[] {
  const binary = healthTestBinary(test);
  const programs = binary ? [binary] : [];
  const script = test[0] === 'CMD-SHELL' ? test[1] : (binary === 'sh' || binary === 'bash') && test[2] === '-c' ? test[3] : undefined;
  if (script) for (const program of PROGRAMS) if (new RegExp(`(^|[\\s|;&(])${program}(\\s|$)`).test(script)) programs.push(program);
  return programs;
}

function allEnabledContext(entry: CatalogEntry): WiringContext {
  const ids = new Set(catalog.map((candidate) => candidate.id));
  return {
    serviceId: entry.id,
    domain: 'ai.example.com',
    publicUrl: `https://${entry.route?.subdomain ?? entry.id}.ai.example.com`,
    enabled: ids,
    internalUrl: (id) => {
      const target = findCatalogEntry(id);
      return target ? `http://${id}:${target.port}` : undefined;
    },
    database: entry.database ? { ...entry.database, host: 'postgres', port: 5432 } : undefined,
    secretPath: (name) => `/run/secrets/${name}`,
  };
}

describe('catalog facts', () => {
  it("runs pgvector on the postgres entry's major version and Debian release (same data directory, same collations)", () => {
    expect(POSTGRES_VECTOR_IMAGE.tag).toBe(`0.8.6-pg${findCatalogEntry('postgres')?.image.tag.split('.')[0]}-trixie`);
  });

  it('knows the binaries of every image in the catalog', () => {
    const missing = catalog.map((entry) => entry.image.repository).filter((repository) => !(repository in IMAGE_BINARIES));
    expect(missing).toEqual([]);
  });

  for (const entry of catalog) {
    it(`${entry.id}: the health test runs only programs its image has`, () => {
      const available = IMAGE_BINARIES[entry.image.repository] ?? [];
      for (const program of programsOf(entry.health.test)) expect(available, `${entry.id} runs ${program}`).toContain(program);
    });
  }

  it('uses no curl where catalog-facts says there is none', () => {
    for (const id of NO_CURL) {
      const test = findCatalogEntry(id)?.health.test ?? [];
      expect(test.join(' '), id).not.toMatch(/\bcurl\b/);
    }
  });

  it('pins every image: no latest, main or stable tag', () => {
    for (const entry of catalog)
      expect(entry.image.tag, entry.id).not.toMatch(/^(latest|main|stable|edge|nightly|main-stable|main-latest)$/i);
  });

  it('pins the tags catalog-facts names', () => {
    const tags = Object.fromEntries(catalog.map((entry) => [entry.id, `${entry.image.repository}:${entry.image.tag}`]));
    expect(tags).toMatchObject({
      ollama: 'ollama/ollama:0.32.15',
      'open-webui': 'ghcr.io/open-webui/open-webui:v0.11.2',
      litellm: 'ghcr.io/berriai/litellm:v1.89.4',
      n8n: 'n8nio/n8n:2.40.1',
      'n8n-runners': 'n8nio/runners:2.40.1',
      flowise: 'flowiseai/flowise:3.1.3',
      dify: 'langgenius/dify-api:1.17.1',
      'dify-worker': 'langgenius/dify-api:1.17.1',
      'dify-beat': 'langgenius/dify-api:1.17.1',
      'dify-web': 'langgenius/dify-web:1.17.1',
      'dify-sandbox': 'langgenius/dify-sandbox:0.2.15',
      'dify-plugin-daemon': 'langgenius/dify-plugin-daemon:0.6.10-local',
      qdrant: 'qdrant/qdrant:v1.19.0',
      postgres: 'postgres:18.6',
      redis: 'redis:8.10.1-alpine',
      adminer: 'adminer:6.0.1',
      supabase: 'kong:2.8.1',
      'supabase-db': 'supabase/postgres:17.6.1.136',
      'supabase-auth': 'supabase/gotrue:v2.185.0',
      'supabase-rest': 'postgrest/postgrest:v14.3',
      'supabase-meta': 'supabase/postgres-meta:v0.95.2',
      'supabase-studio': 'supabase/studio:2026.01.27-sha-6aa59ff',
      monitor: 'aistack/aistack:0.1.0',
    });
  });

  it('asks for a pinned digest where catalog-facts flags retagging', () => {
    for (const id of ['litellm', 'flowise', 'dify-ssrf-proxy', 'mem0', 'mem0-dashboard'])
      expect(findCatalogEntry(id)?.image.pinDigest, id).toBeTruthy();
  });

  it('uses the container ports catalog-facts names', () => {
    const ports = Object.fromEntries(catalog.map((entry) => [entry.id, entry.port]));
    expect(ports).toMatchObject({
      ollama: 11434,
      'open-webui': 8080,
      litellm: 4000,
      n8n: 5678,
      flowise: 3000,
      dify: 5001,
      'dify-web': 3000,
      'dify-sandbox': 8194,
      'dify-plugin-daemon': 5002,
      'dify-ssrf-proxy': 3128,
      qdrant: 6333,
      mem0: 8000,
      'mem0-dashboard': 3000,
      postgres: 5432,
      redis: 6379,
      supabase: 8000,
      adminer: 8080,
      monitor: 8090,
      'docker-socket-proxy': 2375,
    });
  });

  it('mounts PostgreSQL 18 at /var/lib/postgresql and the other volumes where the facts say', () => {
    const targets = Object.fromEntries(catalog.map((entry) => [entry.id, entry.volumes.map((volume) => volume.target)]));
    expect(targets).toMatchObject({
      postgres: ['/var/lib/postgresql'],
      ollama: ['/root/.ollama'],
      'open-webui': ['/app/backend/data'],
      n8n: ['/home/node/.n8n'],
      flowise: ['/root/.flowise'],
      dify: ['/app/api/storage'],
      'dify-worker': ['/app/api/storage'],
      'dify-plugin-daemon': ['/app/storage'],
      'dify-sandbox': ['/dependencies', '/conf'],
      qdrant: ['/qdrant/storage', '/qdrant/snapshots'],
      redis: ['/data'],
      'supabase-db': ['/var/lib/postgresql/data'],
      litellm: [],
      adminer: [],
    });
  });

  it('backs up each kind of state the way the facts say', () => {
    const backup = (id: string) => findCatalogEntry(id)?.volumes.map((volume) => volume.backup.kind);
    expect(backup('postgres')).toEqual(['pg-dump']);
    expect(backup('redis')).toEqual(['redis-rdb']);
    expect(backup('qdrant')).toEqual(['qdrant-snapshot', 'skip']);
    expect(backup('ollama')).toEqual(['skip']);
    expect(findCatalogEntry('open-webui')?.volumes[0]?.backup).toEqual({ kind: 'volume-tar', live: false });
  });

  it('delivers a secret as a *_FILE variable only where the image reads it', () => {
    for (const entry of catalog) {
      const allowed = FILE_VARIABLE_ALLOW_LIST[entry.image.repository] ?? [];
      const declared = entry.secrets
        .filter((secret) => secret.delivery === 'file-variable')
        .map((secret) => secret.fileVariable ?? `${secret.variable ?? ''}_FILE`);
      const wired = (entry.wire?.(allEnabledContext(entry)).secretEnv ?? [])
        .filter((secret) => secret.delivery === 'file-variable')
        .map((secret) => secret.fileVariable ?? `${secret.variable}_FILE`);
      for (const variable of [...declared, ...wired]) expect(allowed, `${entry.id} ${variable}`).toContain(variable);
    }
  });

  it('lists the *_FILE variables people wrongly use as ignored', () => {
    const ignored = (id: string) => findCatalogEntry(id)?.ignoredFileVariables ?? [];
    expect(ignored('open-webui')).toContain('WEBUI_SECRET_KEY_FILE');
    expect(ignored('litellm')).toContain('LITELLM_MASTER_KEY_FILE');
    expect(ignored('redis')).toContain('REDIS_PASSWORD_FILE');
    expect(ignored('qdrant')).toContain('QDRANT__SERVICE__API_KEY_FILE');
    expect(ignored('flowise')).toContain('FLOWISE_SECRETKEY_OVERWRITE_FILE');
    expect(ignored('dify')).toContain('SECRET_KEY_FILE');
  });

  it("gives every app that needs the shared PostgreSQL a database of its own (Dify worker and beat share Dify's)", () => {
    const sharing = new Set(['dify-worker', 'dify-beat']);
    for (const entry of catalog) {
      if (!entry.requires.includes('postgres') || sharing.has(entry.id)) continue;
      expect(entry.database, entry.id).toBeDefined();
    }
    const databases = Object.fromEntries(catalog.filter((entry) => entry.database).map((entry) => [entry.id, entry.database?.database]));
    expect(databases).toEqual({
      dify: 'dify',
      'dify-plugin-daemon': 'dify_plugin',
      flowise: 'flowise',
      litellm: 'litellm',
      mem0: 'mem0',
      n8n: 'n8n',
    });
    // pgvector is not a trusted extension (pgvector#288): aistack creates it, the app role cannot.
    expect(findCatalogEntry('mem0')?.database?.extensions).toEqual(['vector']);
  });

  it('offers sub-path routes only for n8n and LiteLLM', () => {
    expect(catalog.filter((entry) => entry.route?.subPath).map((entry) => entry.id)).toEqual(['litellm', 'n8n']);
  });

  it('uses the default subdomains', () => {
    const subdomains = Object.fromEntries(catalog.filter((entry) => entry.route).map((entry) => [entry.id, entry.route?.subdomain]));
    expect(subdomains).toEqual({
      adminer: 'adminer',
      dify: 'dify',
      flowise: 'flowise',
      litellm: 'llm',
      monitor: 'monitor',
      n8n: 'n8n',
      ollama: 'ollama',
      'open-webui': 'chat',
      mem0: 'memory',
      'mem0-dashboard': 'memory-ui',
      qdrant: 'qdrant',
      supabase: 'supabase',
    });
  });

  it('puts proxy auth in front of everything without a login of its own', () => {
    expect(catalog.filter((entry) => entry.route && !entry.route.ownLogin).map((entry) => entry.id)).toEqual(['adminer', 'ollama']);
  });

  it('keeps data stores off the edge network and the socket proxy alone with the monitor on docker-api', () => {
    for (const id of ['postgres', 'redis', 'qdrant', 'supabase-db', 'dify-sandbox'])
      expect(findCatalogEntry(id)?.networks, id).toEqual(['internal']);
    expect(findCatalogEntry('docker-socket-proxy')?.networks).toEqual(['docker-api']);
    expect(catalog.filter((entry) => entry.networks.includes('docker-api')).map((entry) => entry.id)).toEqual([
      'docker-socket-proxy',
      'monitor',
    ]);
  });

  it('reserves a GPU only for Ollama', () => {
    expect(catalog.filter((entry) => entry.gpu).map((entry) => entry.id)).toEqual(['ollama']);
  });

  it('gives Dify at least 2 CPU and 4 GiB and Supabase at least 4 GiB in total', () => {
    const total = (owner: string) =>
      catalog
        .filter((entry) => entry.id === owner || entry.partOf === owner)
        .reduce((sum, entry) => ({ cpus: sum.cpus + entry.resources.cpus, memoryMb: sum.memoryMb + entry.resources.memoryMb }), {
          cpus: 0,
          memoryMb: 0,
        });
    expect(total('dify').cpus).toBeGreaterThanOrEqual(2);
    expect(total('dify').memoryMb).toBeGreaterThanOrEqual(4096);
    expect(total('supabase').memoryMb).toBeGreaterThanOrEqual(4096);
  });

  it('gives the docker socket proxy the pinned nginx of the proxy, the read-only socket and nothing else', () => {
    const entry = findCatalogEntry('docker-socket-proxy');
    expect(entry?.image).toEqual(findCatalogEntry('proxy')?.image);
    expect(entry?.environment).toEqual({});
    expect(entry?.hostMounts).toEqual([expect.objectContaining({ source: '/var/run/docker.sock', readOnly: true })]);
    expect(catalog.filter((candidate) => candidate.hostMounts).map((candidate) => candidate.id)).toEqual(['docker-socket-proxy']);
  });
});

describe('resource notes', () => {
  it('state the real sums of the Dify and Supabase limits', () => {
    const sum = (owner: string) => {
      const parts = catalog.filter((entry) => entry.id === owner || entry.partOf === owner);
      return {
        count: parts.length,
        cpus: parts.reduce((total, entry) => total + entry.resources.cpus, 0),
        gib: parts.reduce((total, entry) => total + entry.resources.memoryMb, 0) / 1024,
      };
    };
    expect(sum('dify')).toEqual({ count: 7, cpus: 6, gib: 8.75 });
    expect(findCatalogEntry('dify')?.notes?.join(' ')).toContain('add up to 6 CPU and 8.75 GiB');
    expect(sum('supabase')).toEqual({ count: 6, cpus: 4, gib: 4.25 });
    expect(findCatalogEntry('supabase')?.notes?.join(' ')).toContain('add up to 4.25 GiB and 4 CPU');
  });
});
