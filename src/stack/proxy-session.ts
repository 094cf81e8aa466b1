import type { StackSecret } from './types.js';

/** The cookie the proxy gives a browser after one successful basic-auth login. */
export const PROXY_SESSION_COOKIE = 'aistack_proxy_session';

/** The random session key, and the two nginx `map` files made from it (mounted into the proxy). */
export const PROXY_SESSION_SECRETS = {
  key: 'proxy-session-key',
  /** `"<key>" 1;`: the cookie values nginx accepts. */
  map: 'proxy-session-map',
  /** The Set-Cookie value nginx sends after a successful basic-auth request. */
  cookie: 'proxy-session-cookie',
} as const;

/**
 * The secrets behind proxy sessions. Basic-auth attempts are counted before the password is
 * checked (so a throttled client is refused even with the right password); a browser would make
 * one attempt per request, so after a successful login it gets a session cookie, and requests
 * with a valid session are neither attempts nor password checks. The cookie is a random key, not
 * the password, so guessing it is hopeless and needs no throttle.
 */
export function proxySessionSecrets(): readonly Omit<StackSecret, 'usedBy' | 'consumers'>[] {
  const from = PROXY_SESSION_SECRETS.key;
  return [
    {
      name: PROXY_SESSION_SECRETS.key,
      kind: 'hex32',
      protects: 'proxy login sessions (the cookie a browser gets after basic auth); rotating it logs every browser out',
      critical: false,
    },
    {
      name: PROXY_SESSION_SECRETS.map,
      kind: 'hex32',
      protects: 'the nginx map of valid proxy session cookies (made from proxy-session-key)',
      critical: false,
      derive: { from, template: '"{value}" 1;\n' },
    },
    {
      name: PROXY_SESSION_SECRETS.cookie,
      kind: 'hex32',
      protects: 'the Set-Cookie value of proxy sessions (made from proxy-session-key)',
      critical: false,
      derive: {
        from,
        template: `"~*^basic " "${PROXY_SESSION_COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=Lax";\n`,
      },
    },
  ];
}
