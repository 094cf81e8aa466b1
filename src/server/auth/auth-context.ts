import type { AdminCredentials } from './admin-credentials.js';
import type { LoginThrottle } from './login-throttle.js';
import type { SessionCookie } from './session-cookie.js';
import type { SessionStore } from './session-store.js';

/** Everything the auth routes and hooks share. */
export interface AuthContext {
  readonly admin: AdminCredentials;
  /** The viewer role's login, when `aistack serve` has a viewer password file. */
  readonly viewer?: AdminCredentials;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;
  readonly cookie: SessionCookie;
  /** Bearer token of /metrics; undefined turns /metrics off (every scrape gets 401). */
  readonly metricsToken: string | undefined;
}
