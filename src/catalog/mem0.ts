import { createPythonHttpTest } from './health-tests.js';
import { ownerPublicUrl } from './public-url.js';
import { LITELLM_MASTER_KEY_SECRET, postgresPasswordSecret } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

/** The mem0ai/mem0 commit the server and dashboard images are built from (server/, read 2026-12-02). */
export const MEM0_COMMIT = '8d5b786';

function wireMem0(context: WiringContext): Wiring {
  const environment: Record<string, string> = {
    DASHBOARD_URL: ownerPublicUrl(context, 'mem0-dashboard', 'memory-ui'),
  };
  const secretEnv: WiringSecretEnv[] = [];
  const database = context.database;
  if (database) {
    Object.assign(environment, {
      POSTGRES_HOST: database.host,
      POSTGRES_PORT: String(database.port),
      POSTGRES_USER: database.role,
      // One database for both: the pgvector collection (table `memories`) and the app tables
      // (users, api_keys, request_logs, settings) do not share a name.
      POSTGRES_DB: database.database,
      APP_DB_NAME: database.database,
    });
    secretEnv.push({ variable: 'POSTGRES_PASSWORD', secret: postgresPasswordSecret(database.role), delivery: 'entrypoint' });
  }
  // mem0's OpenAI LLM and embedder read OPENAI_BASE_URL; LiteLLM fronts Ollama when both run.
  const litellm = context.internalUrl('litellm');
  const ollama = context.internalUrl('ollama');
  if (litellm) {
    environment.OPENAI_BASE_URL = `${litellm}/v1`;
    secretEnv.push({ variable: 'OPENAI_API_KEY', secret: LITELLM_MASTER_KEY_SECRET, delivery: 'entrypoint' });
  } else if (ollama) {
    environment.OPENAI_BASE_URL = `${ollama}/v1`;
  }
  return { environment, secretEnv, uses: ['litellm', 'ollama'].filter((id) => context.enabled.has(id)) };
}

/**
 * The Mem0 self-hosted server (mem0ai/mem0 `server/`), OpenMemory's successor: a REST API for
 * memories with its own auth (admin account, API keys) on PostgreSQL with pgvector.
 */
