/**
 * Security headers, as nginx `add_header … always` lines. `always` keeps them on error
 * responses; the renderer includes the snippet in EVERY block that sets headers, because nginx
 * inherits add_header only into blocks that define none of their own.
 */

export const HSTS = 'max-age=63072000; includeSubDomains';

const COMMON: readonly (readonly [string, string])[] = [
  ['Strict-Transport-Security', HSTS],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-XSS-Protection', '0'],
  ['Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), interest-cohort=()'],
];

/** What the proxy adds to every service's CSP: no framing by other sites. */
export const APP_FRAME_ANCESTORS = "frame-ancestors 'self'";

/**
 * The CSP of services' pages, one header: the service's own policy (hidden from upstream, see
 * HIDDEN_UPSTREAM_HEADERS) with `frame-ancestors 'self'` in front — of duplicate directives the
 * first counts — or that alone when the service sends none. Set by a map in nginx.conf.
 */
export const APP_CSP_VARIABLE = 'aistack_app_csp';

/** Services' own pages: they may not be framed by other sites; their scripts are theirs to police. */
export const APP_HEADERS: readonly (readonly [string, string])[] = [
  ...COMMON,
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['Content-Security-Policy', `$${APP_CSP_VARIABLE}`],
];

/**
 * aistack's dashboard: our own code, so a strict CSP with no inline scripts or eval — the same
 * policy aistack's server sends itself (src/server/security-headers.ts; a test keeps them equal),
 * whose copy is hidden so the header appears once.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const DASHBOARD_HEADERS: readonly (readonly [string, string])[] = [
  ...COMMON,
  ['X-Frame-Options', 'DENY'],
  ['Content-Security-Policy', DASHBOARD_CSP],
];

/** Set by a map in nginx.conf: the console server's own CSP, or DASHBOARD_CSP when it sends none. */
export const CONSOLE_CSP_VARIABLE = 'aistack_console_csp';

/**
 * The console route (`console.route`): `aistack serve` sends the same strict policy itself, but the
 * console page's carries a per-response nonce for CodeMirror's generated <style> elements, so its
 * own header is passed on (one header: the upstream copy stays hidden) instead of a fixed one.
 */
export const CONSOLE_HEADERS: readonly (readonly [string, string])[] = [
  ...COMMON,
  ['X-Frame-Options', 'DENY'],
  ['Content-Security-Policy', `$${CONSOLE_CSP_VARIABLE}`],
];

/** Upstream copies of the headers we set, hidden so a response never carries two. */
export const HIDDEN_UPSTREAM_HEADERS: readonly string[] = [
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'Referrer-Policy',
  'X-XSS-Protection',
  'Permissions-Policy',
  'X-Frame-Options',
  'Content-Security-Policy',
  'X-Powered-By',
];

export function renderHeaderSnippet(headers: readonly (readonly [string, string])[]): string {
  return headers.map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n') + '\n';
}
