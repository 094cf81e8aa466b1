import { createNodeHttpTest } from './health-tests.js';
import { ownerPublicUrl } from './public-url.js';
import type { CatalogEntry } from './types.js';

/** OpenMemory's optional dashboard (Next.js). */
export const openmemoryUiEntry: CatalogEntry = {
  id: 'openmemory-ui',
  title: 'OpenMemory UI',
  category: 'memory',
  description: "OpenMemory's web dashboard (optional)",
  homepage: 'https://github.com/mem0ai/mem0',
  image: {
    repository: 'aistack/openmemory-ui',
    tag: '540d23d6',
    pinDigest: 'upstream publishes only mem0/openmemory-ui:latest: build openmemory/ui at commit 540d23d6 or pin a digest of that image',
  },
  port: 3000,
  protocol: 'http',
  health: {
    test: createNodeHttpTest(3000, '/'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '30s',
    probe: { type: 'http', path: '/' },
  },
  volumes: [],
  secrets: [],
  environment: { NEXT_PUBLIC_USER_ID: 'aistack', HOSTNAME: '0.0.0.0' },
  requires: ['openmemory'],
  partOf: 'openmemory',
  route: {
    subdomain: 'memory-ui',
    subPath: false,
    ownLogin: false,
    websocket: false,
    streaming: false,
    uploadMaxMb: 10,
    readTimeoutSeconds: 60,
  },
  resources: { memoryMb: 512, cpus: 0.5, pids: 256 },
  networks: ['edge'],
  // The API URL is written into the build by `sed` at container start.
  wire: (context) => ({ environment: { NEXT_PUBLIC_API_URL: ownerPublicUrl(context, 'openmemory', 'memory') } }),
  notes: [
    'Sunset upstream, like openmemory; no version tags (build from commit 540d23d6).',
    "The browser calls the API at openmemory's public URL (WiringContext.publicUrlOf, else https://memory.<domain>); both sit behind proxy basic auth.",
    'Health uses node fetch: the UI is a Node.js app; whether BusyBox wget is also present is unverified.',
  ],
};
