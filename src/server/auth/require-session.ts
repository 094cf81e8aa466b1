import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { ServerError } from '../../errors.js';
import { assertCsrfToken, assertSameOrigin, isStateChanging } from './csrf.js';
import type { SessionCookie } from './session-cookie.js';
import type { Session, SessionStore } from './session-store.js';

/**
 * The auth hook of the protected scope: every route registered in that scope (and in plugins
 * registered inside it) needs a live session, and state-changing ones a CSRF token too.
 * Pages (`config.page`) send a browser to the login page instead of answering 401. A viewer
 * session is read-only: see `assertRoleAllows`.
 */
export function requireSession(scope: FastifyInstance, sessions: SessionStore, cookie: SessionCookie): void {
  scope.addHook('onRequest', async (request, reply) => {
    const session = sessions.get(request.cookies[cookie.name]);
    if (!session) {
      if (request.routeOptions.config.page === true && (request.method === 'GET' || request.method === 'HEAD')) {
        return reply.redirect('/login', 303);
      }
      throw new ServerError('AIS_SERVER_UNAUTHENTICATED', { hint: 'log in at /login' });
    }
    if (isStateChanging(request.method)) {
      assertSameOrigin(request);
      assertCsrfToken(request, session.csrfToken);
    }
    // Set before the role check, so the console's audit of refusals knows who was refused.
    request.session = session;
    assertRoleAllows(session, request.method, request.routeOptions.config);
    return undefined;
  });
}

/**
 * The viewer role reads the monitoring pages and nothing else: every state-changing route but
 * logout (`config.viewerMayWrite`), and every admin-only route (`config.adminOnly`: the console's
 * page and API) even on GET, answer 403. Checked after the CSRF token, so a forged request from
 * a viewer's browser is refused as CSRF first.
 */
export function assertRoleAllows(session: Session, method: string, config: FastifyContextConfig): void {
  if (session.role === 'admin') return;
  if (config.adminOnly === true) {
    throw new ServerError('AIS_SERVER_FORBIDDEN', {
      asked: 'admin-only',
      hint: 'log in as the admin user',
    });
  }
  if (isStateChanging(method) && config.viewerMayWrite !== true) {
    throw new ServerError('AIS_SERVER_FORBIDDEN', { asked: 'state-changing', hint: 'log in as the admin user' });
  }
}
