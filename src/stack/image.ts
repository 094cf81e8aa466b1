import type { CatalogEntry } from '../catalog/types.js';
import type { Manifest } from '../manifest/schema.js';

/**
 * The image a service runs: an explicit override (services.<id>.image, then images.overrides)
 * wins; otherwise the catalog's pinned image, moved under `images.registry` when one is set
 * (the upstream registry host is dropped: `ghcr.io/open-webui/open-webui:v0.11.2` becomes
 * `<registry>/open-webui/open-webui:v0.11.2`).
 */
export function resolveImage(entry: CatalogEntry, override: string | undefined, images: Manifest['images']): string {
  const explicit = override ?? images?.overrides?.[entry.id];
  if (explicit) return explicit;
  const reference = `${entry.image.repository}:${entry.image.tag}`;
  if (!images?.registry) return reference;
  return `${images.registry.replace(/\/+$/, '')}/${stripRegistryHost(entry.image.repository)}:${entry.image.tag}`;
}

/** `ghcr.io/a/b` → `a/b`; `postgres` → `postgres`; `localhost:5000/x` → `x`. */
export function stripRegistryHost(repository: string): string {
  const [first, ...rest] = repository.split('/');
  if (rest.length > 0 && first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return rest.join('/');
  return repository;
}
