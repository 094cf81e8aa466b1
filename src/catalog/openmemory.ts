import { createPythonHttpTest } from './health-tests.js';
import { LITELLM_MASTER_KEY_SECRET } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wireOpenmemory(context: WiringContext): Wiring {
  const environment: Record<string, string> = {};
  const secretEnv: WiringSecretEnv[] = [];
  const ollama = context.internalUrl('ollama');
  const litellm = context.internalUrl('litellm');
  if (ollama) {
    Object.assign(environment, {
      LLM_PROVIDER: 'ollama',
      EMBEDDER_PROVIDER: 'ollama',
      OLLAMA_BASE_URL: ollama,
      LLM_BASE_URL: ollama,
      EMBEDDER_BASE_URL: ollama,
    });
  } else if (litellm) {
    Object.assign(environment, {
      LLM_PROVIDER: 'openai',
      EMBEDDER_PROVIDER: 'openai',
      LLM_BASE_URL: `${litellm}/v1`,
      EMBEDDER_BASE_URL: `${litellm}/v1`,
    });
    secretEnv.push(
      { variable: 'LLM_API_KEY', secret: LITELLM_MASTER_KEY_SECRET, delivery: 'entrypoint' },
      { variable: 'EMBEDDER_API_KEY', secret: LITELLM_MASTER_KEY_SECRET, delivery: 'entrypoint' },
    );
  }
  if (context.enabled.has('qdrant')) Object.assign(environment, { QDRANT_HOST: 'qdrant', QDRANT_PORT: '6333' });
  return { environment, secretEnv, uses: ['litellm', 'ollama', 'qdrant'].filter((id) => context.enabled.has(id)) };
}

/** OpenMemory (mem0): an MCP memory server. Sunset upstream; no login of its own. */
export const openmemoryEntry: CatalogEntry = {
  id: 'openmemory',
  title: 'OpenMemory',
  category: 'memory',
  description: 'Shared long-term memory for AI clients over MCP (mem0 OpenMemory API; sunset upstream)',
  homepage: 'https://github.com/mem0ai/mem0',
  image: {
    repository: 'aistack/openmemory-mcp',
    tag: '540d23d6',
    pinDigest: 'upstream publishes only mem0/openmemory-mcp:latest: build openmemory/api at commit 540d23d6 or pin a digest of that image',
  },
  port: 8765,
  protocol: 'http',
  // python:3.12-slim: no curl/wget; no health endpoint, /openapi.json answers when the app is up.
  health: {
    test: createPythonHttpTest(8765, '/openapi.json'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '30s',
    probe: { type: 'http', path: '/openapi.json' },
  },
  volumes: [
    {
      name: 'data',
      target: '/usr/src/openmemory/data',
      // SQLite: copy it while the service is stopped.
      backup: { kind: 'volume-tar', live: false },
      description: 'the OpenMemory SQLite database (memories metadata, apps, access log)',
    },
  ],
  secrets: [],
  environment: {
    DATABASE_URL: 'sqlite:////usr/src/openmemory/data/openmemory.db',
    USER: 'aistack',
  },
  // openmemory/api/Dockerfile: WORKDIR /usr/src/app, no ENTRYPOINT, this CMD.
  command: ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8765'],
  shell: '/bin/bash',
  requires: [],
  route: {
    subdomain: 'memory',
    subPath: false,
    ownLogin: false,
    websocket: false,
    // MCP over SSE at /mcp/{client}/sse/{user_id}.
    streaming: true,
    uploadMaxMb: 10,
    readTimeoutSeconds: 3600,
    bearer: true,
  },
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  networks: ['edge', 'internal'],
  wire: wireOpenmemory,
  notes: [
    'Sunset: removed from mem0ai/mem0 on 2026-07-29 (PR #6530); upstream now points to the Mem0 self-hosted server. Last source: commit 540d23d6, openmemory/.',
    'Successor: the Mem0 self-hosted server (mem0ai/mem0 server/, read at commit 8d5b786 of 2026-08-22 on 2026-12-02): API on 8888 (container 8000, OpenAPI at /docs), dashboard on 3000, auth on by default (AUTH_DISABLED=false, JWT_SECRET, admin and API keys), POSTGRES_PASSWORD required (`${POSTGRES_PASSWORD:?}`), pgvector/pgvector:pg17 (replacing the archived ankane/pgvector:v0.5.1), a separate mem0_app database for users and keys; no published image (built from server/Dockerfile, python:3.12-slim). Migration: docs/upgrades.md "OpenMemory → Mem0 server"; `aistack upgrade plan` flags it (rule openmemory/sunset-mem0-server).',
    'There are no version tags upstream, so the image is aistack/openmemory-mcp:540d23d6, to be built from that commit (or override services.openmemory.image with a digest-pinned mem0/openmemory-mcp).',
    "The database path is absolute, so the image's WORKDIR (/usr/src/app in the Dockerfile read; /usr/src/openmemory in catalog-facts) does not matter.",
    'SQLite on a volume instead of the default ./openmemory.db in the source tree (upstream bind-mounts it); PostgreSQL looks broken upstream (check_same_thread for every URL).',
    "Qdrant: OpenMemory reads only QDRANT_HOST/QDRANT_PORT and sends no API key, so aistack's keyed Qdrant refuses it (unverified whether mem0 picks up QDRANT_API_KEY); without qdrant it falls back to its default vector store config.",
    "LLM_MODEL/EMBEDDER_MODEL are left to mem0's defaults; set them under services.openmemory.env for the models you pulled.",
    'Backup: POST /api/v1/backup/export (routers/backup.py) is the application-level alternative.',
  ],
  ignoredFileVariables: ['OPENAI_API_KEY_FILE', 'LLM_API_KEY_FILE'],
  readsFileVariables: [],
};
