import { printLines } from './shell-quote.js';
import { SUPABASE_NOTE, SUPABASE_SECRETS } from './supabase-shared.js';
import type { CatalogEntry } from './types.js';

/**
 * Upstream mounts docker/volumes/db/roles.sql and jwt.sql into the init scripts: they set the
 * service roles' passwords and the JWT settings from the environment. aistack writes the same two
 * files at start (psql reads the values from the environment, so they are not in the files).
 */
const ROLES_SQL: readonly string[] = [
  '\\set pgpass `echo "$POSTGRES_PASSWORD"`',
  "ALTER USER authenticator WITH PASSWORD :'pgpass';",
  "ALTER USER pgbouncer WITH PASSWORD :'pgpass';",
  "ALTER USER supabase_auth_admin WITH PASSWORD :'pgpass';",
  "ALTER USER supabase_functions_admin WITH PASSWORD :'pgpass';",
  "ALTER USER supabase_storage_admin WITH PASSWORD :'pgpass';",
];
const JWT_SQL: readonly string[] = [
  '\\set jwt_secret `echo "$JWT_SECRET"`',
  '\\set jwt_exp `echo "$JWT_EXP"`',
  'ALTER DATABASE postgres SET "app.settings.jwt_secret" TO :\'jwt_secret\';',
  'ALTER DATABASE postgres SET "app.settings.jwt_exp" TO :\'jwt_exp\';',
];
const initDirectory = '/docker-entrypoint-initdb.d/init-scripts';
const startScript = [
  'set -e',
  `mkdir -p ${initDirectory}`,
  `${printLines(ROLES_SQL)} > ${initDirectory}/99-roles.sql`,
  `${printLines(JWT_SQL)} > ${initDirectory}/99-jwt.sql`,
  'exec docker-entrypoint.sh postgres -c config_file=/etc/postgresql/postgresql.conf -c log_min_messages=fatal',
].join('; ');

/** Supabase's own PostgreSQL (supabase/postgres: the roles and extensions Supabase needs, Traps 17). */
export const supabaseDbEntry: CatalogEntry = {
  id: 'supabase-db',
  title: 'Supabase database',
  category: 'database',
  description: "Supabase's PostgreSQL (supabase/postgres image with Supabase's roles and extensions)",
  homepage: 'https://github.com/supabase/postgres',
  image: { repository: 'supabase/postgres', tag: '17.6.1.136' },
  port: 5432,
  protocol: 'postgres',
  health: {
    test: ['CMD', 'pg_isready', '-U', 'postgres', '-h', '127.0.0.1', '-p', '5432'],
    interval: '10s',
    timeout: '5s',
    retries: 10,
    startPeriod: '60s',
    probe: { type: 'postgres' },
  },
  volumes: [
    {
      name: 'data',
      // supabase/postgres 15 and 17 alike: the data directory itself (upstream mounts ./volumes/db/data there).
      target: '/var/lib/postgresql/data',
      backup: { kind: 'pg-dump' },
      description: 'the Supabase database (auth users, your tables, settings)',
    },
  ],
  secrets: [
    {
      name: 'password',
      kind: 'password',
      variable: 'POSTGRES_PASSWORD',
      delivery: 'entrypoint',
      protects: "Supabase's database superuser and its service roles (authenticator, supabase_auth_admin …)",
    },
    {
      name: 'pgpassword',
      kind: 'password',
      variable: 'PGPASSWORD',
      delivery: 'entrypoint',
      protects: "Supabase's database superuser and its service roles (authenticator, supabase_auth_admin …)",
      sameAs: SUPABASE_SECRETS.dbPassword,
    },
    {
      name: 'jwt-secret',
      kind: 'jwt-secret',
      variable: 'JWT_SECRET',
      delivery: 'entrypoint',
      protects: 'signs every Supabase JWT (auth sessions, anon and service keys); changing it invalidates all of them',
      critical: true,
      sameAs: SUPABASE_SECRETS.jwtSecret,
    },
  ],
  environment: {
    POSTGRES_HOST: '/var/run/postgresql',
    POSTGRES_PORT: '5432',
    PGPORT: '5432',
    POSTGRES_DB: 'postgres',
    PGDATABASE: 'postgres',
    JWT_EXP: '3600',
  },
  entrypoint: ['docker-entrypoint.sh'],
  command: ['bash', '-c', startScript],
  shell: '/bin/bash',
  requires: [],
  partOf: 'supabase',
  resources: { memoryMb: 2048, cpus: 1, pids: 512 },
  networks: ['internal'],
  notes: [
    SUPABASE_NOTE,
    "The role and JWT init scripts are aistack's copies of upstream roles.sql and jwt.sql (minimum set: no realtime, " +
      'webhooks, logs or pooler scripts); like all init scripts they run on an empty data directory only.',
    'Postgres 17 (supabase/postgres:17.6.1.136, the db image of the upstream docker-compose.yml since the default moved ' +
      'from 15 to 17 the week of 2026-06-15; supabase.com/changelog/46080, published 2026-05-18; docs ' +
      'guides/self-hosting/postgres-upgrade-17; tag per field-notes.md (2026-12-01) and copies of the upstream compose at ' +
      'self-hosted/v0.8.0 (241bb11c), read 2026-12-02 — the upstream file itself was not readable here; the docs page still ' +
      'names 17.6.1.084, the image of the older docker-compose.pg17.yml override). A PG 15 data directory does not ' +
      'auto-upgrade: `aistack upgrade` blocks the step (rule supabase/postgres-17) until pg_upgrade or dump/restore is done. ' +
      'timescaledb, plv8, plcoffee and plls are not in the PG 17 images.',
    'Whether supabase/postgres:17.6.1.136 reads POSTGRES_PASSWORD_FILE is not established, so the password goes through the entrypoint wrapper.',
    'Backup with pg_dumpall (roles included) rather than per-database pg_dump.',
  ],
  ignoredFileVariables: ['JWT_SECRET_FILE'],
};
