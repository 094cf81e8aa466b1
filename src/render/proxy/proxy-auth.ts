import { PROXY_SESSION_COOKIE, PROXY_SESSION_SECRETS } from '../../stack/proxy-session.js';
import type { StackRoute } from '../../stack/types.js';
import type { ProxyRenderOptions } from './options.js';
import type { RoutedService } from './render-proxy.js';
import type { Writer } from './writer.js';

/**
 * Basic auth in front of services without a login, with a brute-force throttle that decides
 * before the password is checked.
 *
 * nginx's limit_req can only count a request when it checks it, so the throttle counts
 * attempts, not failures: every request that sends a basic-auth password without a valid proxy
 * session counts (10 per minute per client, burst 10), and one over budget is refused with 429
 * in the preaccess phase, before auth_basic hashes anything — the right password included. A
 * browser that logged in gets a session cookie (a random key from a mounted secret, never the
 * password), and requests with a valid session skip both the count and the password check. Bearer
 * keys (API routes) are checked by an exact map lookup, cost nothing, and are not attempts.
 */

/** The limit_req key: the client address for a basic-auth attempt, empty (not counted) otherwise. */
export const AUTH_ATTEMPT_VARIABLE = 'aistack_auth_attempt';
export const AUTH_ATTEMPT_ZONE = 'aistack_auth_attempts';
/** The Cookie header sent upstream: the client's, without the proxy's session cookie. */
export const UPSTREAM_COOKIE_VARIABLE = 'aistack_upstream_cookie';

const SESSION_VALID = 'aistack_session_valid';
const SESSION_OFFER = 'aistack_session_offer';
const SET_COOKIE = 'aistack_session_set_cookie';
const REALM = 'aistack_realm';

export function hasProxyAuth(routed: readonly RoutedService[]): boolean {
  return routed.some(({ route }) => route.proxyAuth && route.htpasswdSecret !== undefined);
}

export function renderAuthMaps(out: Writer, routed: readonly RoutedService[], options: ProxyRenderOptions): void {
  out.comment(`Upstreams never see the proxy's session cookie (${PROXY_SESSION_COOKIE}).`);
  out.block(`map $http_cookie $${UPSTREAM_COOKIE_VARIABLE}`, () => {
    out.line('default $http_cookie;');
    out.line(
      `"~^(?<aistack_cookie_head>.*);\\s*${PROXY_SESSION_COOKIE}=[^;]*(?<aistack_cookie_tail>.*)$" "$aistack_cookie_head$aistack_cookie_tail";`,
    );
    out.line(`"~^${PROXY_SESSION_COOKIE}=[^;]*;?\\s*(?<aistack_cookie_rest>.*)$" "$aistack_cookie_rest";`);
  });
  if (!hasProxyAuth(routed)) return;
  out.comment('Proxy sessions: the cookie values nginx accepts and the one it hands out come from mounted secret files.');
  out.block(`map $cookie_${PROXY_SESSION_COOKIE} $${SESSION_VALID}`, () => {
    out.line('default 0;');
    out.line(`include ${options.secretsDirectory}/${PROXY_SESSION_SECRETS.map};`);
  });
  out.block(`map $http_authorization $${SESSION_OFFER}`, () => {
    out.line('default "";');
    out.line(`include ${options.secretsDirectory}/${PROXY_SESSION_SECRETS.cookie};`);
  });
  out.block(`map $${SESSION_VALID} $${SET_COOKIE}`, () => {
    out.line('1 "";');
    out.line(`default $${SESSION_OFFER};`);
  });
  out.comment('A basic-auth password sent without a valid session is a login attempt (counted before it is checked).');
  out.block(`map "$${SESSION_VALID}:$http_authorization" $${AUTH_ATTEMPT_VARIABLE}`, () => {
    out.line('default "";');
    out.line('"~*^0:basic " $binary_remote_addr;');
  });
  out.block(`map $${SESSION_VALID} $${REALM}`, () => {
    out.line('1 off;');
    out.line('default "aistack";');
  });
  for (const secret of bearerSecrets(routed)) {
    out.comment(
      `A bearer key (the ${secret} password) is accepted instead of basic auth on API routes; the entries come from a mounted secret file.`,
    );
    out.block(`map $http_authorization $${bearerVariable(secret)}`, () => {
      out.line('default 0;');
      out.line(`include ${options.secretsDirectory}/${secret}-bearer*;`);
    });
    out.block(`map "$${SESSION_VALID}$${bearerVariable(secret)}" $${realmVariable(secret)}`, () => {
      out.line('default "aistack";');
      out.line('"~1" off;');
    });
  }
}

/** The lines of a protected location: the attempt throttle, the password check, the session cookie. */
export function renderAuthLines(out: Writer, route: StackRoute, options: ProxyRenderOptions): void {
  const secret = route.htpasswdSecret;
  if (secret === undefined) return;
  out.line(`limit_req zone=${AUTH_ATTEMPT_ZONE} burst=${options.authAttemptBurst} nodelay;`);
  out.line(`auth_basic $${route.bearer ? realmVariable(secret) : REALM};`);
  out.line(`auth_basic_user_file ${options.secretsDirectory}/${secret};`);
  // Without `always`: only successful (2xx/3xx) answers, i.e. after the password was accepted.
  out.line(`add_header Set-Cookie $${SET_COOKIE};`);
}

function bearerSecrets(routed: readonly RoutedService[]): string[] {
  return [
    ...new Set(routed.flatMap(({ route }) => (route.bearer && route.proxyAuth && route.htpasswdSecret ? [route.htpasswdSecret] : []))),
  ].sort();
}

const bearerVariable = (secret: string): string => `aistack_bearer_${secret.replace(/-/g, '_')}`;
const realmVariable = (secret: string): string => `aistack_realm_${secret.replace(/-/g, '_')}`;
