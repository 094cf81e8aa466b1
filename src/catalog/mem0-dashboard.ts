import { createWgetTest } from './health-tests.js';
import { MEM0_COMMIT } from './mem0.js';
import { ownerPublicUrl } from './public-url.js';
import type { CatalogEntry } from './types.js';

/** Mem0's dashboard (Next.js, server/dashboard): login, setup wizard, memories, API keys. */
export const mem0DashboardEntry: CatalogEntry = {
  id: 'mem0-dashboard',
  title: 'Mem0 dashboard',
  category: 'memory',
  description: "Mem0's web dashboard: first-admin setup, memories, API keys",
  homepage: 'https://github.com/mem0ai/mem0/tree/main/server/dashboard',
  image: {
    repository: 'aistack/mem0-dashboard',
    tag: MEM0_COMMIT,
    pinDigest: `upstream publishes no image: build server/dashboard of mem0ai/mem0 at commit ${MEM0_COMMIT} and pin its digest`,
  },
  port: 3000,
  protocol: 'http',
  // node:20-alpine (BusyBox wget); upstream compose probes /api/health with wget.
  health: {
    test: createWgetTest(3000, '/api/health'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '30s',
    probe: { type: 'http', path: '/api/health' },
  },
  volumes: [],
  secrets: [],
  environment: { API_INTERNAL_URL: 'http://mem0:8000', NEXT_PUBLIC_INSTANCE_NAME: 'Mem0' },
  requires: [],
  partOf: 'mem0',
  route: {
    subdomain: 'memory-ui',
    subPath: false,
    ownLogin: true,
    websocket: false,
    streaming: false,
    uploadMaxMb: 10,
    readTimeoutSeconds: 300,
  },
  resources: { memoryMb: 512, cpus: 0.5, pids: 256 },
  networks: ['edge'],
  // entrypoint.sh writes NEXT_PUBLIC_* into the build at start; the browser calls the API there.
  wire: (context) => ({ environment: { NEXT_PUBLIC_API_URL: ownerPublicUrl(context, 'mem0', 'memory') } }),
  notes: [
    `Successor of openmemory-ui (deprecated alias). Built from server/dashboard/Dockerfile at mem0ai/mem0 ${MEM0_COMMIT}; runs as user nextjs (UID 1001).`,
    "The browser calls the API at mem0's public URL (NEXT_PUBLIC_API_URL); the API allows only this dashboard's origin (DASHBOARD_URL, CORS).",
  ],
};
