/** Cookie settings of the session id. */
export interface SessionCookie {
  readonly name: string;
  readonly secure: boolean;
  readonly maxAgeSeconds: number;
}

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and Path=/, so a
 * sibling subdomain of the stack cannot plant or overwrite it.
 */
export function createSessionCookie(secure: boolean, maxAgeSeconds: number): SessionCookie {
  return { name: secure ? '__Host-aistack-session' : 'aistack-session', secure, maxAgeSeconds };
}

export function sessionCookieOptions(cookie: SessionCookie): {
  readonly path: '/';
  readonly httpOnly: true;
  readonly secure: boolean;
  readonly sameSite: 'strict';
  readonly maxAge: number;
} {
  return { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'strict', maxAge: cookie.maxAgeSeconds };
}
