import { publicOrigin } from '../../catalog/public-url.js';
import { StackError } from '../../errors.js';
import type { StackRoute } from '../types.js';
import { withLocation } from './context.js';
import type { ResolveContext } from './context.js';
import { consoleRouteHost, PROXY_AUTH_SECRET } from './proxy.js';

/** Each routed service's host, path and proxy behaviour, by service id; throws when two claim the same URL. */
export function resolveRoutes({ manifest, byId, custom, locate }: ResolveContext, enabled: ReadonlySet<string>): Map<string, StackRoute> {
  const routes = new Map<string, StackRoute>();
  const owners = new Map<string, string>();
  const site: RouteSite = { domain: manifest.domain, httpsPort: manifest.proxy?.httpsPort ?? 443 };
  const add = (id: string, route: StackRoute, path: readonly (string | number)[]): void => {
    const key = `${route.host}${route.path}`;
    const owner = owners.get(key);
    if (owner) {
      throw new StackError('AIS_STACK_ROUTE_CLASH', {
        owner,
        id,
        url: route.url,
        hint: `give one of them another subdomain: services.${id}.route.subdomain`,
        ...withLocation(locate(path)),
      });
    }
    owners.set(key, id);
    routes.set(id, route);
  };

  for (const id of [...enabled].sort()) {
    const entry = byId.get(id);
    if (!entry?.route) continue;
    const settings = manifest.services[id]?.route ?? {};
    if (settings.disabled) continue;
    if (settings.path !== undefined && !entry.route.subPath) {
      throw new StackError('AIS_STACK_SUBPATH_UNSUPPORTED', {
        title: entry.title,
        path: settings.path,
        hint: `remove services.${id}.route.path, or set services.${id}.route.subdomain`,
        ...withLocation(locate(['services', id, 'route', 'path'])),
      });
    }
    const proxyAuth = settings.auth === 'basic' || (settings.auth !== 'none' && !entry.route.ownLogin);
    add(
      id,
      buildRoute(site, settings.subdomain ?? entry.route.subdomain, settings.path, {
        upstreamPort: entry.port,
        proxyAuth,
        ownLogin: entry.route.ownLogin,
        websocket: entry.route.websocket,
        streaming: entry.route.streaming,
        uploadMaxMb: settings.uploadMaxMb ?? entry.route.uploadMaxMb,
        readTimeoutSeconds: entry.route.readTimeoutSeconds,
        bearer: entry.route.bearer ?? false,
        ...(entry.route.locations ? { locations: entry.route.locations } : {}),
      }),
      ['services', id, 'route'],
    );
  }
  for (const id of Object.keys(custom).sort()) {
    const settings = custom[id];
    if (!settings?.route || settings.route.disabled || settings.port === undefined) continue;
    const ownLogin = settings.ownLogin ?? false;
    const proxyAuth = settings.route.auth === 'basic' || (settings.route.auth !== 'none' && !ownLogin);
    add(
      id,
      buildRoute(site, settings.route.subdomain ?? id, settings.route.path, {
        upstreamPort: settings.port,
        proxyAuth,
        ownLogin,
        websocket: settings.websocket ?? false,
        streaming: settings.streaming ?? false,
        uploadMaxMb: settings.route.uploadMaxMb ?? 10,
        readTimeoutSeconds: settings.streaming ? 3600 : 60,
        bearer: false,
      }),
      ['custom', id, 'route'],
    );
  }
  const host = consoleRouteHost(manifest);
  if (host !== undefined) {
    const owner = [...routes].find(([, route]) => route.host === host)?.[0];
    if (owner !== undefined) {
      throw new StackError('AIS_STACK_ROUTE_CLASH', {
        owner,
        consoleHost: host,
        hint: 'give the console another subdomain: console.subdomain',
        ...withLocation(locate(['console', manifest.console?.subdomain === undefined ? 'route' : 'subdomain'])),
      });
    }
  }
  return routes;
}

/** Where routes live: the domain, and the proxy's public HTTPS port (part of every URL when not 443). */
interface RouteSite {
  readonly domain: string;
  readonly httpsPort: number;
}

function buildRoute(
  { domain, httpsPort }: RouteSite,
  subdomain: string,
  path: string | undefined,
  rest: Omit<StackRoute, 'host' | 'path' | 'url' | 'htpasswdSecret' | 'locations'> & Pick<StackRoute, 'locations'>,
): StackRoute {
  const host = path === undefined ? `${subdomain}.${domain}` : domain;
  const routePath = path === undefined ? '/' : `${path.replace(/\/+$/, '')}/`;
  return {
    host,
    path: routePath,
    url: `${publicOrigin(host, httpsPort)}${routePath}`,
    ...rest,
    ...(rest.proxyAuth ? { htpasswdSecret: PROXY_AUTH_SECRET } : {}),
  };
}
