import type { Stack, StackRoute, StackService } from '../../stack/types.js';
import type { RenderedFile } from '../types.js';
import { GENERATED_NOTICE } from '../types.js';
import { renderConsoleUnavailablePage, renderNotFoundPage, renderUnavailablePage } from './error-page.js';
import {
  APP_CSP_VARIABLE,
  APP_FRAME_ANCESTORS,
  APP_HEADERS,
  CONSOLE_CSP_VARIABLE,
  CONSOLE_HEADERS,
  DASHBOARD_CSP,
  DASHBOARD_HEADERS,
  HIDDEN_UPSTREAM_HEADERS,
  renderHeaderSnippet,
} from './headers.js';
import { DASHBOARD_SERVICE, DEFAULT_PROXY_OPTIONS, STRIP_PREFIX_SERVICES } from './options.js';
import type { ProxyRenderOptions } from './options.js';
import {
  AUTH_ATTEMPT_VARIABLE,
  AUTH_ATTEMPT_ZONE,
  hasProxyAuth,
  renderAuthLines,
  renderAuthMaps,
  UPSTREAM_COOKIE_VARIABLE,
} from './proxy-auth.js';
import { createWriter } from './writer.js';
import type { Writer } from './writer.js';

/** Mozilla's intermediate profile (guidelines v6): TLS 1.2 suites with forward secrecy and AEAD only. */
export const MOZILLA_INTERMEDIATE_CIPHERS =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDH' +
  'E-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305';

/** Internal prefix of the proxy's own pages (error pages); never forwarded. */
const OWN_PREFIX = '/.aistack-proxy/';

/** The console route's rate-limit zone and error page (service ids have no `_`, so neither can clash with a service's). */
const CONSOLE_ZONE = 'aistack_console_route';
const CONSOLE_PAGE = 'console_route.html';

export interface RoutedService {
  readonly service: StackService;
  readonly route: StackRoute;
}

/**
 * Stack → the nginx configuration of the proxy (proxy/nginx.conf, header and proxy snippets,
 * error pages). Pure and byte-stable; nothing secret is written (the htpasswd and the bearer
 * map come from mounted secret files).
 */
export function renderProxy(stack: Stack, overrides: Partial<ProxyRenderOptions> = {}): RenderedFile[] {
  const options: ProxyRenderOptions = { ...DEFAULT_PROXY_OPTIONS, ...overrides };
  const routed = stack.services
    .filter((service): service is StackService & { route: StackRoute } => service.route !== undefined)
    .map((service) => ({ service, route: service.route }))
    .sort((a, b) => compare(a.service.id, b.service.id));
  const files: RenderedFile[] = [
    { path: 'proxy/nginx.conf', content: renderNginxConf(stack, routed, options) },
    { path: 'proxy/snippets/security-headers.conf', content: `# ${GENERATED_NOTICE}\n${renderHeaderSnippet(APP_HEADERS)}` },
    { path: 'proxy/snippets/security-headers-dashboard.conf', content: `# ${GENERATED_NOTICE}\n${renderHeaderSnippet(DASHBOARD_HEADERS)}` },
    ...(stack.proxy.console
      ? [
          {
            path: 'proxy/snippets/security-headers-console.conf',
            content: `# ${GENERATED_NOTICE}\n${renderHeaderSnippet(CONSOLE_HEADERS)}`,
          },
        ]
      : []),
    { path: 'proxy/snippets/proxy-common.conf', content: renderProxyCommon(options.publicHttpsPort ?? stack.proxy.httpsPort) },
    { path: 'proxy/errors/not-found.html', content: renderNotFoundPage() },
    ...routed.map(({ service }) => ({
      path: `proxy/errors/${service.id}.html`,
      content: renderUnavailablePage(service.title, service.id),
    })),
    ...(stack.proxy.console ? [{ path: `proxy/errors/${CONSOLE_PAGE}`, content: renderConsoleUnavailablePage() }] : []),
  ];
  return files.sort((a, b) => compare(a.path, b.path));
}

function renderProxyCommon(publicPort: number): string {
  const forwardedHost = publicPort === 443 ? '$host' : `$host:${publicPort}`;
  return [
    `# ${GENERATED_NOTICE}`,
    'proxy_http_version 1.1;',
    // The host the browser used, with the public port when it is not 443: apps build their URLs
    // from it, and the dashboard compares it with the browser's Origin (CSRF). The port is the
    // one decided at render time, never the client's own Host header.
    `proxy_set_header Host ${forwardedHost};`,
    'proxy_set_header X-Real-IP $remote_addr;',
    // The proxy's own session cookie stays at the proxy (see proxy-auth.ts).
    `proxy_set_header Cookie $${UPSTREAM_COOKIE_VARIABLE};`,
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto https;',
    `proxy_set_header X-Forwarded-Host ${forwardedHost};`,
    `proxy_set_header X-Forwarded-Port ${publicPort};`,
    'proxy_connect_timeout 5s;',
    ...HIDDEN_UPSTREAM_HEADERS.map((header) => `proxy_hide_header ${header};`),
    '',
  ].join('\n');
}

