import type { FastifyPluginAsync } from 'fastify';

/** GET /livez: the only unauthenticated data route. Says the process answers, nothing more. */
export const livenessRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/livez',
    {
      schema: {
        response: {
          200: { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string' } } },
        },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { status: 'ok' };
    },
  );
};
