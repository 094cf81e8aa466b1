import type { FastifyPluginAsync } from 'fastify';
import { ServerError } from '../../../errors.js';
import { actorOf } from './actor.js';
import { consoleErrors } from './console-schemas.js';
import type { ConsoleRoutesOptions } from './manifest.js';

const secretName = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,100}$' } as const;

/** Secrets: names, kinds, ages and consumers (never a value), and rotation with a confirmation. */
export const consoleSecretsRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, { service }) => {
  app.get(
    '/api/console/secrets',
    {
      schema: {
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'kind', 'critical', 'protects', 'consumers', 'created', 'rotated', 'ageDays'],
              properties: {
                name: { type: 'string' },
                kind: { type: 'string' },
                critical: { type: 'boolean' },
                protects: { type: 'string' },
                consumers: { type: 'array', items: { type: 'string' } },
                created: { type: ['string', 'null'] },
                rotated: { type: ['string', 'null'] },
                ageDays: { type: ['integer', 'null'] },
              },
            },
          },
          ...consoleErrors,
        },
      },
    },
    async (request) => service.listSecrets(actorOf(request)),
  );

  app.post<{ Params: { name: string }; Body: { confirm: string } }>(
    '/api/console/secrets/:name/rotate',
    {
      schema: {
        params: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: secretName } },
        body: { type: 'object', additionalProperties: false, required: ['confirm'], properties: { confirm: secretName } },
        response: {
          202: {
            type: 'object',
            additionalProperties: false,
            required: ['operation', 'events'],
            properties: { operation: { type: 'string' }, events: { type: 'string' } },
          },
          ...consoleErrors,
        },
      },
    },
    async (request, reply) => {
      if (request.body.confirm !== request.params.name) {
        throw new ServerError('AIS_SERVER_NEEDS_CONFIRMATION', {
          secret: request.params.name,
          hint: 'rotation changes the secret in its server and restarts the services that read it at start',
        });
      }
      const operation = await service.rotate(actorOf(request), request.params.name);
      return reply.code(202).send({ operation: operation.id, events: `/api/console/operations/${operation.id}/events` });
    },
  );
};