export const mem0Entry: CatalogEntry = {
  id: 'mem0',
  title: 'Mem0',
  category: 'memory',
  description: 'Long-term memory for agents and apps (Mem0 self-hosted server: REST API, API keys, pgvector)',
  homepage: 'https://github.com/mem0ai/mem0/tree/main/server',
  image: {
    repository: 'aistack/mem0-server',
    tag: MEM0_COMMIT,
    pinDigest: `upstream publishes no image: build server/ of mem0ai/mem0 at commit ${MEM0_COMMIT} (server/Dockerfile) and pin its digest`,
  },
  port: 8000,
  protocol: 'http',
  // python:3.12-slim: no curl/wget. No health route; upstream's Makefile `health` probes /docs.
  health: {
    test: createPythonHttpTest(8000, '/docs'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    probe: { type: 'http', path: '/docs' },
  },
  volumes: [
    {
      name: 'history',
      target: '/app/history',
      // SQLite (HISTORY_DB_PATH): copy it while the service is stopped.
      backup: { kind: 'volume-tar', live: false },
      description: "mem0's memory change history (SQLite)",
    },
  ],
  secrets: [
    {
      name: 'jwt-secret',
      kind: 'base64-48',
      variable: 'JWT_SECRET',
      delivery: 'entrypoint',
      protects: 'signs dashboard and API sessions (the server refuses to start without it while auth is on); changing it logs everyone out',
    },
    {
      name: 'admin-api-key',
      kind: 'password',
      variable: 'ADMIN_API_KEY',
      delivery: 'entrypoint',
      protects:
        'admin access to the API (header X-API-Key): create users and API keys, configure, reset; give clients their own keys instead',
    },
  ],
  environment: {
    AUTH_DISABLED: 'false',
    HISTORY_DB_PATH: '/app/history/history.db',
    MEM0_TELEMETRY: 'false',
    POSTGRES_COLLECTION_NAME: 'memories',
  },
  // Upstream's compose runs the migrations first; the Dockerfile's CMD alone has --reload and no alembic.
  command: ['sh', '-c', 'alembic upgrade head && exec uvicorn main:app --host 0.0.0.0 --port 8000'],
  shell: '/bin/bash',
  // The dashboard comes along: the first admin is registered there (see notes).
  requires: ['mem0-dashboard', 'postgres'],
  database: { database: 'mem0', role: 'mem0', extensions: ['vector'] },
  route: {
    subdomain: 'memory',
    subPath: false,
    ownLogin: true,
    websocket: false,
    streaming: false,
    uploadMaxMb: 10,
    // Adding a memory makes LLM and embedding calls.
    readTimeoutSeconds: 300,
  },
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  networks: ['edge', 'internal'],
  wire: wireMem0,
  notes: [
    `Successor of OpenMemory (removed from mem0ai/mem0 on 2026-07-29, PR #6530); \`openmemory\` in aistack.yaml is a ` +
      'deprecated alias of mem0 (check rule project/deprecated-service). Facts read in mem0ai/mem0 server/ at commit ' +
      `${MEM0_COMMIT} (2026-08-22) on 2026-12-02: Dockerfile, docker-compose.yaml, .env.example, main.py, auth.py, db.py, init-db.sh.`,
    'Auth is on (AUTH_DISABLED=false; main.py refuses to start without JWT_SECRET). Clients send `X-API-Key: <key>` or a ' +
      'dashboard JWT as `Authorization: Bearer`; ADMIN_API_KEY is a generated secret (`aistack secrets show ' +
      'mem0-admin-api-key`). The proxy adds no basic auth: the server checks every request itself.',
    'Until the first account exists, POST /auth/register makes whoever calls it admin (routers/auth.py): open ' +
      'https://memory-ui.<domain>/setup right after the first deploy.',
    'No *_FILE variables (os.environ only), so POSTGRES_PASSWORD, JWT_SECRET, ADMIN_API_KEY and OPENAI_API_KEY reach it through the entrypoint wrapper.',
    'Vector store: pgvector on the shared PostgreSQL (upstream runs its own pgvector/pgvector:pg17). The shared server runs ' +
      'pgvector/pgvector:0.8.6-pg18-trixie while mem0 is enabled (PostgreSQL 18 like the postgres entry; a pg17 image cannot ' +
      'open an 18 data directory), and aistack creates the extension as superuser: `vector` is not a trusted extension ' +
      '(pgvector#288, #1017).',
    'One database `mem0` for memories and app tables (upstream: `postgres` for pgvector plus `mem0_app`, created by ' +
      'init-db.sh); the migrations (alembic upgrade head) run at every start, as in upstream compose.',
    "LLM and embedder: mem0's openai provider pointed at LiteLLM (OPENAI_BASE_URL, master key) or, without LiteLLM, at " +
      "Ollama's OpenAI API (then set OPENAI_API_KEY to any value under services.mem0.env). Defaults are " +
      'MEM0_DEFAULT_LLM_MODEL=gpt-5-mini and MEM0_DEFAULT_EMBEDDER_MODEL=text-embedding-3-small: set them for the models you ' +
      'serve; an embedder that is not 1536-dimensional needs embedding_model_dims via POST /configure.',
    'Telemetry is off (MEM0_TELEMETRY=false; upstream default true, PostHog). requirements.txt installs mem0ai>=0.1.48 from ' +
      'PyPI, so the library version is whatever the image build got.',
  ],
  ignoredFileVariables: ['POSTGRES_PASSWORD_FILE', 'JWT_SECRET_FILE', 'ADMIN_API_KEY_FILE', 'OPENAI_API_KEY_FILE'],
  readsFileVariables: [],
};
