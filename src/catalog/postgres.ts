import type { CatalogEntry } from './types.js';

/**
 * The image the shared server runs while a database needs pgvector (CatalogDatabase.extensions):
 * pgvector/pgvector builds pgvector 0.8.6 on `postgres:18-trixie` (its Dockerfile and README,
 * pgvector/pgvector@e48241b, read 2026-12-02). Same major and Debian release as the `postgres`
 * entry, so it opens the same data directory with the same collations; keep the two in step.
 */
export const POSTGRES_VECTOR_IMAGE = { repository: 'pgvector/pgvector', tag: '0.8.6-pg18-trixie' } as const;

/**
 * PostgreSQL: the shared database. Each app that declares `database` gets its own database,
 * role and password, created by the init script aistack renders (first start only, Traps 7).
 */
export const postgresEntry: CatalogEntry = {
  id: 'postgres',
  title: 'PostgreSQL',
  category: 'database',
  description: 'Shared PostgreSQL server; every app gets its own database and role',
  homepage: 'https://www.postgresql.org',
  image: { repository: 'postgres', tag: '18.6' },
  port: 5432,
  protocol: 'postgres',
  // No curl or wget (wget is purged in the Dockerfile); pg_isready ships with the server.
  health: {
    test: ['CMD', 'pg_isready', '-U', 'postgres', '-d', 'postgres', '-h', '127.0.0.1', '-p', '5432'],
    interval: '10s',
    timeout: '5s',
    retries: 10,
    startPeriod: '30s',
    probe: { type: 'postgres' },
  },
  volumes: [
    {
      name: 'data',
      // PostgreSQL 18+: the volume is /var/lib/postgresql (PGDATA=/var/lib/postgresql/18/docker);
      // mounting the old /var/lib/postgresql/data leaves the data in an anonymous volume (Traps 6).
      target: '/var/lib/postgresql',
      backup: { kind: 'pg-dump' },
      description: 'all databases of the shared server',
    },
  ],
  secrets: [
    {
      name: 'password',
      kind: 'password',
      variable: 'POSTGRES_PASSWORD',
      // docker-entrypoint.sh file_env: POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, POSTGRES_INITDB_ARGS.
      delivery: 'file-variable',
      fileVariable: 'POSTGRES_PASSWORD_FILE',
      protects: 'the PostgreSQL superuser "postgres" (administration, backups, creating app databases)',
      // Read only when the data directory is initialised; afterwards the role's password lives in the server.
      live: { kind: 'postgres-role', role: 'postgres' },
    },
  ],
  environment: {
    POSTGRES_USER: 'postgres',
    POSTGRES_DB: 'postgres',
    POSTGRES_INITDB_ARGS: '--auth-host=scram-sha-256',
  },
  entrypoint: ['docker-entrypoint.sh'],
  command: ['postgres'],
  shell: '/bin/bash',
  requires: [],
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  networks: ['internal'],
  notes: [
    'A major upgrade (18 → 19) needs pg_dump/pg_restore or pg_upgrade; the image tag alone does not migrate data.',
    'Databases added after the first start are created by aistack on the running server: init scripts run only on an empty data directory.',
    'While a service needs pgvector (mem0), the server runs ' +
      `${POSTGRES_VECTOR_IMAGE.repository}:${POSTGRES_VECTOR_IMAGE.tag} instead (postgres:18-trixie plus pgvector 0.8.6: its ` +
      'Dockerfile and README at pgvector/pgvector@e48241b, read 2026-12-02; same data directory); an explicit ' +
      'services.postgres.image or images.overrides.postgres is kept and must have pgvector. pgvector is not a trusted ' +
      'extension, so aistack creates it as superuser in that database (pgvector#288, #1017). Pin its digest: the tag is ' +
      'rebuilt on new 18.x releases.',
  ],
  ignoredFileVariables: ['PGPASSWORD_FILE', 'POSTGRES_HOST_AUTH_METHOD_FILE'],
  readsFileVariables: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
};
