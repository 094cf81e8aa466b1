import { createWgetTest } from './health-tests.js';
import { proxyEntry } from './proxy.js';
import type { CatalogEntry } from './types.js';

/**
 * The monitor's only way to the Docker Engine: nginx (the proxy's pinned image) with a rendered
 * allowlist (src/render/docker-api-proxy.ts) in front of the read-only socket. GET on the exact
 * endpoints the monitor uses passes; archive, export, exec, attach, every other path and every
 * other method answer 403. It sits alone with the monitor on the `docker-api` network, so no
 * other container of the stack can reach it.
 */
export const dockerSocketProxyEntry: CatalogEntry = {
  id: 'docker-socket-proxy',
  title: 'Docker socket proxy',
  category: 'infrastructure',
  description: 'Allowlisted, read-only Docker API for the monitor alone',
  homepage: 'docs/security.md',
  // The same pinned nginx as the proxy: no second upstream image to trust and update.
  image: proxyEntry.image,
  port: 2375,
  protocol: 'http',
  // nginx:alpine has BusyBox wget; /_ping is allowed and answers only while the Engine does.
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
  environment: {},
  // nginx itself, not the image's entrypoint script (it would edit conf.d files this config never reads).
  entrypoint: ['nginx'],
  command: ['-g', 'daemon off;'],
  requires: [],
  resources: { memoryMb: 64, cpus: 0.25, pids: 128 },
  networks: ['docker-api'],
  hostMounts: [
    {
      source: '/var/run/docker.sock',
      target: '/var/run/docker.sock',
      readOnly: true,
      reason: 'the socket proxy is the one service allowed to talk to Docker; it passes on allowlisted GET calls only',
    },
  ],
  notes: [
    'Replaces tecnativa/docker-socket-proxy, whose CONTAINERS=1 allows every GET under /containers, ' +
      '/containers/{id}/archive included (any container on the network could read /run/secrets of every other).',
    "nginx's workers run as root (`user root;` in the rendered config) to open the root:docker 0660 socket; the :ro mount " +
      'does not make the API read-only, the allowlist does.',
    'The rendered docker-socket-proxy/nginx.conf is mounted as /etc/nginx/nginx.conf; change the allowlist in src/render/docker-api-proxy.ts, never by hand.',
  ],
  readsFileVariables: [],
};
