import { RELATIVE_PATHS } from '../project-layout.js';
import type { StackDatabase } from '../types.js';
import { INFRASTRUCTURE } from './context.js';
import type { ServiceAddition } from './infrastructure.js';
import { databasePasswordProtects } from './secrets.js';

/** The shared PostgreSQL: every role's password (it owns them and changes them live) and the init scripts that create them. */
export function resolvePostgres(databases: readonly StackDatabase[]): ServiceAddition | undefined {
  if (databases.length === 0) return undefined;
  return {
    service: INFRASTRUCTURE.postgres,
    secrets: databases.map((database) => database.passwordSecret),
    files: [{ source: RELATIVE_PATHS.postgresInit, target: '/docker-entrypoint-initdb.d' }],
    secretUses: databases.map((database) => ({
      name: database.passwordSecret,
      service: INFRASTRUCTURE.postgres,
      description: {
        kind: 'password',
        protects: databasePasswordProtects(database),
        critical: false,
        live: { kind: 'postgres-role', service: INFRASTRUCTURE.postgres, role: database.role },
      },
      owner: true,
    })),
  };
}
