import { DIFY_PLUGIN_DATABASE, DIFY_SECRETS } from './dify-shared.js';
import { createBashHttpTest } from './health-tests.js';
import { ownerPublicUrl } from './public-url.js';
import { REDIS_PASSWORD_SECRET, postgresPasswordSecret } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wirePluginDaemon(context: WiringContext): Wiring {
  const database = context.database ?? { ...DIFY_PLUGIN_DATABASE, host: 'postgres', port: 5432 };
  return {
    environment: {
      DB_TYPE: 'postgresql',
      DB_HOST: database.host,
      DB_PORT: String(database.port),
      DB_USERNAME: database.role,
      DB_DATABASE: database.database,
      DB_SSL_MODE: 'disable',
      REDIS_HOST: 'redis',
      REDIS_PORT: '6379',
      DIFY_INNER_API_URL: 'http://dify:5001',
      PLUGIN_REMOTE_INSTALLING_HOST: '0.0.0.0',
      PLUGIN_REMOTE_INSTALLING_PORT: '5003',
      ENDPOINT_URL_TEMPLATE: `${ownerPublicUrl(context, 'dify', 'dify')}/e/{hook_id}`,
    },
    secretEnv: [
      { variable: 'DB_PASSWORD', secret: postgresPasswordSecret(database.role), delivery: 'entrypoint' },
      { variable: 'REDIS_PASSWORD', secret: REDIS_PASSWORD_SECRET, delivery: 'entrypoint' },
    ],
  };
}

/** Dify's plugin daemon: installs and runs Dify plugins; its own database `dify_plugin`. */
export const difyPluginDaemonEntry: CatalogEntry = {
  id: 'dify-plugin-daemon',
  title: 'Dify plugin daemon',
  category: 'platform',
  description: "Dify's plugin runtime",
  homepage: 'https://github.com/langgenius/dify-plugin-daemon',
  image: { repository: 'langgenius/dify-plugin-daemon', tag: '0.6.10-local' },
  port: 5002,
  protocol: 'http',
  // ubuntu:24.04 base: bash is certain; catalog-facts also reports curl.
  health: {
    test: createBashHttpTest(5002, '/health/check'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    probe: { type: 'http', path: '/health/check' },
  },
  volumes: [
    {
      name: 'storage',
      target: '/app/storage',
      backup: { kind: 'volume-tar', live: true },
      description: 'installed plugins, package cache and plugin working directories',
    },
  ],
  secrets: [
    {
      name: 'server-key',
      kind: 'base64-48',
      variable: 'SERVER_KEY',
      delivery: 'entrypoint',
      protects: "Dify's plugin daemon API",
    },
    {
      name: 'inner-api-key',
      kind: 'base64-48',
      variable: 'DIFY_INNER_API_KEY',
      delivery: 'entrypoint',
      protects: "calls from Dify's plugin daemon to Dify's inner API",
      sameAs: DIFY_SECRETS.innerApiKey,
    },
  ],
  environment: {
    SERVER_PORT: '5002',
    PLUGIN_WORKING_PATH: '/app/storage/cwd',
    PLUGIN_STORAGE_TYPE: 'local',
    PLUGIN_STORAGE_LOCAL_ROOT: '/app/storage',
    PLUGIN_INSTALLED_PATH: 'plugin',
    PLUGIN_PACKAGE_CACHE_PATH: 'plugin_packages',
    PLUGIN_MEDIA_CACHE_PATH: 'assets',
    FORCE_VERIFYING_SIGNATURE: 'true',
    PYTHON_ENV_INIT_TIMEOUT: '120',
    PLUGIN_MAX_EXECUTION_TIMEOUT: '600',
  },
  // No ENTRYPOINT; CMD ["/bin/bash", "-c", "/app/entrypoint.sh"] (docker/local.dockerfile).
  command: ['/bin/bash', '-c', '/app/entrypoint.sh'],
  shell: '/bin/bash',
  requires: ['postgres', 'redis'],
  partOf: 'dify',
  database: DIFY_PLUGIN_DATABASE,
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  // edge: it downloads plugins and their Python packages.
  networks: ['edge', 'internal'],
  wire: wirePluginDaemon,
  notes: [
    'The remote plugin-debugging port 5003 is not published.',
    'Health check uses bash /dev/tcp rather than curl: bash is certain in the ubuntu base, curl is reported by ' +
      'catalog-facts but not installed by the Dockerfile read.',
  ],
  ignoredFileVariables: ['SERVER_KEY_FILE', 'DB_PASSWORD_FILE'],
  readsFileVariables: [],
};
