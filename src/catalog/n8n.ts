import { createWgetTest } from './health-tests.js';
import { parsePublicUrl } from './public-url.js';
import { postgresPasswordSecret } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogEntry, Wiring, WiringContext } from './types.js';

function wireN8n(context: WiringContext): Wiring {
  const url = parsePublicUrl(context.publicUrl);
  const environment: Record<string, string> = {
    N8N_HOST: url.hostname,
    N8N_PROTOCOL: url.protocol,
    N8N_EDITOR_BASE_URL: url.withSlash,
    // WEBHOOK_URL is deprecated from 2.35.0 (Traps 12).
    N8N_WEBHOOK_URL: url.withSlash,
  };
  // Sub-path: N8N_PATH behind a prefix-stripping proxy (n8n-hosting docker-compose/subfolderWithSSL).
  if (url.path !== '') environment.N8N_PATH = `${url.path}/`;
  const secretEnv: WiringSecretEnv[] = [];
  const database = context.database;
  if (database) {
    Object.assign(environment, {
      DB_POSTGRESDB_HOST: database.host,
      DB_POSTGRESDB_PORT: String(database.port),
      DB_POSTGRESDB_DATABASE: database.database,
      DB_POSTGRESDB_USER: database.role,
    });
    // n8n reads *_FILE for every @Env setting (packages/@n8n/config/src/decorators.ts).
    secretEnv.push({
      variable: 'DB_POSTGRESDB_PASSWORD',
      secret: postgresPasswordSecret(database.role),
      delivery: 'file-variable',
      fileVariable: 'DB_POSTGRESDB_PASSWORD_FILE',
    });
  }
  return { environment, secretEnv };
}

/** n8n: workflow automation. Its Code node runs in the `n8n-runners` sidecar. */
export const n8nEntry: CatalogEntry = {
  id: 'n8n',
  title: 'n8n',
  category: 'automation',
  description: 'Workflow automation with 400+ integrations and AI agent nodes',
  homepage: 'https://n8n.io',
  nonRootUser: { uid: 1000, gid: 1000 },
  image: { repository: 'n8nio/n8n', tag: '2.40.1' },
  port: 5678,
  protocol: 'http',
  // node:22-alpine base: BusyBox wget, no curl.
  health: {
    test: createWgetTest(5678, '/healthz'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    // /healthz/readiness: the database is connected and migrated.
    probe: { type: 'http', path: '/healthz/readiness' },
  },
  volumes: [
    {
      name: 'data',
      target: '/home/node/.n8n',
      backup: { kind: 'volume-tar', live: true },
      description: 'n8n settings, binary data and community nodes (workflows and credentials are in PostgreSQL)',
    },
  ],
  secrets: [
    {
      name: 'encryption-key',
      kind: 'hex32',
      variable: 'N8N_ENCRYPTION_KEY',
      delivery: 'file-variable',
      fileVariable: 'N8N_ENCRYPTION_KEY_FILE',
      protects: 'encryption of every credential stored in n8n; losing it makes them unrecoverable',
      critical: true,
    },
    {
      name: 'runners-auth-token',
      kind: 'hex32',
      variable: 'N8N_RUNNERS_AUTH_TOKEN',
      delivery: 'file-variable',
      fileVariable: 'N8N_RUNNERS_AUTH_TOKEN_FILE',
      protects: 'the task broker: only the n8n-runners sidecar may connect and run code',
    },
  ],
  environment: {
    DB_TYPE: 'postgresdb',
    N8N_PORT: '5678',
    N8N_PROXY_HOPS: '1',
    N8N_RUNNERS_ENABLED: 'true',
    N8N_RUNNERS_MODE: 'external',
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '0.0.0.0',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  },
  // ENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]; no CMD (the script starts n8n).
  entrypoint: ['tini', '--', '/docker-entrypoint.sh'],
  shell: '/bin/sh',
  requires: ['n8n-runners', 'postgres'],
  database: { database: 'n8n', role: 'n8n' },
  route: {
    subdomain: 'n8n',
    subPath: true,
    ownLogin: true,
    websocket: true,
    streaming: true,
    uploadMaxMb: 64,
    readTimeoutSeconds: 600,
  },
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  networks: ['edge', 'internal'],
  wire: wireN8n,
  notes: [
    'Image from Docker Hub (n8nio/n8n); docker.n8n.io/n8nio/n8n is the same image.',
    'n8n reads *_FILE values verbatim (no trim): secret files must not end with a newline.',
    'The owner account is created by the first visitor; open the URL right after the first start.',
    'Backups: pg_dump of the n8n database plus the encryption key; `n8n export:workflow --all` / `export:credentials --all` ' +
      'are extra safety (not re-verified).',
  ],
  ignoredFileVariables: ['WEBHOOK_URL_FILE'],
  readsFileVariables: 'every-setting',
};
