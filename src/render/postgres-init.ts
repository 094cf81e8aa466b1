import type { Stack } from '../stack/types.js';
import type { RenderedFile } from './types.js';
import { GENERATED_NOTICE } from './types.js';

/**
 * The first-start script that gives each application its own PostgreSQL database and role.
 * Passwords are read from the mounted secret files by psql itself (a backtick `\set`), so they
 * never appear in this file, in the environment or on a command line. Like every
 * /docker-entrypoint-initdb.d script it runs only on an empty data directory; `aistack` adds
 * databases to a running server itself.
 */
export function renderPostgresInit(stack: Stack): RenderedFile[] {
  if (stack.databases.length === 0) return [];
  const extensions = stack.databases.flatMap((database) =>
    (database.extensions ?? []).map((extension) => ({ database: database.database, extension })),
  );
  const lines = [
    '#!/bin/bash',
    `# ${GENERATED_NOTICE}`,
    'set -euo pipefail',
    '',
    'create_database() {',
    '  local role="$1" database="$2" password_file="$3"',
    '  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \\',
    '    --set=role="$role" --set=database="$database" --set=password_file="$password_file" <<\'SQL\'',
    '\\set password `cat :password_file`',
    "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')",
    "  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \\gexec",
    "SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role')",
    "  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \\gexec",
    "SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'database') \\gexec",
    'SQL',
    '}',
    '',
    ...(extensions.length > 0
      ? [
          "# Extensions the app role may not create itself (not trusted, e.g. pgvector's `vector`).",
          'create_extension() {',
          '  local database="$1" extension="$2"',
          '  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$database" --set=extension="$extension" <<\'SQL\'',
          "SELECT format('CREATE EXTENSION IF NOT EXISTS %I', :'extension') \\gexec",
          'SQL',
          '}',
          '',
        ]
      : []),
    ...stack.databases.map((database) => `create_database ${database.role} ${database.database} /run/secrets/${database.passwordSecret}`),
    ...extensions.map(({ database, extension }) => `create_extension ${database} ${extension}`),
    '',
  ];
  return [{ path: 'postgres-init/10-aistack-databases.sh', content: lines.join('\n'), mode: 0o755 }];
}
