import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

/** GET /api/alerts: what fires now, and the latest history (firing and resolved). */
export const alertsRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine }) => {
  app.get<{ Querystring: { limit: number } }>(
    '/api/alerts',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['firing', 'history'],
            properties: { firing: { type: 'array', items: { $ref: 'alert#' } }, history: { type: 'array', items: { $ref: 'alert#' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ firing: engine.alerts('firing'), history: engine.alerts('all', request.query.limit) }),
  );
};
