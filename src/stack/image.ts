import type { CatalogEntry } from '../catalog/types.js';
import type { GpuVendor, Manifest } from '../manifest/schema.js';

/**
 * The image a service runs: an explicit override (services.<id>.image, then images.overrides)
 * wins, as written; otherwise the catalog's pinned image (its ROCm variant for `gpu: amd`), moved
 * under `images.registry` when one is set (the upstream registry host is dropped:
 * `ghcr.io/open-webui/open-webui:v0.11.2` becomes `<registry>/open-webui/open-webui:v0.11.2`).
 */
export function resolveImage(
  entry: CatalogEntry,
  override: string | undefined,
  images: Manifest['images'],
  gpu: false | GpuVendor = false,
): string {
  const explicit = override ?? images?.overrides?.[entry.id];
  if (explicit) return explicit;
  const tag = gpu === 'amd' && entry.gpu?.amd ? `${entry.image.tag}${entry.gpu.amd.tagSuffix}` : entry.image.tag;
  if (!images?.registry) return `${entry.image.repository}:${tag}`;
  return `${images.registry.replace(/\/+$/, '')}/${stripRegistryHost(entry.image.repository)}:${tag}`;
}

/** `ghcr.io/a/b` → `a/b`; `postgres` → `postgres`; `localhost:5000/x` → `x`. */
export function stripRegistryHost(repository: string): string {
  const [first, ...rest] = repository.split('/');
  if (rest.length > 0 && first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return rest.join('/');
  return repository;
}
