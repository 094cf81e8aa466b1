import type { CatalogEntry } from '../../catalog/types.js';
import type { SourceLocation } from '../../errors.js';
import type { Locate } from '../../manifest/locate.js';
import type { CustomService, Manifest } from '../../manifest/schema.js';
import type { SecretUse } from './secrets.js';

/** Services aistack adds to every stack. */
export const INFRASTRUCTURE = {
  proxy: 'proxy',
  monitor: 'monitor',
  socketProxy: 'docker-socket-proxy',
  postgres: 'postgres',
  redis: 'redis',
} as const;

/** What every phase reads: the manifest, the catalog by id, the custom services and where errors point. */
export interface ResolveContext {
  readonly manifest: Manifest;
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  readonly custom: Readonly<Record<string, CustomService>>;
  readonly locate: (path: readonly (string | number)[]) => SourceLocation | undefined;
}

export function createResolveContext(manifest: Manifest, catalog: readonly CatalogEntry[], locate?: Locate): ResolveContext {
  return {
    manifest,
    byId: new Map(catalog.map((entry) => [entry.id, entry])),
    custom: manifest.custom ?? {},
    locate: (path) => locate?.(path),
  };
}

export function withLocation(location: SourceLocation | undefined): { location?: SourceLocation } {
  return location ? { location } : {};
}

/** A service as a phase decides it, with the secrets it reads (folded by resolveSecrets). */
export interface ResolvedService<Service> {
  readonly service: Service;
  readonly secretUses: readonly SecretUse[];
}
