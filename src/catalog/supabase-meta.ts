import { createNodeTcpTest } from './health-tests.js';
import { SUPABASE_DB_HOST, SUPABASE_NOTE, SUPABASE_SECRETS } from './supabase-shared.js';
import type { CatalogEntry } from './types.js';

/** postgres-meta: the PostgreSQL management API Studio uses. */
export const supabaseMetaEntry: CatalogEntry = {
  id: 'supabase-meta',
  title: 'Supabase postgres-meta',
  category: 'platform',
  description: 'PostgreSQL management API for Supabase Studio',
  homepage: 'https://github.com/supabase/postgres-meta',
  image: { repository: 'supabase/postgres-meta', tag: 'v0.95.2' },
  port: 8080,
  protocol: 'http',
  // A Node.js image.
  health: {
    test: createNodeTcpTest(8080),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '20s',
    probe: { type: 'tcp' },
  },
  volumes: [],
  secrets: [
    {
      name: 'db-password',
      kind: 'password',
      variable: 'PG_META_DB_PASSWORD',
      delivery: 'entrypoint',
      protects: "Supabase's database superuser and its service roles (authenticator, supabase_auth_admin …)",
      sameAs: SUPABASE_SECRETS.dbPassword,
    },
    {
      name: 'crypto-key',
      kind: 'hex16',
      variable: 'CRYPTO_KEY',
      delivery: 'entrypoint',
      protects: 'encryption of connection strings between Studio and postgres-meta',
    },
  ],
  environment: {
    PG_META_PORT: '8080',
    PG_META_DB_HOST: SUPABASE_DB_HOST,
    PG_META_DB_PORT: '5432',
    PG_META_DB_NAME: 'postgres',
    PG_META_DB_USER: 'supabase_admin',
  },
  // node:20-slim: the node image's entrypoint; upstream runs node directly because `npm run start` does not forward signals.
  entrypoint: ['docker-entrypoint.sh'],
  command: ['node', 'dist/server/server.js'],
  shell: '/bin/sh',
  requires: ['supabase-db'],
  partOf: 'supabase',
  resources: { memoryMb: 256, cpus: 0.5, pids: 256 },
  networks: ['internal'],
  notes: [
    SUPABASE_NOTE,
    'The start command `node dist/server/server.js` on a node:20-slim base is unverified for v0.95.2 (an older Dockerfile ' +
      'shipped a single pkg binary on debian:stable-slim); the health check only opens the port.',
  ],
};
