import { createWgetTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** Dify's web front end (Next.js). Served at `/` of Dify's route; the API prefixes go to `dify`. */
export const difyWebEntry: CatalogEntry = {
  id: 'dify-web',
  title: 'Dify web',
  category: 'platform',
  description: "Dify's web front end",
  homepage: 'https://dify.ai',
  image: { repository: 'langgenius/dify-web', tag: '1.17.1' },
  port: 3000,
  protocol: 'http',
  // node alpine: BusyBox wget only, no curl.
  health: {
    test: createWgetTest(3000, '/'),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    probe: { type: 'http', path: '/' },
  },
  volumes: [],
  secrets: [],
  environment: {
    // Empty: the browser calls the API on the same origin (/console/api, /api).
    CONSOLE_API_URL: '',
    APP_API_URL: '',
    NEXT_TELEMETRY_DISABLED: '1',
    // Next.js standalone binds to $HOSTNAME, which Docker sets to the container id.
    HOSTNAME: '0.0.0.0',
  },
  // ENTRYPOINT ["/bin/sh", "./entrypoint.sh"] (web/Dockerfile, WORKDIR /app/web).
  entrypoint: ['/bin/sh', './entrypoint.sh'],
  shell: '/bin/sh',
  requires: [],
  partOf: 'dify',
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  networks: ['edge', 'internal'],
  notes: [
    'Sub-path serving is not possible with the prebuilt image (NEXT_PUBLIC_BASE_PATH is build-time): Dify gets its own subdomain.',
    'HOSTNAME=0.0.0.0 is set so the health check on 127.0.0.1 reaches the server (unverified whether the 1.17.1 entrypoint already does this).',
  ],
};
