import path from 'node:path';
import type { RuleContext } from '../types.js';
import { parseCaddyRoutes } from './caddy-routes.js';
import type { ComposeModel, ServiceModel } from './compose-model.js';
import { isRecord } from './compose-model.js';
import { parseNginxRoutes } from './nginx-routes.js';
import type { ProxyRoute, ProxyUpstream } from './proxy-route.js';
import { imageOf, isProxyImage } from './service-facts.js';
import { parseTraefikFileRoutes, parseTraefikLabelRoutes } from './traefik-routes.js';

export interface ProxyRoutes {
  /** Every route of the project's proxy configs and Traefik labels, in file order. */
  readonly routes: readonly ProxyRoute[];
  /** Services that are the reverse proxy: they mount one of the configs, or run a proxy image. */
  readonly proxyServices: readonly ServiceModel[];
  /** The compose service a route's upstream names (service name, container_name, hostname, network alias). */
  serviceOf(upstream: ProxyUpstream): string | undefined;
  /** Services some route sends requests to. */
  readonly routedServices: ReadonlySet<string>;
}

/** Which parser reads a config file, by its name. */
function parseConfig(file: string, text: string): ProxyRoute[] {
  const name = path.basename(file);
  if (/caddyfile/i.test(name)) return parseCaddyRoutes(file, text);
  if (/\.conf(\.template)?$/i.test(name)) return parseNginxRoutes(file, text);
  if (/\.(ya?ml|toml)$/i.test(name)) return parseTraefikFileRoutes(file, text);
  return [];
}

/** Names other containers reach a service by on its networks. */
function addressesOf(service: ServiceModel): string[] {
  const names = [service.name];
  for (const key of ['container_name', 'hostname']) {
    const value = service.value[key];
    if (typeof value === 'string') names.push(value);
  }
  const networks = service.value.networks;
  if (isRecord(networks)) {
    for (const network of Object.values(networks)) {
      const aliases = isRecord(network) ? network.aliases : undefined;
      if (Array.isArray(aliases)) for (const alias of aliases) if (typeof alias === 'string') names.push(alias);
    }
  }
  return names.map((name) => name.toLowerCase());
}

/** Host paths a service bind-mounts (short and long syntax), relative to the compose file's directory. */
function mountedSources(service: ServiceModel, directory: string): string[] {
  const volumes = service.value.volumes;
  if (!Array.isArray(volumes)) return [];
  const sources: string[] = [];
  for (const volume of volumes) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : isRecord(volume) ? volume.source : undefined;
    if (typeof source === 'string' && (source.startsWith('.') || source.startsWith('/')))
      sources.push(path.normalize(path.join(directory, source)));
  }
  return sources;
}

const cache = new WeakMap<ComposeModel, ProxyRoutes>();

/**
 * The routes of the reverse proxy the project ships: nginx, Caddy and Traefik (file provider)
 * configs gathered by the shell, and Traefik labels on the services. Read once per check.
 */
export function proxyRoutesOf(context: Pick<RuleContext, 'compose' | 'facts'>): ProxyRoutes {
  const { compose } = context;
  const cached = cache.get(compose);
  if (cached) return cached;
  const configs = context.facts.proxyConfigs ?? [];
  const routes = [...configs.flatMap((config) => parseConfig(config.file, config.text)), ...parseTraefikLabelRoutes(compose)];
  const byAddress = new Map<string, string>();
  for (const service of compose.services)
    for (const address of addressesOf(service)) if (!byAddress.has(address)) byAddress.set(address, service.name);
  const serviceOf = (upstream: ProxyUpstream): string | undefined => byAddress.get(upstream.host);
  const directory = path.dirname(compose.file);
  const configFiles = configs.map((config) => path.normalize(config.file));
  const labelled = routes.some((route) => route.labelledService !== undefined);
  // The proxy is the service that mounts a config (or Traefik, for labels); a project whose configs
  // are baked into an image falls back to the proxy images (nginx, Caddy, Traefik, HAProxy, …).
  const mounting = compose.services.filter(
    (service) =>
      mountedSources(service, directory).some((source) =>
        configFiles.some((file) => file === source || file.startsWith(`${source}${path.sep}`)),
      ) ||
      (labelled && /(^|\/)traefik$/.test(imageOf(service)?.repository ?? '')),
  );
  const proxyServices = mounting.length > 0 ? mounting : compose.services.filter((service) => isProxyImage(imageOf(service)));
  const routedServices = new Set<string>();
  for (const route of routes) {
    if (route.labelledService !== undefined) routedServices.add(route.labelledService);
    for (const upstream of route.upstreams) {
      const service = serviceOf(upstream);
      if (service !== undefined) routedServices.add(service);
    }
  }
  const result: ProxyRoutes = { routes, proxyServices, serviceOf, routedServices };
  cache.set(compose, result);
  return result;
}
