import { createWgetTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/**
 * A least-privilege Docker API proxy (HAProxy): read-only access to containers, events, info,
 * images, ping and version; every POST and every other API section answers 403. The only
 * service that mounts the Docker socket, read-only, on the internal network only.
 */
export const dockerSocketProxyEntry: CatalogEntry = {
  id: 'docker-socket-proxy',
  title: 'Docker socket proxy',
  category: 'infrastructure',
  description: 'Read-only, least-privilege Docker API for the monitor',
  homepage: 'https://github.com/Tecnativa/docker-socket-proxy',
  image: {
    repository: 'tecnativa/docker-socket-proxy',
    tag: 'v0.4.1',
    pinDigest: 'not in catalog-facts.md; the tag was taken from compose files that pin it; pin the digest you pulled',
  },
  port: 2375,
  protocol: 'http',
  // haproxy:*-alpine base: BusyBox wget. /_ping is allowed (PING=1).
  health: {
    test: createWgetTest(2375, '/_ping'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '5s',
    probe: { type: 'http', path: '/_ping' },
  },
  volumes: [],
  secrets: [],
  environment: {
    CONTAINERS: '1',
    EVENTS: '1',
    IMAGES: '1',
    INFO: '1',
    PING: '1',
    VERSION: '1',
    POST: '0',
    AUTH: '0',
    BUILD: '0',
    COMMIT: '0',
    CONFIGS: '0',
    DISTRIBUTION: '0',
    EXEC: '0',
    GRPC: '0',
    NETWORKS: '0',
    NODES: '0',
    PLUGINS: '0',
    SECRETS: '0',
    SERVICES: '0',
    SESSION: '0',
    SWARM: '0',
    SYSTEM: '0',
    TASKS: '0',
    VOLUMES: '0',
    ALLOW_START: '0',
    ALLOW_STOP: '0',
    ALLOW_RESTARTS: '0',
    LOG_LEVEL: 'warning',
  },
  requires: [],
  resources: { memoryMb: 64, cpus: 0.25, pids: 128 },
  networks: ['internal'],
  hostMounts: [
    {
      source: '/var/run/docker.sock',
      target: '/var/run/docker.sock',
      readOnly: true,
      reason: 'the socket proxy is the one service allowed to talk to Docker; it passes on read-only API calls only',
    },
  ],
  notes: [
    'Runs as root (USER root upstream) to open the socket; the :ro mount does not make the API read-only, POST=0 does.',
    'CONTAINERS=1 also allows GET /containers/{id}/logs and /stats, which the monitor needs; EXEC stays 0.',
    'Not in catalog-facts.md: image and variables from Tecnativa/docker-socket-proxy (Dockerfile, README).',
  ],
  readsFileVariables: [],
};