function renderNginxConf(stack: Stack, routed: readonly RoutedService[], options: ProxyRenderOptions): string {
  const out = createWriter();
  out.line(`# ${GENERATED_NOTICE}`);
  out.line(`# Proxy for the stack "${stack.name}" (${stack.domain}).`);
  if (options.user !== undefined) out.line(`user ${options.user};`);
  out.line('worker_processes auto;');
  out.line('error_log stderr warn;');
  out.blank();
  out.block('events', () => out.line('worker_connections 1024;'));
  out.blank();
  out.block('http', () => {
    out.line('include /etc/nginx/mime.types;');
    out.line('default_type application/octet-stream;');
    out.line('server_tokens off;');
    out.comment('Map keys such as the 64-character proxy session key need more than the default 64-byte bucket.');
    out.line('map_hash_bucket_size 128;');
    out.line('sendfile on;');
    out.comment("Relative redirects: nginx's own port (443 in the container) may not be the public one.");
    out.line('absolute_redirect off;');
    out.line(`access_log ${options.accessLog};`);
    out.blank();
    out.comment('TLS: Mozilla intermediate (TLS 1.2 and 1.3, ECDHE with AEAD ciphers only, no session tickets).');
    out.line(`ssl_certificate ${options.certificateFile};`);
    out.line(`ssl_certificate_key ${options.keyFile};`);
    out.line('ssl_protocols TLSv1.2 TLSv1.3;');
    out.line(`ssl_ciphers ${MOZILLA_INTERMEDIATE_CIPHERS};`);
    out.line('ssl_prefer_server_ciphers off;');
    out.line('ssl_ecdh_curve X25519:prime256v1:secp384r1;');
    out.line('ssl_session_timeout 1d;');
    out.line('ssl_session_cache shared:aistack_tls:10m;');
    out.line('ssl_session_tickets off;');
    if (options.ocspStapling) {
      out.comment('The certificate names an OCSP responder: staple its answer.');
      out.line('ssl_stapling on;');
      out.line('ssl_stapling_verify on;');
      out.line(`ssl_trusted_certificate ${options.trustedCertificateFile};`);
    }
    out.blank();
    if (options.resolver !== undefined) {
      out.comment('Upstreams are looked up per request, so nginx starts (and serves the rest) while a service is down.');
      out.line(`resolver ${options.resolver} valid=${options.resolverValidSeconds}s ipv6=off;`);
      out.line('resolver_timeout 5s;');
      out.blank();
    }
    out.block('map $http_upgrade $aistack_connection_upgrade', () => {
      out.line('default upgrade;');
      out.line("'' close;");
    });
    out.comment("Services' CSP: theirs with frame-ancestors 'self' first, or that alone (one header, see headers.ts).");
    out.block(`map $upstream_http_content_security_policy $${APP_CSP_VARIABLE}`, () => {
      out.line(`"" "${APP_FRAME_ANCESTORS}";`);
      out.line(`"~^(?<aistack_service_csp>.+)$" "${APP_FRAME_ANCESTORS}; $aistack_service_csp";`);
    });
    if (stack.proxy.console) {
      out.comment("The console route's CSP: its server's own (a per-response style nonce on /console), else the dashboard's.");
      out.block(`map $upstream_http_content_security_policy $${CONSOLE_CSP_VARIABLE}`, () => {
        out.line(`"" "${DASHBOARD_CSP}";`);
        out.line('default $upstream_http_content_security_policy;');
      });
    }
    renderAuthMaps(out, routed, options);
    out.blank();
    out.line('limit_req_status 429;');
    for (const { service } of routed) out.line(`limit_req_zone $binary_remote_addr zone=${zone(service.id)}:10m rate=${options.rate};`);
    if (stack.proxy.console) out.line(`limit_req_zone $binary_remote_addr zone=${CONSOLE_ZONE}:10m rate=${options.rate};`);
    if (hasProxyAuth(routed))
      out.line(`limit_req_zone $${AUTH_ATTEMPT_VARIABLE} zone=${AUTH_ATTEMPT_ZONE}:10m rate=${options.authAttemptRate};`);
    out.blank();
    renderHealthServer(out, options);
    renderHttpServers(out, stack, routed, options);
    renderDefaultHttpsServer(out, options);
    for (const [host, routes] of groupByHost(routed)) renderHttpsServer(out, host, routes, options);
    if (stack.proxy.console) renderConsoleServer(out, stack.proxy.console.host, options);
  });
  return out.text();
}

