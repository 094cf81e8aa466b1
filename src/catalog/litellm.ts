import { createPythonHttpTest } from './health-tests.js';
import { parsePublicUrl } from './public-url.js';
import { postgresPasswordSecret } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wireLitellm(context: WiringContext): Wiring {
  const environment: Record<string, string> = {};
  const secretEnv: WiringSecretEnv[] = [];
  const database = context.database;
  if (database) {
    // DATABASE_URL holds the password, so the entrypoint wrapper builds it from the secret file.
    secretEnv.push({
      variable: 'DATABASE_URL',
      secret: postgresPasswordSecret(database.role),
      delivery: 'entrypoint',
      template: `postgresql://${database.role}:{value}@${database.host}:${database.port}/${database.database}`,
    });
  }
  const path = parsePublicUrl(context.publicUrl).path;
  if (path !== '') environment.SERVER_ROOT_PATH = path;
  return { environment, secretEnv };
}

/** LiteLLM proxy: one OpenAI-compatible API in front of every model provider, with keys and budgets. */
export const litellmEntry: CatalogEntry = {
  id: 'litellm',
  title: 'LiteLLM',
  category: 'llm',
  description: 'OpenAI-compatible gateway to Ollama and hosted model APIs, with virtual keys, budgets and an admin UI',
  homepage: 'https://docs.litellm.ai',
  nonRootUser: { uid: 65532, gid: 65532 },
  image: {
    repository: 'ghcr.io/berriai/litellm',
    tag: 'v1.89.4',
    pinDigest: 'announced LiteLLM tags have disappeared before (BerriAI/litellm#14314): pin the digest you pulled',
  },
  port: 4000,
  protocol: 'http',
  // Chainguard wolfi-base: no curl; upstream docker-compose.yml probes with python urllib.
  health: {
    test: createPythonHttpTest(4000, '/health/liveliness'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    // /health makes real LLM calls; /health/readiness also reports the database.
    probe: { type: 'http', path: '/health/readiness' },
  },
  volumes: [],
  secrets: [
    {
      name: 'master-key',
      kind: 'sk-key',
      variable: 'LITELLM_MASTER_KEY',
      delivery: 'entrypoint',
      protects: 'LiteLLM admin API and the admin UI password (user "admin"); clients should get virtual keys instead',
    },
    {
      name: 'salt-key',
      kind: 'sk-key',
      variable: 'LITELLM_SALT_KEY',
      delivery: 'entrypoint',
      protects: "encryption of provider API keys stored in LiteLLM's database; never change it after adding models",
      critical: true,
    },
  ],
  environment: { STORE_MODEL_IN_DB: 'True', LITELLM_LOG: 'INFO' },
  // Upstream ENTRYPOINT docker/prod_entrypoint.sh only adds ddtrace/newrelic/supervisord options and then runs `litellm "$@"`.
  entrypoint: ['litellm'],
  command: ['--port', '4000'],
  shell: '/bin/sh',
  requires: ['postgres'],
  database: { database: 'litellm', role: 'litellm' },
  route: {
    subdomain: 'llm',
    subPath: true,
    ownLogin: true,
    websocket: false,
    streaming: true,
    uploadMaxMb: 100,
    readTimeoutSeconds: 3600,
    bearer: true,
  },
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  // edge: it calls hosted model APIs.
  networks: ['edge', 'internal'],
  wire: wireLitellm,
  notes: [
    'No config.yaml is mounted: models are stored in the database (STORE_MODEL_IN_DB=True) and added in the admin UI at /ui.',
    'The admin UI is rewritten at start when SERVER_ROOT_PATH is set (sub-path routes); that needs a writable UI directory, ' +
      'so keep the root filesystem writable or set LITELLM_UI_PATH to a volume (docs proxy/custom_root_ui).',
    'Recent images run as UID 65532; /bin/sh in wolfi-base is assumed for the entrypoint wrapper (unverified).',
    'Redis (REDIS_HOST/REDIS_PORT/REDIS_PASSWORD) is only needed for more than one replica and is not wired.',
  ],
  ignoredFileVariables: ['LITELLM_MASTER_KEY_FILE', 'LITELLM_SALT_KEY_FILE', 'DATABASE_URL_FILE'],
  readsFileVariables: [],
};
