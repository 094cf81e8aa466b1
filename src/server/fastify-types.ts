import type { Session } from './auth/session-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook of the protected scope; null on public routes. */
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** A page for browsers: without a session, redirect to /login instead of 401. */
    page?: boolean;
  }
}
