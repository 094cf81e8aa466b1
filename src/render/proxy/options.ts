import { PROXY_HEALTH } from '../../catalog/proxy.js';
import { CONSOLE_SOCKET_FILE } from '../../stack/project-layout.js';
import { CONSOLE_SOCKET_DIRECTORY } from '../../stack/resolve/proxy.js';

/**
 * Where things are inside the proxy container, and the few knobs tests turn to run the same
 * config with the host's nginx. Every default is what the compose file mounts.
 */
export interface ProxyRenderOptions {
  /** Docker's embedded DNS; `undefined` renders no resolver (upstream addresses must be IPs). @default 127.0.0.11 */
  readonly resolver: string | undefined;
  /**
   * Seconds nginx keeps an upstream's addresses. Swarm takes a stopping task out of its DNS 2 s
   * before it stops the container (moby's gossip converge delay), so the swarm target needs less
   * than that for old tasks to leave nginx before they stop. @default 10
   */
  readonly resolverValidSeconds: number;
  /** Where ./proxy is mounted. @default /etc/nginx/aistack */
  readonly configDirectory: string;
  /** Certificate chain (leaf first) and key. @default /etc/nginx/tls/live/fullchain.pem, /etc/nginx/tls/live/privkey.pem */
  readonly certificateFile: string;
  readonly keyFile: string;
  /** Issuer chain for OCSP stapling verification. @default /etc/nginx/tls/live/chain.pem */
  readonly trustedCertificateFile: string;
  /** Staple OCSP only when the certificate names a responder (Let's Encrypt no longer does). @default false */
  readonly ocspStapling: boolean;
  /** Directory compose secrets are mounted in. @default /run/secrets */
  readonly secretsDirectory: string;
  /** Webroot of ACME http-01 challenge files (served at /.well-known/acme-challenge/). @default /var/www/acme */
  readonly acmeDirectory: string;
  /** Ports nginx listens on. @default 80 and 443 */
  readonly httpListen: string;
  readonly httpsListen: string;
  /** Loopback port of the health server (the image's health check). */
  readonly healthListen: string;
  /** The HTTPS port clients use, for redirects. @default the stack's proxy.httpsPort */
  readonly publicHttpsPort: number | undefined;
  /** nginx 1.25.1+ takes `http2 on;`; older ones `listen … http2`. @default listen */
  readonly http2: 'directive' | 'listen';
  /** Access log target (the container's stdout). @default /dev/stdout */
  readonly accessLog: string;
  /** Worker user; `undefined` renders none. @default nginx */
  readonly user: string | undefined;
  /** Upstream address of a service (`ollama:11434`); tests map services to loopback ports. */
  readonly upstreamAddress: (service: string, port: number) => string;
  /** The console route's upstream: the unix socket of `aistack serve`, as the proxy container sees it. */
  readonly consoleSocket: string;
  /** Per-route request rate and burst (per client address). @default 20r/s, burst 100 */
  readonly rate: string;
  readonly burst: number;
  /** Basic-auth attempts (a password sent without a proxy session) per client address. @default 10r/m, burst 10 */
  readonly authAttemptRate: string;
  readonly authAttemptBurst: number;
}

export const DEFAULT_PROXY_OPTIONS: ProxyRenderOptions = {
  resolver: '127.0.0.11',
  resolverValidSeconds: 10,
  configDirectory: '/etc/nginx/aistack',
  certificateFile: '/etc/nginx/tls/live/fullchain.pem',
  keyFile: '/etc/nginx/tls/live/privkey.pem',
  trustedCertificateFile: '/etc/nginx/tls/live/chain.pem',
  ocspStapling: false,
  secretsDirectory: '/run/secrets',
  acmeDirectory: '/var/www/acme',
  httpListen: '80',
  httpsListen: '443',
  healthListen: `127.0.0.1:${PROXY_HEALTH.port}`,
  publicHttpsPort: undefined,
  // `listen … http2` works on every nginx since 1.9.5 (1.25.1+ only warns that it is deprecated),
  // so mirrored or distribution nginx images older than the catalog's pinned one still start.
  http2: 'listen',
  accessLog: '/dev/stdout',
  user: 'nginx',
  upstreamAddress: (service, port) => `${service}:${port}`,
  consoleSocket: `${CONSOLE_SOCKET_DIRECTORY}/${CONSOLE_SOCKET_FILE}`,
  rate: '20r/s',
  burst: 100,
  authAttemptRate: '10r/m',
  authAttemptBurst: 10,
};

/** The service whose route is aistack's own dashboard (strict CSP). */
export const DASHBOARD_SERVICE = 'monitor';

/**
 * Sub-path services that expect the proxy to strip their prefix (catalog-facts: n8n's
 * `N8N_PATH` with a prefix-stripping proxy). Others (LiteLLM's SERVER_ROOT_PATH) keep it.
 */
export const STRIP_PREFIX_SERVICES: ReadonlySet<string> = new Set(['n8n']);
