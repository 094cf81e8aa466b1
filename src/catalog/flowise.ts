import { createCurlTest } from './health-tests.js';
import { postgresPasswordSecret } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wireFlowise(context: WiringContext): Wiring {
  const environment: Record<string, string> = { APP_URL: context.publicUrl };
  const secretEnv: WiringSecretEnv[] = [];
  const database = context.database;
  if (database) {
    Object.assign(environment, {
      DATABASE_TYPE: 'postgres',
      DATABASE_HOST: database.host,
      DATABASE_PORT: String(database.port),
      DATABASE_NAME: database.database,
      DATABASE_USER: database.role,
    });
    // DataSource.ts reads the plain environment variables: no *_FILE.
    secretEnv.push({ variable: 'DATABASE_PASSWORD', secret: postgresPasswordSecret(database.role), delivery: 'entrypoint' });
  }
  return { environment, secretEnv };
}

const envOnly = (name: string, variable: string, protects: string, critical = false) =>
  ({ name, kind: 'hex32', variable, delivery: 'entrypoint', protects, ...(critical ? { critical } : {}) }) as const;

/** Flowise: drag-and-drop LLM flows and agents. Own accounts; the first visitor registers the admin. */
export const flowiseEntry: CatalogEntry = {
  id: 'flowise',
  title: 'Flowise',
  category: 'automation',
  description: 'Visual builder for LLM chains, agents and RAG flows',
  homepage: 'https://flowiseai.com',
  image: {
    repository: 'flowiseai/flowise',
    tag: '3.1.3',
    pinDigest:
      'Docker tags come from a manual workflow input and the image runs `npm install -g flowise` at build time: pin the digest you pulled',
  },
  port: 3000,
  protocol: 'http',
  // The image has curl (upstream compose probes with it).
  health: {
    test: createCurlTest(3000, '/api/v1/ping'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    probe: { type: 'http', path: '/api/v1/ping' },
  },
  volumes: [
    {
      name: 'data',
      target: '/root/.flowise',
      backup: { kind: 'volume-tar', live: true },
      description: 'encryption key file, uploaded files and logs (flows live in PostgreSQL)',
    },
  ],
  secrets: [
    envOnly(
      'secret-key',
      'FLOWISE_SECRETKEY_OVERWRITE',
      'encryption of credentials stored in Flowise; losing it makes them unrecoverable',
      true,
    ),
    envOnly('jwt-auth-token-secret', 'JWT_AUTH_TOKEN_SECRET', 'Flowise login tokens'),
    envOnly('jwt-refresh-token-secret', 'JWT_REFRESH_TOKEN_SECRET', 'Flowise refresh tokens'),
    envOnly('express-session-secret', 'EXPRESS_SESSION_SECRET', 'Flowise sessions'),
    envOnly('token-hash-secret', 'TOKEN_HASH_SECRET', 'hashes of Flowise API and reset tokens'),
  ],
  environment: {
    PORT: '3000',
    NUMBER_OF_PROXIES: '1',
    TRUST_PROXY: 'true',
    BLOB_STORAGE_PATH: '/root/.flowise/storage',
    LOG_PATH: '/root/.flowise/logs',
    SECRETKEY_PATH: '/root/.flowise',
    FLOWISE_FILE_SIZE_LIMIT: '50mb',
    DISABLE_FLOWISE_TELEMETRY: 'true',
  },
  // docker/Dockerfile: node alpine, WORKDIR /data, starts `flowise start`.
  command: ['flowise', 'start'],
  shell: '/bin/sh',
  requires: ['postgres'],
  database: { database: 'flowise', role: 'flowise' },
  route: {
    subdomain: 'flowise',
    subPath: false,
    ownLogin: true,
    websocket: false,
    streaming: true,
    uploadMaxMb: 50,
    readTimeoutSeconds: 1800,
  },
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  networks: ['edge', 'internal'],
  wire: wireFlowise,
  notes: [
    'The published image runs as root, so the data volume is /root/.flowise (the repo-root Dockerfile runs as node: /home/node/.flowise).',
    'The start command `flowise start` follows docker/Dockerfile; the exact ENTRYPOINT/CMD form of 3.1.3 is unverified.',
  ],
  ignoredFileVariables: [
    'DATABASE_PASSWORD_FILE',
    'FLOWISE_SECRETKEY_OVERWRITE_FILE',
    'FLOWISE_PASSWORD_FILE',
    'JWT_AUTH_TOKEN_SECRET_FILE',
    'JWT_REFRESH_TOKEN_SECRET_FILE',
    'EXPRESS_SESSION_SECRET_FILE',
    'TOKEN_HASH_SECRET_FILE',
  ],
  readsFileVariables: [],
};
