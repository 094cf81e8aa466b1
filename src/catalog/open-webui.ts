import { createCurlTest } from './health-tests.js';
import { LITELLM_MASTER_KEY_SECRET, QDRANT_API_KEY_SECRET } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wireOpenWebui(context: WiringContext): Wiring {
  const environment: Record<string, string> = {
    WEBUI_URL: context.publicUrl,
    // Without it WebSockets from the public origin are refused (docs/reference/https/nginx.md).
    CORS_ALLOW_ORIGIN: context.publicUrl,
  };
  const secretEnv: WiringSecretEnv[] = [];
  const ollama = context.internalUrl('ollama');
  // The image defaults to host.docker.internal:11434, not the compose service (Traps 4).
  if (ollama) Object.assign(environment, { OLLAMA_BASE_URL: ollama, ENABLE_OLLAMA_API: 'true' });
  else environment.ENABLE_OLLAMA_API = 'false';
  const litellm = context.internalUrl('litellm');
  if (litellm) {
    Object.assign(environment, { OPENAI_API_BASE_URL: `${litellm}/v1`, ENABLE_OPENAI_API: 'true' });
    secretEnv.push({ variable: 'OPENAI_API_KEY', secret: LITELLM_MASTER_KEY_SECRET, delivery: 'entrypoint' });
  }
  const qdrant = context.internalUrl('qdrant');
  if (qdrant) {
    Object.assign(environment, { VECTOR_DB: 'qdrant', QDRANT_URI: qdrant });
    secretEnv.push({ variable: 'QDRANT_API_KEY', secret: QDRANT_API_KEY_SECRET, delivery: 'entrypoint' });
  }
  return { environment, secretEnv, uses: ['litellm', 'ollama', 'qdrant'].filter((id) => context.enabled.has(id)) };
}

/** Open WebUI: the chat front end. Own login; the first account to sign up becomes admin. */
export const openWebuiEntry: CatalogEntry = {
  id: 'open-webui',
  title: 'Open WebUI',
  category: 'ui',
  description: 'Chat interface for Ollama and OpenAI-compatible APIs, with RAG and tools',
  homepage: 'https://openwebui.com',
  image: { repository: 'ghcr.io/open-webui/open-webui', tag: 'v0.11.2' },
  port: 8080,
  protocol: 'http',
  // The image has curl and jq; its own Dockerfile HEALTHCHECK uses them.
  health: {
    test: createCurlTest(8080, '/health'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '90s',
    probe: { type: 'http', path: '/health' },
  },
  volumes: [
    {
      name: 'data',
      target: '/app/backend/data',
      // docs tutorials/maintenance/backups.md: stop, then tar (sqlite, uploads, Chroma).
      backup: { kind: 'volume-tar', live: false },
      description: 'users, chats and settings (SQLite), uploads, vector index, caches',
    },
  ],
  secrets: [
    {
      name: 'secret-key',
      kind: 'hex32',
      variable: 'WEBUI_SECRET_KEY',
      delivery: 'entrypoint',
      protects: 'Open WebUI session tokens; without a fixed key every recreate logs everyone out',
    },
  ],
  environment: {
    // Settings come from aistack.yaml on every start, not only the first (Traps 2).
    ENABLE_PERSISTENT_CONFIG: 'false',
    ANONYMIZED_TELEMETRY: 'false',
    DO_NOT_TRACK: 'true',
    SCARF_NO_ANALYTICS: 'true',
  },
  // No ENTRYPOINT upstream; WORKDIR /app/backend, CMD ["bash", "start.sh"].
  command: ['bash', 'start.sh'],
  shell: '/bin/bash',
  requires: [],
  route: {
    subdomain: 'chat',
    subPath: false,
    ownLogin: true,
    websocket: true,
    streaming: true,
    uploadMaxMb: 100,
    readTimeoutSeconds: 1800,
  },
  resources: { memoryMb: 2048, cpus: 2, pids: 1024 },
  networks: ['edge', 'internal'],
  wire: wireOpenWebui,
  notes: [
    'Stays on SQLite in its data volume (no `database`): the shared PostgreSQL is not needed for one replica, and the ' +
      'backup is stop + tar as upstream documents.',
    'ENABLE_PERSISTENT_CONFIG=false makes aistack.yaml the source of truth; changes made in the admin panel to env-backed ' +
      'settings are reset on restart. Override it under services.open-webui.env.',
    'With LiteLLM enabled it authenticates with the LiteLLM master key; a narrower virtual key is better but cannot be generated before LiteLLM runs.',
  ],
  ignoredFileVariables: [
    'WEBUI_SECRET_KEY_FILE',
    'OPENAI_API_KEY_FILE',
    'DATABASE_URL_FILE',
    'DATABASE_PASSWORD_FILE',
    'QDRANT_API_KEY_FILE',
    'WEBUI_ADMIN_PASSWORD_FILE',
  ],
  readsFileVariables: [],
};
