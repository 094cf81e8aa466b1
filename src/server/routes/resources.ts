import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

/** GET /api/resources: the host and every container's latest sample. */
export const resourcesRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine }) => {
  app.get(
    '/api/resources',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['containers'],
            properties: { host: { $ref: 'host#' }, containers: { type: 'array', items: { $ref: 'container#' } } },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ host: engine.host(), containers: engine.containers() }),
  );
};
