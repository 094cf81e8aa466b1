import { createNodeHttpTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** aistack's monitor and dashboard (`aistack serve`), reading Docker only through the socket proxy. */
export const monitorEntry: CatalogEntry = {
  id: 'monitor',
  title: 'aistack monitor',
  category: 'infrastructure',
  description: 'Health, resources, logs, alerts and Prometheus metrics of the stack, with a dashboard',
  homepage: 'docs/monitor.md',
  image: { repository: 'aistack/aistack', tag: '0.1.0' },
  port: 8090,
  protocol: 'http',
  // Node.js image: global fetch; /livez is the one unauthenticated endpoint.
  health: {
    test: createNodeHttpTest(8090, '/livez'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '15s',
    probe: { type: 'http', path: '/livez' },
  },
  volumes: [
    {
      name: 'data',
      target: '/var/lib/aistack',
      // SQLite in WAL mode: archive it stopped (or through SQLite's backup API).
      backup: { kind: 'volume-tar', live: false },
      description: 'monitor history, alerts and settings (SQLite)',
    },
  ],
  secrets: [
    {
      name: 'admin-password',
      kind: 'password',
      variable: 'AISTACK_ADMIN_PASSWORD',
      delivery: 'file-variable',
      fileVariable: 'AISTACK_ADMIN_PASSWORD_FILE',
      protects: 'the monitor dashboard login (user "admin")',
    },
    {
      name: 'metrics-token',
      kind: 'hex32',
      variable: 'AISTACK_METRICS_TOKEN',
      delivery: 'file-variable',
      fileVariable: 'AISTACK_METRICS_TOKEN_FILE',
      protects: 'the Prometheus /metrics endpoint (Authorization: Bearer)',
    },
  ],
  environment: {
    // Listen on the container's network so the proxy can reach it (the default is loopback).
    AISTACK_HOST: '0.0.0.0',
    AISTACK_PORT: '8090',
    AISTACK_SECRETS_DIRECTORY: '/run/secrets',
    AISTACK_DATA_DIRECTORY: '/var/lib/aistack',
    DOCKER_HOST: 'tcp://docker-socket-proxy:2375',
  },
  // The project's aistack.yaml is mounted read-only at /project (resolve adds the mount).
  command: ['--directory', '/project', 'serve'],
  requires: ['docker-socket-proxy'],
  route: {
    subdomain: 'monitor',
    subPath: false,
    ownLogin: true,
    websocket: true,
    streaming: true,
    uploadMaxMb: 1,
    readTimeoutSeconds: 3600,
    bearer: true,
  },
  resources: { memoryMb: 512, cpus: 1, pids: 256 },
  // docker-api: the socket proxy's own network, shared with nobody else.
  networks: ['docker-api', 'edge', 'internal'],
  notes: [
    "aistack's own image reads the *_FILE variables above itself; the variable names are this catalog's proposal to the " +
      'monitor (issue 6) and must match src/server.',
    'Resolve mounts the secrets its PostgreSQL and Redis probes log in with, and aistack.yaml at /project.',
  ],
};
