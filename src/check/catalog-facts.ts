import type { CatalogEntry } from '../catalog/types.js';
import type { CatalogFacts } from './types.js';

/**
 * What the rules know about aistack's catalog: per image (short repository) and per entry id, the
 * `*_FILE` variables it reads and ignores; per entry, the host paths it may mount.
 */
export function createCatalogFacts(entries: readonly CatalogEntry[]): CatalogFacts {
  const ignoredFileVariables = new Map<string, string[]>();
  const hostMounts = new Map<string, string[]>();
  const readsFileVariables = new Map<string, readonly string[] | 'every-setting'>();
  const repositories = new Map<string, string>();
  for (const entry of entries) {
    const shortName = entry.image.repository.replace(/^[^/]*[.:][^/]*\//, '').replace(/^library\//, '');
    repositories.set(entry.id, shortName);
    if (entry.readsFileVariables !== undefined) {
      readsFileVariables.set(entry.id, entry.readsFileVariables);
      // Entries that share an image (Dify's api, worker and beat) read the same: the narrowest wins.
      const known = readsFileVariables.get(shortName);
      if (known === undefined || entry.readsFileVariables !== 'every-setting') readsFileVariables.set(shortName, entry.readsFileVariables);
    }
    if (entry.hostMounts && entry.hostMounts.length > 0)
      hostMounts.set(
        entry.id,
        entry.hostMounts.map((mount) => mount.source),
      );
    if (!entry.ignoredFileVariables || entry.ignoredFileVariables.length === 0) continue;
    const repository = entry.image.repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
    ignoredFileVariables.set(repository, [...(ignoredFileVariables.get(repository) ?? []), ...entry.ignoredFileVariables]);
  }
  return { ignoredFileVariables, hostMounts, readsFileVariables, repositories };
}
