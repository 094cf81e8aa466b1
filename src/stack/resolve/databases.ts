import type { StackDatabase } from '../types.js';
import type { ResolveContext } from './context.js';

/** One database and role per app that asks for one: catalog entries first, then custom services with `postgres: true`. */
export function resolveDatabases({ byId, custom }: ResolveContext, enabled: ReadonlySet<string>): StackDatabase[] {
  const databases: StackDatabase[] = [];
  for (const id of [...enabled].sort()) {
    const database = byId.get(id)?.database;
    if (database) databases.push({ ...database, passwordSecret: `postgres-${database.role}-password`, service: id });
  }
  for (const id of Object.keys(custom).sort()) {
    if (!custom[id]?.postgres) continue;
    const name = id.replace(/-/g, '_');
    databases.push({ database: name, role: name, passwordSecret: `postgres-${name}-password`, service: id });
  }
  return databases;
}
