import type { FastifyPluginAsync } from 'fastify';
import { ServerError } from '../../../errors.js';
import { openEventStream } from '../../event-stream.js';
import type { EventStream } from '../../event-stream.js';
import { eventStreamResponse } from '../../schemas.js';
import { actorOf } from './actor.js';
import { consoleErrors, MANIFEST_BODY_LIMIT, manifestText, revisionId, version } from './console-schemas.js';
import type { ConsoleRoutesOptions } from './manifest.js';

const operationId = { type: 'string', pattern: '^[A-Za-z0-9_-]{16}$' } as const;
const startedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['operation', 'events'],
  properties: { operation: { type: 'string' }, events: { type: 'string' } },
} as const;

export interface ApplyRoutesOptions extends ConsoleRoutesOptions {
  readonly streams: Set<EventStream>;
}

/**
 * POST /api/console/apply (and restore): the CLI's deploy, started holding the stack lock, answered
 * 202 with the operation whose progress GET /api/console/operations/:id/events streams (SSE).
 */
export const consoleApplyRoutes: FastifyPluginAsync<ApplyRoutesOptions> = async (app, { service, streams }) => {
  app.post<{ Body: { text: string; baseVersion: string; confirmWarnings?: boolean; confirmOutsidePaths?: boolean; restoreOf?: string } }>(
    '/api/console/apply',
    {
      bodyLimit: MANIFEST_BODY_LIMIT,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text', 'baseVersion'],
          properties: {
            text: manifestText,
            baseVersion: version,
            confirmWarnings: { type: 'boolean' },
            confirmOutsidePaths: { type: 'boolean' },
            restoreOf: revisionId,
          },
        },
        response: { 202: startedSchema, ...consoleErrors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const operation = await service.apply(actorOf(request), {
        text: body.text,
        baseVersion: body.baseVersion,
        confirmWarnings: body.confirmWarnings === true,
        confirmOutsidePaths: body.confirmOutsidePaths === true,
        ...(body.restoreOf === undefined ? {} : { restoreOf: Number(body.restoreOf) }),
      });
      return reply.code(202).send({ operation: operation.id, events: `/api/console/operations/${operation.id}/events` });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/console/operations/:id/events',
    {
      schema: {
        params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: operationId } },
        response: eventStreamResponse,
      },
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      const operation = service.operations.get(request.params.id);
      if (!operation)
        throw new ServerError('AIS_SERVER_NOT_FOUND', { operation: request.params.id, hint: 'it ended long ago; see the history' });
      const stream = openEventStream(request, reply, { registry: streams });
      for (const event of operation.events) stream.send(event.type, event.data);
      if (operation.finished) {
        stream.close();
        return;
      }
      const listener = (event: { type: string; data: unknown }): void => {
        stream.send(event.type, event.data);
        if (event.type === 'done') stream.close();
      };
      operation.listeners.add(listener);
      stream.onClose(() => operation.listeners.delete(listener));
    },
  );
};
