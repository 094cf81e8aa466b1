import { closest } from 'fastest-levenshtein';
import { BackupError } from '../errors.js';
import type { Stack, StackDatabase, StackVolume } from '../stack/types.js';

/** One thing a backup does, decided from the Stack alone (pure). */
export type BackupItem =
  | { readonly kind: 'pg-dump'; readonly service: string; readonly database: StackDatabase }
  | { readonly kind: 'redis-rdb'; readonly service: string; readonly volume: StackVolume }
  | { readonly kind: 'qdrant-snapshot'; readonly service: string; readonly volume: StackVolume }
  | { readonly kind: 'volume-tar'; readonly service: string; readonly volume: StackVolume; readonly live: boolean }
  | { readonly kind: 'config'; readonly service: 'config' };

export interface BackupPlan {
  readonly items: readonly BackupItem[];
  readonly skipped: readonly { readonly service: string; readonly volume: string; readonly reason: string }[];
}

/** The name that selects the project's own files (aistack.yaml, secrets, TLS). */
export const CONFIG_SELECTOR = 'config';

/**
 * What `aistack backup [svc…]` does: per application database a pg_dump; per volume its catalog
 * method; the project's own files. A service name selects its volumes and its database; `postgres`
 * selects every database. Unknown names fail with a suggestion.
 */
export function planBackup(stack: Stack, selection: readonly string[] = []): BackupPlan {
  const known = new Set([...stack.services.map((service) => service.id), CONFIG_SELECTOR]);
  for (const name of selection) {
    if (!known.has(name)) {
      throw new BackupError('AIS_BACKUP_UNKNOWN_SERVICE', {
        service: name,
        closest: closest(name, [...known]),
        hint: `name services of this stack (${[...known].sort().join(', ')})`,
      });
    }
  }
  const wanted = (service: string): boolean => selection.length === 0 || selection.includes(service);
  const items: BackupItem[] = [];
  const skipped: { service: string; volume: string; reason: string }[] = [];
  for (const database of [...stack.databases].sort((a, b) => a.database.localeCompare(b.database))) {
    if (wanted(database.service) || wanted('postgres')) items.push({ kind: 'pg-dump', service: 'postgres', database });
  }
  for (const volume of stack.volumes) {
    if (!wanted(volume.service)) continue;
    const method = volume.backup;
    switch (method.kind) {
      case 'pg-dump':
        break; // covered per database above: a live data directory is never copied
      case 'redis-rdb':
        items.push({ kind: 'redis-rdb', service: volume.service, volume });
        break;
      case 'qdrant-snapshot':
        items.push({ kind: 'qdrant-snapshot', service: volume.service, volume });
        break;
      case 'volume-tar':
        items.push({ kind: 'volume-tar', service: volume.service, volume, live: method.live });
        break;
      case 'skip':
        skipped.push({ service: volume.service, volume: volume.name, reason: method.reason });
        break;
    }
  }
  if (wanted(CONFIG_SELECTOR) && selection.length === 0) items.push({ kind: 'config', service: 'config' });
  else if (selection.includes(CONFIG_SELECTOR)) items.push({ kind: 'config', service: 'config' });
  return { items, skipped };
}
