import type { FastifyPluginAsync } from 'fastify';
import { ServerError } from '../../errors.js';
import type { AuthContext } from '../auth/auth-context.js';
import { assertSameOrigin } from '../auth/csrf.js';
import { sessionCookieOptions } from '../auth/session-cookie.js';
import { errorResponses } from '../schemas.js';

export interface LoginRoutesOptions {
  readonly auth: AuthContext;
  /** Told of every login attempt that got to the password check (the console's audit log). */
  readonly onLogin?: (user: string, address: string, ok: boolean) => void;
}

const sessionBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['user', 'role', 'csrfToken'],
  properties: { user: { type: 'string' }, role: { enum: ['admin', 'viewer'] }, csrfToken: { type: 'string' } },
} as const;

/**
 * POST /api/login (public). JSON only: a cross-site HTML form cannot send application/json, and
 * the Origin check refuses the rest (login CSRF). Throttled per address and per user.
 */
export const loginRoutes: FastifyPluginAsync<LoginRoutesOptions> = async (app, { auth, onLogin }) => {
  app.post<{ Body: { user: string; password: string } }>(
    '/api/login',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['user', 'password'],
          properties: {
            user: { type: 'string', minLength: 1, maxLength: 128 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        response: { 200: sessionBodySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request);
      const { user, password } = request.body;
      // Counted before the password is checked, so concurrent attempts cannot all get checked.
      const wait = auth.throttle.beginAttempt(request.ip, user);
      if (wait > 0) throw throttled(wait);
      // The name picks the account; either way exactly one bcrypt comparison runs.
      const viewer = user === auth.viewer?.user ? auth.viewer : undefined;
      const account = viewer ?? auth.admin;
      if (!(await account.verify(user, password))) {
        onLogin?.(user.slice(0, 128), request.ip, false);
        throw new ServerError('AIS_SERVER_BAD_CREDENTIALS', {
          hint: `the password is in the monitor's admin password file`,
        });
      }
      auth.throttle.recordSuccess(request.ip, user);
      onLogin?.(account.user, request.ip, true);
      // A fresh id on every login, so a planted id never becomes a session (fixation).
      const previous = request.cookies[auth.cookie.name];
      if (previous !== undefined) auth.sessions.delete(previous);
      const session = auth.sessions.create(account.user, viewer ? 'viewer' : 'admin');
      void reply.setCookie(auth.cookie.name, session.id, sessionCookieOptions(auth.cookie));
      return { user: session.user, role: session.role, csrfToken: session.csrfToken };
    },
  );
};

function throttled(seconds: number): ServerError {
  return Object.assign(
    new ServerError('AIS_SERVER_THROTTLED', {
      seconds,
      hint: 'wait, then log in with the password from the admin password file',
    }),
    { retryAfterSeconds: seconds },
  );
}
