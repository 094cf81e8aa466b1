import type { FastifyPluginAsync } from 'fastify';
import type { AuthContext } from '../auth/auth-context.js';
import { sessionCookieOptions } from '../auth/session-cookie.js';
import { emptyBodySchema, errorResponses } from '../schemas.js';

export interface SessionRoutesOptions {
  readonly auth: AuthContext;
}

/** GET /api/session (who am I, and the CSRF token) and POST /api/logout. Protected. */
export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, { auth }) => {
  app.get(
    '/api/session',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['user', 'csrfToken'],
            properties: { user: { type: 'string' }, csrfToken: { type: 'string' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ user: request.session?.user ?? '', csrfToken: request.session?.csrfToken ?? '' }),
  );

  app.post(
    '/api/logout',
    {
      schema: {
        body: emptyBodySchema,
        response: {
          200: { type: 'object', additionalProperties: false, required: ['ok'], properties: { ok: { type: 'boolean' } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (request.session) auth.sessions.delete(request.session.id);
      void reply.clearCookie(auth.cookie.name, { ...sessionCookieOptions(auth.cookie), maxAge: 0 });
      return { ok: true };
    },
  );
};
