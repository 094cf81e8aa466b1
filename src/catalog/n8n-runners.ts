import { createWgetTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** n8n task runners: the sidecar that runs Code-node JavaScript and Python away from n8n itself. */
export const n8nRunnersEntry: CatalogEntry = {
  id: 'n8n-runners',
  title: 'n8n task runners',
  category: 'automation',
  description: 'Sidecar that runs n8n Code-node JavaScript and Python in isolation (external runner mode)',
  homepage: 'https://docs.n8n.io/hosting/configuration/task-runners/',
  image: { repository: 'n8nio/runners', tag: '2.40.1' },
  // The launcher's own health server (N8N_RUNNERS_LAUNCHER_HEALTH_CHECK_PORT).
  port: 5680,
  protocol: 'http',
  // python:3.13-alpine runtime (docker/images/runners/Dockerfile): BusyBox wget, node, python; no curl.
  health: {
    test: createWgetTest(5680, '/healthz'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '20s',
    probe: { type: 'http', path: '/healthz' },
  },
  volumes: [],
  secrets: [
    {
      name: 'auth-token',
      kind: 'hex32',
      variable: 'N8N_RUNNERS_AUTH_TOKEN',
      // The Go launcher reads its settings with go-envconfig: no *_FILE support.
      delivery: 'entrypoint',
      protects: 'the task broker: only the n8n-runners sidecar may connect and run code',
      sameAs: 'n8n-runners-auth-token',
    },
  ],
  environment: {
    N8N_RUNNERS_TASK_BROKER_URI: 'http://n8n:5679',
    N8N_RUNNERS_LAUNCHER_HEALTH_CHECK_PORT: '5680',
    N8N_RUNNERS_AUTO_SHUTDOWN_TIMEOUT: '15',
  },
  entrypoint: ['tini', '--', '/usr/local/bin/task-runner-launcher'],
  command: ['javascript', 'python'],
  shell: '/bin/sh',
  requires: [],
  partOf: 'n8n',
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  networks: ['internal'],
  notes: [
    'Not in catalog-facts.md beyond "n8nio/runners:<same tag>" (n8n-hosting withPostgres); binaries taken from docker/images/runners/Dockerfile in n8n-io/n8n.',
    'It does not wait for n8n (n8n waits for it, so enabling n8n brings it along): the launcher answers /healthz itself and keeps retrying the broker.',
    'On the internal network only: Code-node HTTP calls from inside the runner have no internet access; use an HTTP Request node instead.',
  ],
  ignoredFileVariables: ['N8N_RUNNERS_AUTH_TOKEN_FILE'],
};
