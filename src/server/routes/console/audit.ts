import type { FastifyPluginAsync } from 'fastify';
import { consoleErrors } from './console-schemas.js';
import type { ConsoleRoutesOptions } from './manifest.js';

/** GET /api/console/audit: the console's audit log, newest first. */
export const consoleAuditRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, { service }) => {
  app.get<{ Querystring: { limit: number } }>(
    '/api/console/audit',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } },
        },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'at', 'user', 'action', 'detail', 'address'],
              properties: {
                id: { type: 'integer' },
                at: { type: 'number' },
                user: { type: 'string' },
                action: { type: 'string' },
                detail: { type: 'string' },
                revision: { type: 'integer' },
                address: { type: 'string' },
              },
            },
          },
          ...consoleErrors,
        },
      },
    },
    async (request) => service.audit.list(request.query.limit),
  );
};
