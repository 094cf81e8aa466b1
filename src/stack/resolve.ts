import type { CatalogEntry } from '../catalog/types.js';
import type { Locate } from '../manifest/locate.js';
import type { Manifest } from '../manifest/schema.js';
import { PORT_PLAN } from './port-plan.js';
import { applyModels } from './resolve-models.js';
import { resolveBackup } from './resolve/backup.js';
import { resolveCatalogServices } from './resolve/catalog-service.js';
import { connectServices } from './resolve/connect-services.js';
import { createResolveContext } from './resolve/context.js';
import { resolveCustomServices } from './resolve/custom-service.js';
import { resolveDatabases } from './resolve/databases.js';
import { resolveDirectPorts } from './resolve/direct-ports.js';
import { deepFreeze } from './resolve/freeze.js';
import { attachAdditions } from './resolve/infrastructure.js';
import { resolveMonitor, resolveMonitorSettings } from './resolve/monitor.js';
import { resolveUpgradeSettings } from './resolve/upgrade.js';
import { resolvePostgres } from './resolve/postgres.js';
import { resolveProxy, resolveProxySettings } from './resolve/proxy.js';
import { resolveRequirements } from './resolve/requirements.js';
import { resolveRoutes } from './resolve/routes.js';
import { resolveSecrets } from './resolve/secrets.js';
import { resolveSocketProxy } from './resolve/socket-proxy.js';
import type { Stack } from './types.js';

export interface ResolveOptions {
  /** Positions in aistack.yaml for errors; without it errors carry no location. */
  readonly locate?: Locate;
}

/**
 * Manifest + catalog → Stack: every service, port, route, secret, volume, dependency and model decided.
 * Pure. Each phase (src/stack/resolve/) reads the context and what earlier phases decided.
 */
export function resolveStack(manifest: Manifest, catalog: readonly CatalogEntry[], options: ResolveOptions = {}): Stack {
  return applyModels(resolveServices(manifest, catalog, options), options.locate);
}

function resolveServices(manifest: Manifest, catalog: readonly CatalogEntry[], options: ResolveOptions): Stack {
  const context = createResolveContext(manifest, catalog, options.locate);
  const { enabled, allIds } = resolveRequirements(context);
  const databases = resolveDatabases(context, enabled);
  const routes = resolveRoutes(context, enabled);
  const directPorts = resolveDirectPorts(context, enabled);
  const resolved = [
    ...resolveCatalogServices(context, { enabled, allIds, databases, routes, directPorts }),
    ...resolveCustomServices(context, { databases, routes, directPorts }),
  ];
  const plain = resolved.map(({ service }) => service);
  // Infrastructure phases: what the proxy, PostgreSQL, the socket proxy and the monitor add to their own service.
  const additions = [resolvePostgres(databases), resolveProxy(manifest, routes), resolveSocketProxy(), resolveMonitor(plain, databases)];
  const services = connectServices(attachAdditions(plain, additions), context);
  return deepFreeze({
    name: manifest.name,
    domain: manifest.domain,
    services,
    secrets: resolveSecrets([...resolved, ...additions].flatMap((part) => part?.secretUses ?? [])),
    volumes: services.flatMap((service) => service.volumes).sort((a, b) => a.name.localeCompare(b.name)),
    databases,
    tls: manifest.tls,
    proxy: resolveProxySettings(manifest),
    portPlan: PORT_PLAN,
    monitor: resolveMonitorSettings(manifest),
    backup: resolveBackup(manifest),
    upgrade: resolveUpgradeSettings(manifest),
    manifest,
  });
}
