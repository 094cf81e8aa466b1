import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

/** GET /api/rules: built-in and user alert rules. */
export const rulesRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine }) => {
  app.get(
    '/api/rules',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['rules'],
            properties: { rules: { type: 'array', items: { $ref: 'alertRule#' } } },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ rules: engine.rules() }),
  );
};
