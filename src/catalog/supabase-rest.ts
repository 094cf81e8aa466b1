import { SUPABASE_DB_HOST, SUPABASE_NOTE, SUPABASE_SECRETS } from './supabase-shared.js';
import type { CatalogEntry } from './types.js';

/**
 * Supabase's REST API (PostgREST). The image holds only the postgrest binary: no shell for a
 * wrapper and nothing to probe with but `postgrest --ready` (admin server /ready). Secrets are
 * read from files with PostgREST's own `@file` syntax.
 */
export const supabaseRestEntry: CatalogEntry = {
  id: 'supabase-rest',
  title: 'Supabase REST',
  category: 'platform',
  description: "Supabase's REST API over PostgreSQL (PostgREST)",
  homepage: 'https://postgrest.org',
  image: { repository: 'postgrest/postgrest', tag: 'v14.3' },
  port: 3000,
  protocol: 'http',
  health: {
    test: ['CMD', 'postgrest', '--ready'],
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '20s',
    probe: { type: 'tcp' },
  },
  volumes: [],
  secrets: [
    {
      name: 'jwt-secret',
      kind: 'jwt-secret',
      delivery: 'mount',
      protects: 'signs every Supabase JWT (auth sessions, anon and service keys); changing it invalidates all of them',
      critical: true,
      sameAs: SUPABASE_SECRETS.jwtSecret,
    },
    {
      name: 'db-uri',
      kind: 'password',
      delivery: 'mount',
      protects: "PostgREST's connection to Supabase's database (role authenticator)",
      derive: { from: SUPABASE_SECRETS.dbPassword, template: `postgres://authenticator:{value}@${SUPABASE_DB_HOST}:5432/postgres` },
    },
  ],
  environment: {
    PGRST_DB_URI: '@/run/secrets/supabase-rest-db-uri',
    PGRST_JWT_SECRET: `@/run/secrets/${SUPABASE_SECRETS.jwtSecret}`,
    PGRST_DB_SCHEMAS: 'public,storage,graphql_public',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_DB_USE_LEGACY_GUCS: 'false',
    PGRST_APP_SETTINGS_JWT_EXP: '3600',
    // `postgrest --ready` cannot use the special host names (`!4`, `*` …); 0.0.0.0 is not one.
    PGRST_SERVER_HOST: '0.0.0.0',
    PGRST_ADMIN_SERVER_PORT: '3001',
  },
  command: ['postgrest'],
  requires: ['supabase-db'],
  partOf: 'supabase',
  resources: { memoryMb: 256, cpus: 0.5, pids: 256 },
  networks: ['internal'],
  notes: [
    SUPABASE_NOTE,
    'supabase-rest-db-uri is derived, not generated: the secrets module writes the connection string with supabase-db-password inside (CatalogSecret.derive).',
    'PGRST_APP_SETTINGS_JWT_SECRET is not set (no @file form); the database carries app.settings.jwt_secret instead (supabase-db init).',
    'The repository name postgrest/postgrest follows the upstream compose file (not in catalog-facts.md).',
  ],
  ignoredFileVariables: ['PGRST_DB_URI_FILE', 'PGRST_JWT_SECRET_FILE'],
};
