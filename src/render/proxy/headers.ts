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

/** Services' own pages: they may not be framed by other sites; their scripts are theirs to police. */
export const APP_HEADERS: readonly (readonly [string, string])[] = [
  ...COMMON,
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['Content-Security-Policy', "frame-ancestors 'self'"],
];

/** aistack's dashboard: our own code, so a strict CSP with no inline scripts or eval. */
export const DASHBOARD_HEADERS: readonly (readonly [string, string])[] = [
  ...COMMON,
  ['X-Frame-Options', 'DENY'],
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  ],
];

/** Upstream copies of the headers we set, hidden so a response never carries two. */
export const HIDDEN_UPSTREAM_HEADERS: readonly string[] = [
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'Referrer-Policy',
  'X-XSS-Protection',
  'Permissions-Policy',
  'X-Frame-Options',
  'X-Powered-By',
];

export function renderHeaderSnippet(headers: readonly (readonly [string, string])[]): string {
  return headers.map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n') + '\n';
}
