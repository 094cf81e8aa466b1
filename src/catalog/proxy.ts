import { createWgetTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** Where the rendered nginx config answers the container's own health check (loopback only). */
export const PROXY_HEALTH = { port: 8081, path: '/healthz' } as const;

/**
 * aistack's reverse proxy (nginx): the only service that publishes host ports (80, 443). Its
 * configuration, certificates and htpasswd come from the project (issue 4's proxy renderer).
 */
export const proxyEntry: CatalogEntry = {
  id: 'proxy',
  title: 'Reverse proxy',
  category: 'infrastructure',
  description: 'nginx: TLS, routing by subdomain, basic auth for services without a login, WebSocket and streaming',
  homepage: 'https://nginx.org',
  image: { repository: 'nginx', tag: '1.29.4-alpine' },
  port: 443,
  protocol: 'http',
  // nginx:alpine has BusyBox wget. The rendered config must serve
  // `listen 127.0.0.1:8081; location = /healthz { return 200; }` (not routed anywhere).
  health: {
    test: createWgetTest(PROXY_HEALTH.port, PROXY_HEALTH.path),
    interval: '10s',
    timeout: '5s',
    retries: 5,
    startPeriod: '10s',
    probe: { type: 'tcp' },
  },
  volumes: [],
  secrets: [],
  environment: {},
  entrypoint: ['/docker-entrypoint.sh'],
  command: ['nginx', '-g', 'daemon off;'],
  shell: '/bin/sh',
  requires: [],
  resources: { memoryMb: 256, cpus: 1, pids: 256 },
  // Both networks: it reaches UIs on edge and routed services that live on internal only (Qdrant).
  networks: ['edge', 'internal'],
  notes: [
    'nginx 1.29.4-alpine is not in catalog-facts.md (chosen as a recent mainline release seen pinned elsewhere); pin its digest.',
    `Contract with the proxy renderer: a loopback server on 127.0.0.1:${PROXY_HEALTH.port} answering ${PROXY_HEALTH.path} with 200 for the health check.`,
    'Upstreams must be resolved at request time through Docker DNS (resolver 127.0.0.11) so one stopped service does not stop nginx.',
  ],
};
