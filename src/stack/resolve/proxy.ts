import type { Manifest } from '../../manifest/schema.js';
import { publicOrigin } from '../../catalog/public-url.js';
import { RELATIVE_PATHS } from '../project-layout.js';
import { PROXY_SESSION_SECRETS, proxySessionSecrets } from '../proxy-session.js';
import type { StackProxySettings, StackRoute } from '../types.js';
import { INFRASTRUCTURE } from './context.js';
import type { ServiceAddition } from './infrastructure.js';
import type { SecretUse } from './secrets.js';

/** The htpasswd secret the proxy uses for every route without a login of its own. */
export const PROXY_AUTH_SECRET = 'proxy-basic-auth';

/** Where the proxy container finds the console socket's directory. */
export const CONSOLE_SOCKET_DIRECTORY = '/run/aistack-console';

/** The compose secret that carries an htpasswd secret's bearer-key map for nginx (`<name>.bearer`). */
export function proxyBearerSecret(htpasswdSecret: string): string {
  return `${htpasswdSecret}-bearer`;
}

/** The console route's subdomain when `console.subdomain` names none. */
const CONSOLE_SUBDOMAIN = 'console';

/** The console route's host (`console.route`), or undefined when the route is off. */
export function consoleRouteHost(manifest: Manifest): string | undefined {
  return manifest.console?.route ? `${manifest.console.subdomain ?? CONSOLE_SUBDOMAIN}.${manifest.domain}` : undefined;
}

/** Where the proxy publishes (`proxy:` in aistack.yaml with its defaults), and the console route (`console.route`). */
export function resolveProxySettings(manifest: Manifest): StackProxySettings {
  const httpsPort = manifest.proxy?.httpsPort ?? 443;
  const consoleHost = consoleRouteHost(manifest);
  return {
    httpPort: manifest.proxy?.httpPort ?? 80,
    httpsPort,
    bind: manifest.proxy?.bind ?? '0.0.0.0',
    ...(consoleHost ? { console: { host: consoleHost, url: `${publicOrigin(consoleHost, httpsPort)}/console` } } : {}),
  };
}

/**
 * The proxy: the one service that publishes on the network (HTTP for redirects and ACME, HTTPS),
 * its rendered configuration and certificate, and the basic-auth and session secrets when a route needs them.
 */
export function resolveProxy(manifest: Manifest, routes: ReadonlyMap<string, StackRoute>): ServiceAddition {
  const proxyAuth = [...routes.values()].some((route) => route.proxyAuth);
  const bearer = [...routes.values()].some((route) => route.proxyAuth && route.bearer);
  const settings = resolveProxySettings(manifest);
  const secretUses: SecretUse[] = [];
  if (proxyAuth) {
    // nginx opens the htpasswd file for every request, but reads the bearer-key map with its configuration.
    secretUses.push({
      name: PROXY_AUTH_SECRET,
      service: INFRASTRUCTURE.proxy,
      description: {
        kind: 'htpasswd',
        protects: 'proxy basic auth (user "admin") in front of every route without a login of its own',
        critical: false,
        ...(bearer ? { bearer } : {}),
      },
      owner: true,
      reads: bearer ? 'at-start' : 'per-use',
    });
    // nginx reads the session maps with its configuration: a rotation restarts (reloads) the proxy.
    for (const { name, ...description } of proxySessionSecrets())
      secretUses.push({ name, service: INFRASTRUCTURE.proxy, description, owner: true, reads: 'at-start' });
  }
  return {
    service: INFRASTRUCTURE.proxy,
    secrets: [
      ...(proxyAuth ? [PROXY_AUTH_SECRET, ...Object.values(PROXY_SESSION_SECRETS)] : []),
      ...(bearer ? [proxyBearerSecret(PROXY_AUTH_SECRET)] : []),
    ],
    files: [
      { source: `${RELATIVE_PATHS.proxy}/nginx.conf`, target: '/etc/nginx/nginx.conf' },
      { source: RELATIVE_PATHS.proxy, target: '/etc/nginx/aistack' },
      // Only the served certificate and key: the local CA's key stays on the host.
      { source: `${RELATIVE_PATHS.tls}/live`, target: '/etc/nginx/tls/live' },
      { source: `${RELATIVE_PATHS.tls}/acme-challenge`, target: '/var/www/acme' },
      // The directory, not the socket: `aistack serve` makes the socket when it starts, after the proxy.
      ...(settings.console ? [{ source: RELATIVE_PATHS.console, target: CONSOLE_SOCKET_DIRECTORY }] : []),
    ],
    hostPorts: [
      { hostIp: settings.bind, host: settings.httpPort, container: 80, protocol: 'tcp' },
      { hostIp: settings.bind, host: settings.httpsPort, container: 443, protocol: 'tcp' },
    ],
    secretUses,
  };
}
