import type { FastifyPluginAsync } from 'fastify';
import { emptyBodySchema, errorResponses } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

/** POST /api/notifications/test: send a test message through every configured notifier. */
export const notificationsRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine }) => {
  app.post(
    '/api/notifications/test',
    {
      schema: {
        body: emptyBodySchema,
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['results'],
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['notifier', 'ok', 'message'],
                  properties: { notifier: { type: 'string' }, ok: { type: 'boolean' }, message: { type: 'string' } },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ results: await engine.sendTestNotification() }),
  );
};