function renderHealthServer(out: Writer, options: ProxyRenderOptions): void {
  out.comment("The container's health check (loopback only, never routed).");
  out.block('server', () => {
    out.line(`listen ${options.healthListen};`);
    out.line('access_log off;');
    out.block('location = /healthz', () => out.line('return 200 "ok\\n";'));
    out.block('location /', () => out.line('return 404;'));
  });
  out.blank();
}

function renderHttpServers(out: Writer, stack: Stack, routed: readonly RoutedService[], options: ProxyRenderOptions): void {
  const hosts = [...groupByHost(routed).keys(), ...(stack.proxy.console ? [stack.proxy.console.host] : [])];
  const port = options.publicHttpsPort ?? stack.proxy.httpsPort;
  const suffix = port === 443 ? '' : `:${port}`;
  const acme = (): void => {
    out.block('location ^~ /.well-known/acme-challenge/', () => {
      out.line(headersInclude(options, 'app'));
      out.line(`alias ${options.acmeDirectory}/;`);
      out.line('default_type text/plain;');
    });
  };
  // A stack that routes nothing (only data stores) has no host to redirect: `server_name ;` is
  // not valid nginx, so that server is left out and the default one answers everything.
  if (hosts.length > 0) {
    out.comment('HTTP: ACME http-01 challenges, and a redirect to HTTPS on the same (known) host name.');
    out.block('server', () => {
      out.line(`listen ${options.httpListen};`);
      out.line(`server_name ${hosts.join(' ')};`);
      out.line(headersInclude(options, 'app'));
      acme();
      out.block('location /', () => {
        out.line(headersInclude(options, 'app'));
        out.line(`return 301 https://$host${suffix}$request_uri;`);
      });
    });
    out.blank();
  }
  out.comment('Any other host name: nothing is redirected there.');
  out.block('server', () => {
    out.line(`listen ${options.httpListen} default_server;`);
    out.line('server_name _;');
    out.line(headersInclude(options, 'app'));
    acme();
    out.block('location /', () => {
      out.line(headersInclude(options, 'app'));
      out.line('return 404;');
    });
  });
  out.blank();
}

function renderDefaultHttpsServer(out: Writer, options: ProxyRenderOptions): void {
  out.comment('HTTPS for host names the stack does not serve.');
  out.block('server', () => {
    httpsServerHead(out, options, undefined, 'app');
    out.block('location /', () => {
      out.line(headersInclude(options, 'app'));
      out.line('return 404;');
    });
  });
  out.blank();
}

function renderHttpsServer(out: Writer, host: string, routes: readonly RoutedService[], options: ProxyRenderOptions): void {
  out.comment(`${host}: ${routes.map(({ service, route }) => `${service.id} at ${route.path}`).join(', ')}`);
  out.block('server', () => {
    httpsServerHead(out, options, host, 'app');
    const locations = routes.flatMap((routed) => expandLocations(routed));
    if (!locations.some((location) => location.path === '/')) {
      out.block('location /', () => {
        out.line(headersInclude(options, 'app'));
        out.line('return 404;');
      });
    }
    for (const location of locations.sort((a, b) => compare(a.path, b.path))) renderLocation(out, location, options);
  });
  out.blank();
}

/**
 * The console route (`console.route`): the whole host goes to `aistack serve` on the host through
 * its unix socket, mounted read-only from .aistack/console. The console's own login and CSRF
 * checks guard it (no basic auth); its progress stream needs an unbuffered, long-lived response.
 */
function renderConsoleServer(out: Writer, host: string, options: ProxyRenderOptions): void {
  out.comment(`${host}: the configuration console of \`aistack serve\` on the host (console.route)`);
  out.block('server', () => {
    httpsServerHead(out, options, host, 'console');
    out.block('location /', () => {
      out.line(headersInclude(options, 'console'));
      out.line(`include ${options.configDirectory}/snippets/proxy-common.conf;`);
      out.line(`limit_req zone=${CONSOLE_ZONE} burst=${options.burst} nodelay;`);
      out.line('client_max_body_size 1m;');
      out.line(`error_page 502 503 504 ${OWN_PREFIX}${CONSOLE_PAGE};`);
      out.line('proxy_buffering off;');
      out.line('proxy_cache off;');
      out.line('proxy_read_timeout 3600s;');
      out.line('proxy_send_timeout 3600s;');
      out.line(`proxy_pass http://unix:${options.consoleSocket};`);
    });
  });
  out.blank();
}

