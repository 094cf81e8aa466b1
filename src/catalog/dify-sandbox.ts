import { createCurlTest } from './health-tests.js';
import { DIFY_SECRETS } from './dify-shared.js';
import type { CatalogEntry } from './types.js';

/** Dify's code sandbox: runs Code-node Python and JavaScript under seccomp; egress only through the SSRF proxy. */
export const difySandboxEntry: CatalogEntry = {
  id: 'dify-sandbox',
  title: 'Dify sandbox',
  category: 'platform',
  description: "Dify's code-execution sandbox",
  homepage: 'https://github.com/langgenius/dify-sandbox',
  image: { repository: 'langgenius/dify-sandbox', tag: '0.2.15' },
  port: 8194,
  protocol: 'http',
  // python slim + curl and wget (docker/templates/production.dockerfile).
  health: {
    test: createCurlTest(8194, '/health'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '30s',
    probe: { type: 'http', path: '/health' },
  },
  volumes: [
    {
      name: 'dependencies',
      target: '/dependencies',
      backup: { kind: 'volume-tar', live: true },
      description: 'extra Python packages the sandbox installs (python-requirements.txt)',
    },
    {
      name: 'conf',
      target: '/conf',
      backup: { kind: 'volume-tar', live: true },
      description: 'sandbox configuration (config.yaml)',
    },
  ],
  secrets: [
    {
      name: 'api-key',
      kind: 'base64-48',
      variable: 'API_KEY',
      delivery: 'entrypoint',
      protects: "Dify's code sandbox: only Dify may run code in it",
    },
  ],
  environment: {
    GIN_MODE: 'release',
    WORKER_TIMEOUT: '15',
    ENABLE_NETWORK: 'true',
    HTTP_PROXY: 'http://dify-ssrf-proxy:3128',
    HTTPS_PROXY: 'http://dify-ssrf-proxy:3128',
    SANDBOX_PORT: '8194',
  },
  entrypoint: ['/entrypoint.sh'],
  shell: '/bin/bash',
  requires: ['dify-ssrf-proxy'],
  partOf: 'dify',
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  // Internal only: its way out is the SSRF proxy.
  networks: ['internal'],
  notes: [`Its API key is the one Dify sends as CODE_EXECUTION_API_KEY (${DIFY_SECRETS.sandboxApiKey}).`],
  ignoredFileVariables: ['API_KEY_FILE'],
  readsFileVariables: [],
};
