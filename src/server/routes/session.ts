import type { FastifyPluginAsync } from 'fastify';
import type { AuthContext } from '../auth/auth-context.js';
import { sessionCookieOptions } from '../auth/session-cookie.js';
import { emptyBodySchema, errorResponses } from '../schemas.js';

export interface SessionRoutesOptions {
  readonly auth: AuthContext;
  /** Whether this server runs the configuration console (the in-stack monitor does not). */
  readonly console?: boolean;
  /** Where the console is reached through the proxy (`console.route`), for a server that does not run it. */
  readonly consoleUrl?: string;
}

/** GET /api/session (who am I, and the CSRF token) and POST /api/logout. Protected. */
export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, { auth, console: hasConsole = false, consoleUrl }) => {
  app.get(
    '/api/session',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['user', 'role', 'csrfToken', 'console'],
            properties: {
              user: { type: 'string' },
              role: { enum: ['admin', 'viewer'] },
              csrfToken: { type: 'string' },
              console: { type: 'boolean' },
              consoleUrl: { type: 'string' },
            },
          },
          ...errorResponses,
        },
      },
    },
    // `console` says whether this session may use the console here (never for a viewer).
    async (request) => ({
      user: request.session?.user ?? '',
      role: request.session?.role ?? 'viewer',
      csrfToken: request.session?.csrfToken ?? '',
      console: hasConsole && request.session?.role === 'admin',
      ...(!hasConsole && consoleUrl !== undefined ? { consoleUrl } : {}),
    }),
  );

  app.post(
    '/api/logout',
    {
      config: { viewerMayWrite: true },
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