interface Location {
  readonly path: string;
  readonly owner: RoutedService;
  /** The service that answers (another one for Dify's API paths). */
  readonly upstreamService: string;
  readonly upstreamPort: number;
}

function expandLocations(routed: RoutedService): Location[] {
  const extra = (routed.route.locations ?? []).map((entry) => ({
    path: entry.path,
    owner: routed,
    upstreamService: entry.service,
    upstreamPort: entry.port,
  }));
  const main = { path: routed.route.path, owner: routed, upstreamService: routed.service.id, upstreamPort: routed.route.upstreamPort };
  return [...(extra.some((entry) => entry.path === routed.route.path) ? [] : [main]), ...extra];
}

function renderLocation(out: Writer, location: Location, options: ProxyRenderOptions): void {
  const { route, service } = location.owner;
  const dashboard = service.id === DASHBOARD_SERVICE;
  if (location.path !== '/' && location.path.endsWith('/')) {
    out.block(`location = ${location.path.slice(0, -1)}`, () => {
      out.line(headersInclude(options, dashboard ? 'dashboard' : 'app'));
      out.line(`return 301 ${location.path};`);
    });
  }
  out.block(`location ${location.path}`, () => {
    out.line(headersInclude(options, dashboard ? 'dashboard' : 'app'));
    out.line(`include ${options.configDirectory}/snippets/proxy-common.conf;`);
    out.line(`limit_req zone=${zone(service.id)} burst=${options.burst} nodelay;`);
    out.line(`client_max_body_size ${route.uploadMaxMb}m;`);
    const errorPages = ['502', '503', '504'];
    if (route.proxyAuth && route.htpasswdSecret) renderAuthLines(out, route, options);
    out.line(`error_page ${errorPages.join(' ')} ${OWN_PREFIX}${service.id}.html;`);
    if (route.websocket) {
      out.line('proxy_set_header Upgrade $http_upgrade;');
      out.line('proxy_set_header Connection $aistack_connection_upgrade;');
    }
    if (route.streaming) {
      out.line('proxy_buffering off;');
      out.line('proxy_cache off;');
      out.line('proxy_request_buffering off;');
    }
    out.line(`proxy_read_timeout ${route.readTimeoutSeconds}s;`);
    out.line(`proxy_send_timeout ${route.readTimeoutSeconds}s;`);
    out.line(`set $aistack_upstream http://${options.upstreamAddress(location.upstreamService, location.upstreamPort)};`);
    if (location.path !== '/' && location.path === route.path && STRIP_PREFIX_SERVICES.has(service.id)) {
      out.line(`rewrite ^${location.path}(.*)$ /$1 break;`);
    }
    out.line('proxy_pass $aistack_upstream;');
  });
}

function ownPages(out: Writer, options: ProxyRenderOptions): void {
  out.block(`location ^~ ${OWN_PREFIX}`, () => {
    out.line('internal;');
    out.line(headersInclude(options, 'app'));
    out.line(`alias ${options.configDirectory}/errors/;`);
  });
}

/**
 * What every HTTPS server block starts with: its listen line, its name (`_` and default_server
 * for the catch-all), its security headers, the proxy's own pages and their 404.
 */
function httpsServerHead(out: Writer, options: ProxyRenderOptions, host: string | undefined, headers: 'app' | 'console'): void {
  listenHttps(out, options, host === undefined);
  out.line(`server_name ${host ?? '_'};`);
  out.line(headersInclude(options, headers));
  ownPages(out, options);
  out.line(`error_page 404 ${OWN_PREFIX}not-found.html;`);
}

function listenHttps(out: Writer, options: ProxyRenderOptions, isDefault: boolean): void {
  const flags = `ssl${options.http2 === 'listen' ? ' http2' : ''}${isDefault ? ' default_server' : ''}`;
  out.line(`listen ${options.httpsListen} ${flags};`);
  if (options.http2 === 'directive') out.line('http2 on;');
}

function headersInclude(options: ProxyRenderOptions, kind: 'app' | 'dashboard' | 'console'): string {
  return `include ${options.configDirectory}/snippets/security-headers${kind === 'app' ? '' : `-${kind}`}.conf;`;
}

function groupByHost(routed: readonly RoutedService[]): Map<string, RoutedService[]> {
  const hosts = new Map<string, RoutedService[]>();
  for (const entry of routed) hosts.set(entry.route.host, [...(hosts.get(entry.route.host) ?? []), entry]);
  return new Map([...hosts.entries()].sort(([a], [b]) => compare(a, b)));
}

const zone = (service: string): string => `aistack_${service}`;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
