import { DIFY_DATABASE, DIFY_SHARED_NOTE, difyAppSecrets, wireDifyApp } from './dify-shared.js';
import { createCurlTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/**
 * Dify's API server: the id users enable as `dify`. It requires every other part of Dify 1.x
 * (worker, beat, web, sandbox, plugin daemon, SSRF proxy), which are `partOf: 'dify'`.
 */
export const difyEntry: CatalogEntry = {
  id: 'dify',
  title: 'Dify',
  category: 'platform',
  description:
    'LLM app platform: chatbots, agents, workflows and knowledge bases (api, worker, beat, web, sandbox, plugin daemon, SSRF proxy)',
  homepage: 'https://dify.ai',
  image: { repository: 'langgenius/dify-api', tag: '1.17.1' },
  port: 5001,
  protocol: 'http',
  // The api image has curl (upstream compose probes with it).
  health: {
    test: createCurlTest(5001, '/health'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '120s',
    probe: { type: 'http', path: '/health' },
  },
  volumes: [
    {
      name: 'storage',
      target: '/app/api/storage',
      backup: { kind: 'volume-tar', live: true },
      description: 'uploaded files and generated assets (shared with dify-worker)',
    },
  ],
  secrets: [
    ...difyAppSecrets(true),
    {
      name: 'init-password',
      // Dify caps the setup password at 30 characters (controllers/console/init_validate.py).
      kind: 'password-24',
      variable: 'INIT_PASSWORD',
      delivery: 'entrypoint',
      protects: 'the /install page that creates the first Dify admin',
    },
  ],
  environment: {},
  // ENTRYPOINT ["/bin/bash", "/entrypoint.sh"] (api/Dockerfile); MODE selects api/worker/beat.
  entrypoint: ['/bin/bash', '/entrypoint.sh'],
  shell: '/bin/bash',
  requires: [
    'dify-beat',
    'dify-plugin-daemon',
    'dify-sandbox',
    'dify-ssrf-proxy',
    'dify-web',
    'dify-worker',
    'postgres',
    'qdrant',
    'redis',
  ],
  database: DIFY_DATABASE,
  route: {
    subdomain: 'dify',
    subPath: false,
    ownLogin: true,
    websocket: false,
    streaming: true,
    uploadMaxMb: 100,
    readTimeoutSeconds: 3600,
    // The upstream docker/nginx route table: the web app at /, the API under these prefixes.
    locations: [
      { path: '/', service: 'dify-web', port: 3000 },
      { path: '/console/api', service: 'dify', port: 5001 },
      { path: '/api', service: 'dify', port: 5001 },
      { path: '/v1', service: 'dify', port: 5001 },
      { path: '/files', service: 'dify', port: 5001 },
      { path: '/mcp', service: 'dify', port: 5001 },
      { path: '/triggers', service: 'dify', port: 5001 },
      { path: '/e/', service: 'dify-plugin-daemon', port: 5002 },
    ],
  },
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  // edge: model-provider APIs and the plugin marketplace.
  networks: ['edge', 'internal'],
  wire: (context) => wireDifyApp(context, 'api', context.publicUrl),
  notes: [
    DIFY_SHARED_NOTE,
    'dify-api:1.17.1 is only confirmed in third-party notes (catalog-facts: unverified).',
    'Dify needs at least 2 CPU and 4 GiB RAM in total (quick-start docs); the limits of its seven parts add up to 6 CPU and ' +
      '8.75 GiB (limits, not reservations).',
    "Qdrant is the vector store (VECTOR_STORE=qdrant) instead of upstream's default Weaviate.",
    'Not included: api_websocket (profile "collaboration"), agent_backend, local_sandbox; NEXT_PUBLIC_SOCKET_URL stays unset.',
    'Backups: pg_dump of both dify and dify_plugin, a Qdrant snapshot, and the storage volumes.',
    'Files uploaded through the api are owned by UID 1001 (upstream init_permissions chowns the storage directory).',
  ],
  ignoredFileVariables: ['SECRET_KEY_FILE', 'DB_PASSWORD_FILE', 'REDIS_PASSWORD_FILE', 'INIT_PASSWORD_FILE', 'CODE_EXECUTION_API_KEY_FILE'],
  readsFileVariables: [],
};
