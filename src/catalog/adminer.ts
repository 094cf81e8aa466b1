import { createCurlTest } from './health-tests.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wireAdminer(context: WiringContext): Wiring {
  const server = ['postgres', 'supabase-db'].find((id) => context.enabled.has(id));
  return server ? { environment: { ADMINER_DEFAULT_SERVER: server } } : {};
}

/** Adminer: a database admin page. Its only login is the database's, so the proxy adds basic auth. */
export const adminerEntry: CatalogEntry = {
  id: 'adminer',
  title: 'Adminer',
  category: 'admin',
  description: 'Web database admin for PostgreSQL (one PHP page)',
  homepage: 'https://www.adminer.org',
  image: { repository: 'adminer', tag: '6.0.1' },
  port: 8080,
  protocol: 'http',
  // php:8.4-alpine provides curl.
  health: {
    test: createCurlTest(8080, '/'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '10s',
    probe: { type: 'http', path: '/' },
  },
  volumes: [],
  secrets: [],
  environment: {},
  requires: [],
  route: {
    subdomain: 'adminer',
    subPath: false,
    ownLogin: false,
    websocket: false,
    streaming: false,
    // PHP upload and post limits are 128M.
    uploadMaxMb: 128,
    readTimeoutSeconds: 300,
  },
  resources: { memoryMb: 256, cpus: 0.5, pids: 128 },
  networks: ['edge', 'internal'],
  wire: wireAdminer,
  notes: [
    'It can reach every host on its networks with any credentials typed in: it stays behind proxy basic auth (add an IP allow-list for more).',
    'Sub-path serving is unverified upstream, so only a subdomain is offered.',
  ],
  readsFileVariables: [],
};
