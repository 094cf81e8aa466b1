import type { CatalogEntry } from '../catalog/types.js';
import type { CatalogFacts } from './types.js';

/** What the rules know about aistack's catalog: per image, the `*_FILE` variables it ignores; per entry, the host paths it may mount. */
export function createCatalogFacts(entries: readonly CatalogEntry[]): CatalogFacts {
  const ignoredFileVariables = new Map<string, string[]>();
  const hostMounts = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.hostMounts && entry.hostMounts.length > 0)
      hostMounts.set(
        entry.id,
        entry.hostMounts.map((mount) => mount.source),
      );
    if (!entry.ignoredFileVariables || entry.ignoredFileVariables.length === 0) continue;
    const repository = entry.image.repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
    ignoredFileVariables.set(repository, [...(ignoredFileVariables.get(repository) ?? []), ...entry.ignoredFileVariables]);
  }
  return { ignoredFileVariables, hostMounts };
}
