import type { Session } from './auth/session-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook of the protected scope; null on public routes. */
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** A page for browsers: without a session, redirect to /login instead of 401. */
    page?: boolean;
    /** Only the admin role: a viewer session gets 403 AIS_SERVER_FORBIDDEN, also on GET. */
    adminOnly?: boolean;
    /** A state-changing route a viewer may call too (logout). Every other one needs the admin role. */
    viewerMayWrite?: boolean;
  }
}
