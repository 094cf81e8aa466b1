import type { FastifyInstance } from 'fastify';
import { ServerError } from '../../errors.js';
import { assertCsrfToken, assertSameOrigin, isStateChanging } from './csrf.js';
import type { SessionCookie } from './session-cookie.js';
import type { SessionStore } from './session-store.js';

/**
 * The auth hook of the protected scope: every route registered in that scope (and in plugins
 * registered inside it) needs a live session, and state-changing ones a CSRF token too.
 * Pages (`config.page`) send a browser to the login page instead of answering 401.
 */
export function requireSession(scope: FastifyInstance, sessions: SessionStore, cookie: SessionCookie): void {
  scope.addHook('onRequest', async (request, reply) => {
    const session = sessions.get(request.cookies[cookie.name]);
    if (!session) {
      if (request.routeOptions.config.page === true && (request.method === 'GET' || request.method === 'HEAD')) {
        return reply.redirect('/login', 303);
      }
      throw new ServerError('AIS_SERVER_UNAUTHENTICATED', 'not logged in', { hint: 'log in at /login' });
    }
    if (isStateChanging(request.method)) {
      assertSameOrigin(request);
      assertCsrfToken(request, session.csrfToken);
    }
    request.session = session;
    return undefined;
  });
}
