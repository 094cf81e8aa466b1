import type { Range } from '../types.js';

/** Where a proxy sends a route: `http://webui:8080` → host `webui`, port 8080. */
export interface ProxyUpstream {
  readonly host: string;
  readonly port: number | undefined;
}

/**
 * One route a reverse proxy serves, read from the project's nginx, Caddy or Traefik config (or
 * Traefik labels): requests for one of `hosts` (empty: any host) whose path matches `path` go to
 * `upstreams`.
 */
export interface ProxyRoute {
  readonly proxy: 'nginx' | 'caddy' | 'traefik';
  /** The config file (or compose file, for labels) and where the route is written. */
  readonly file: string;
  readonly range: Range;
  /** Lower-case host names; `*.example.com` wildcards kept as written; empty: every host. */
  readonly hosts: readonly string[];
  readonly path: string;
  /** `prefix`: the path and everything below; `exact`: the path only; `pattern`: a regular expression (not judged). */
  readonly match: 'prefix' | 'exact' | 'pattern';
  readonly upstreams: readonly ProxyUpstream[];
  /** Ports the server listens on (nginx `listen`, Caddy site address); empty: unknown. */
  readonly listen: readonly number[];
  /** The compose service whose labels declare the route (Traefik). */
  readonly labelledService?: string;
}

/** `http://webui:8080/x` or `webui:8080` → host and port; undefined for variables and sockets. */
export function parseUpstream(target: string): ProxyUpstream | undefined {
  if (target.includes('$') || target.startsWith('unix:')) return undefined;
  const withoutScheme = target.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split('/')[0] ?? '';
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority);
  if (bracket) return { host: bracket[1]!.toLowerCase(), port: bracket[2] === undefined ? undefined : Number(bracket[2]) };
  const match = /^([^:/]+)(?::(\d+))?$/.exec(authority);
  if (!match) return undefined;
  return { host: match[1]!.toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) };
}

/** Whether a route answers for `host` (exact, `*.domain` wildcard, or a route for every host). */
export function routeServesHost(route: ProxyRoute, host: string): boolean {
  if (route.hosts.length === 0) return true;
  return route.hosts.some((name) => name === host || (name.startsWith('*.') && host.endsWith(name.slice(1))));
}

/** Whether a route answers for `path`; patterns are not judged (they count as serving it). */
export function routeServesPath(route: ProxyRoute, path: string): boolean {
  if (route.match === 'pattern') return true;
  if (route.match === 'exact') return path === route.path;
  // A string prefix, as nginx, Caddy (`/api*`) and Traefik (PathPrefix) match; `/api` for a `/api/`
  // location counts too (nginx redirects it there).
  const prefix = route.path.replace(/\*$/, '');
  return path.startsWith(prefix) || `${path}/` === prefix;
}
